package io.anidoc.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.image.Images;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;

class ClipInputLoaderTest {

    @TempDir
    Path dir;

    /** A store of bytes by address, standing in for a blob store. */
    private final Map<String, byte[]> stored = new HashMap<>();
    private final BlobFetcher fetcher = uri -> {
        byte[] bytes = stored.get(uri);
        if (bytes == null) {
            throw new FileNotFoundException("no blob " + uri);
        }
        return bytes;
    };

    @BeforeEach
    void generateShot() throws IOException {
        SyntheticShotGenerator.generate(SynthOptions.defaults().withSize(96, 64).withFrames(3), dir);
        for (int i = 0; i < 3; i++) {
            stored.put("line-" + i, Files.readAllBytes(dir.resolve("line").resolve(SyntheticShotGenerator.frameName(i))));
        }
        stored.put("key-0", Files.readAllBytes(dir.resolve("keys").resolve(SyntheticShotGenerator.frameName(0))));
        stored.put("key-2", Files.readAllBytes(dir.resolve("keys").resolve(SyntheticShotGenerator.frameName(2))));
    }

    @Test
    void loadsTheSamePixelsAsReadingTheFiles() throws IOException {
        ClipInput input = ClipInputLoader.load(List.of(
                new FrameBlobs(0, "line-0", "key-0"),
                new FrameBlobs(1, "line-1", null),
                new FrameBlobs(2, "line-2", "key-2")), fetcher);

        assertThat(input.drawings()).containsExactly(1);
        assertThat(input.references()).containsExactly(0, 2);
        assertThat(input.lineImages()).containsOnlyKeys(0, 1, 2);
        assertThat(input.referenceColors()).containsOnlyKeys(0, 2);
        for (int i = 0; i < 3; i++) {
            assertSamePixels(input.lineImages().get(i), Images.read(dir.resolve("line").resolve(SyntheticShotGenerator.frameName(i))));
        }
        assertSamePixels(input.referenceColors().get(2), Images.read(dir.resolve("keys").resolve(SyntheticShotGenerator.frameName(2))));
        NativeImages.release(input);
        assertThat(input.lineImages().get(1).empty()).isTrue();
    }

    @Test
    void aKeyframeWithoutLineArtIsAReferenceWithoutLines() throws IOException {
        ClipInput input = ClipInputLoader.load(List.of(
                new FrameBlobs(1, "line-1", null),
                new FrameBlobs(0, null, "key-0")), fetcher);
        assertThat(input.references()).containsExactly(0);
        assertThat(input.lineImages()).containsOnlyKeys(1);
    }

    @Test
    void anUndecodableImageIsNamedByFrameAndAddress() {
        stored.put("broken", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertThatThrownBy(() -> ClipInputLoader.load(List.of(
                new FrameBlobs(0, "line-0", "key-0"),
                new FrameBlobs(1, "broken", null)), fetcher))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line art of frame 1 (broken)")
                .hasMessageContaining("not a decodable image (7 bytes)");
    }

    @Test
    void aMissingBlobFailsWithTheFetchersError() {
        assertThatThrownBy(() -> ClipInputLoader.load(List.of(
                new FrameBlobs(0, "line-0", "key-gone"),
                new FrameBlobs(1, "line-1", null)), fetcher))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessage("no blob key-gone");
    }

    @Test
    void framesMustMakeAClip() {
        assertThatThrownBy(() -> ClipInputLoader.load(List.of(new FrameBlobs(1, "line-1", null)), fetcher))
                .hasMessageContaining("at least one reference");
        assertThatThrownBy(() -> ClipInputLoader.load(List.of(
                new FrameBlobs(0, "line-0", "key-0"), new FrameBlobs(0, "line-0", null)), fetcher))
                .hasMessageContaining("frame 0 appears twice");
        assertThatThrownBy(() -> new FrameBlobs(3, null, null))
                .hasMessageContaining("frame 3 has neither line art nor a keyframe");
        assertThatThrownBy(() -> ClipInputLoader.load(List.of(), fetcher)).hasMessageContaining("at least one frame");
    }

    @Test
    void preparedLineArtGivesTheFramesTheEngineWouldPrepare() throws IOException {
        List<FrameBlobs> frames = List.of(
                new FrameBlobs(0, "line-0", "key-0"),
                new FrameBlobs(1, "line-1", null),
                new FrameBlobs(2, null, "key-2"));
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames prepared = engine.prepare(ClipInputLoader.load(frames, fetcher));
        // the broken drawing is never read: the prepared line art stands in for it
        stored.put("line-1", new byte[] {1, 2, 3});
        for (int i = 0; i < 3; i++) {
            stored.put("art-" + i, LineArtCodec.encode(prepared.lineArt().get(i)));
        }

        ClipFrames loaded = ClipInputLoader.loadPrepared(frames, List.of("art-0", "art-1", "art-2"), 96, 64, Map.of(), fetcher);

        assertThat(loaded.drawings()).containsExactly(1);
        assertThat(loaded.references()).containsExactly(0, 2);
        for (int i = 0; i < 3; i++) {
            assertSamePixels(loaded.lineArt().get(i).gray(), prepared.lineArt().get(i).gray());
            assertSamePixels(loaded.lineArt().get(i).ink(), prepared.lineArt().get(i).ink());
            assertSamePixels(loaded.lineArt().get(i).mainAlpha(), prepared.lineArt().get(i).mainAlpha());
        }
        assertSamePixels(loaded.referenceColors().get(2), prepared.referenceColors().get(2));
    }

    @Test
    void preparedLineArtMustFitTheClip() throws IOException {
        List<FrameBlobs> frames = List.of(new FrameBlobs(0, "line-0", "key-0"), new FrameBlobs(1, "line-1", null));
        ClipFrames prepared = new ClipEngine(EngineSettings.defaults()).prepare(ClipInputLoader.load(frames, fetcher));
        stored.put("art-0", LineArtCodec.encode(prepared.lineArt().get(0)));
        stored.put("gray", Images.encodePng(new Mat(64, 96, CvType.CV_8UC1, new Scalar(255))));

        assertThatThrownBy(() -> ClipInputLoader.loadPrepared(frames, List.of("art-0"), 96, 64, Map.of(), fetcher))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("normalized line art for 1 frames, but it has 2");
        assertThatThrownBy(() -> ClipInputLoader.loadPrepared(frames, List.of("art-0", "art-0"), 128, 64, Map.of(), fetcher))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("normalized line art of frame 0 (art-0)")
                .hasMessageContaining("expected 128x64");
        assertThatThrownBy(() -> ClipInputLoader.loadPrepared(frames, List.of("art-0", "gray"), 96, 64, Map.of(), fetcher))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("normalized line art of frame 1 (gray)")
                .hasMessageContaining("in three channels, got 96x64 in 1");
    }

    private static void assertSamePixels(Mat actual, Mat expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.type()).isEqualTo(expected.type());
        Mat diff = new Mat();
        Core.absdiff(actual, expected, diff);
        assertThat(Core.countNonZero(diff.reshape(1))).isZero();
    }
}
