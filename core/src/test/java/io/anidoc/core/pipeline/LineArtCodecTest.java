package io.anidoc.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.Images;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.lineart.LineArt;

class LineArtCodecTest {

    private static final int WIDTH = 40;
    private static final int HEIGHT = 24;

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    /** Three planes that differ everywhere, so a swapped or shifted plane cannot pass. */
    private static LineArt sample() {
        byte[] gray = new byte[WIDTH * HEIGHT];
        byte[] ink = new byte[WIDTH * HEIGHT];
        byte[] alpha = new byte[WIDTH * HEIGHT];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) (i * 7);
            ink[i] = (byte) (i % 4);
            alpha[i] = (byte) (255 - i % 251);
        }
        return new LineArt(WIDTH, HEIGHT, mat(gray), mat(ink), mat(alpha));
    }

    private static Mat mat(byte[] pixels) {
        Mat mat = new Mat(HEIGHT, WIDTH, CvType.CV_8UC1);
        mat.put(0, 0, pixels);
        return mat;
    }

    private static void assertSameLineArt(LineArt actual, LineArt expected) {
        assertThat(Pixels.bytes(actual.gray())).containsExactly(Pixels.bytes(expected.gray()));
        assertThat(Pixels.bytes(actual.ink())).containsExactly(Pixels.bytes(expected.ink()));
        assertThat(Pixels.bytes(actual.mainAlpha())).containsExactly(Pixels.bytes(expected.mainAlpha()));
    }

    @Test
    void roundTripsPixelForPixelAsOneZstandardFrame() {
        LineArt art = sample();

        byte[] bytes = LineArtCodec.encode(art);

        // Zstandard's frame magic, little-endian 0xFD2FB528
        assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0x28, 0xB5, 0x2F, 0xFD);
        assertSameLineArt(LineArtCodec.decode(bytes, WIDTH, HEIGHT, "frame 3"), art);
        assertThat(LineArtCodec.encode(LineArtCodec.decode(bytes, WIDTH, HEIGHT, "frame 3"))).isEqualTo(bytes);
    }

    @Test
    void lineArtStoredAsThreeChannelPngStillDecodes() {
        LineArt art = sample();
        Mat bgr = new Mat();
        // the earlier form: blue = opacity, green = ink, red = gray
        Core.merge(List.of(art.mainAlpha(), art.ink(), art.gray()), bgr);

        assertSameLineArt(LineArtCodec.decode(Images.encodePng(bgr), WIDTH, HEIGHT, "frame 3"), art);
    }

    @Test
    void bytesThatAreNotLineArtOfTheFrameFailNamingIt() {
        byte[] bytes = LineArtCodec.encode(sample());

        assertThatThrownBy(() -> LineArtCodec.decode(bytes, WIDTH + 1, HEIGHT, "frame 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame 3: expected 41x24 normalized line art in three planes (2952 bytes), got 2880 bytes");
        assertThatThrownBy(() -> LineArtCodec.decode(new byte[] {1, 2, 3, 4, 5}, WIDTH, HEIGHT, "frame 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("frame 3: not normalized line art");
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> LineArtCodec.decode(truncated, WIDTH, HEIGHT, "frame 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("frame 3: corrupt line art");
    }
}
