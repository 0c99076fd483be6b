package io.anidoc.colorizer.anidoc;

import io.anidoc.colorizer.ColorizeStep;
import io.anidoc.colorizer.ColorizerMain;
import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.embedded.inference.InferenceServer;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.inference.InferenceException;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.OpenResources;
import io.anidoc.runtime.testing.StageServiceUnderTest;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.runtime.testing.TestModelRepository;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.ColorizedFrame;
import io.anidoc.schemas.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The colorizer with {@code ANIDOC_COLORIZER_ENGINE=anidoc} against the embedded inference server
 * and its stand-in model (3 frames of 96x64, painting the reference's colors on the sketch's paper).
 */
class AnidocColorizerServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void snapsTheModelsColorsToTheReferencePalettePerRegion() throws Exception {
        StageServiceUnderTest service = colorizer(serve(TestModelRepository.copy(work.resolve("models"), "anidoc")));
        SynthClip clip = SynthClip.create(work.resolve("shot"), service.blobs(), "snap");
        send(service, clip);

        ClipColorized colorized = service.tail(Topic.CLIPS_COLORIZED, ClipColorized.class).awaitCount(1, WAIT).get(0).value();
        assertThat(colorized.getEngine()).isEqualTo(AnidocColorizer.SNAPPED_NAME);
        assertThat(colorized.getFrames()).extracting(ColorizedFrame::getIndex).containsExactly(0, 1, 2, 3);
        Set<Integer> referenceColors = new HashSet<>();
        for (int r : clip.plan().references()) {
            referenceColors.addAll(colors(decode(service.blobs(), colorized.getFrames().get(r).getFill(), 3)));
        }
        for (ColorizedFrame frame : colorized.getFrames()) {
            Mat color = decode(service.blobs(), frame.getColor(), 3);
            Mat lines = decode(service.blobs(), frame.getLines(), 4);
            Mat fill = decode(service.blobs(), frame.getFill(), 3);
            assertThat(color.cols()).isEqualTo(256);
            assertThat(lines.rows()).isEqualTo(144);
            // snapped: every fill pixel is a flat reference color
            assertThat(referenceColors).containsAll(colors(fill));
        }
        // and the drawings are colored like the ground truth on most of their paint
        for (int d : clip.plan().drawings()) {
            Mat fill = decode(service.blobs(), colorized.getFrames().get(d).getFill(), 3);
            Mat truth = Images.read(clip.dir().resolve("gt").resolve(String.format("%04d.png", d)));
            assertThat(agreement(fill, truth)).as("agreement of drawing %d with the ground truth", d).isGreaterThan(0.85);
        }
        service.assertProcessedTheOnlyClip("colorizer", "snap/clip-000", WAIT);
    }

    @Test
    void withoutSnappingTheFramesAreTheModelsPaintWithTheLinesOverIt() throws Exception {
        StageServiceUnderTest service = colorizer(serve(TestModelRepository.copy(work.resolve("models"), "anidoc")),
                "ANIDOC_COLORIZER_SNAP", "false");
        SynthClip clip = SynthClip.create(work.resolve("shot"), service.blobs(), "paint");
        send(service, clip);

        ClipColorized colorized = service.tail(Topic.CLIPS_COLORIZED, ClipColorized.class).awaitCount(1, WAIT).get(0).value();
        assertThat(colorized.getEngine()).isEqualTo(AnidocColorizer.NAME);
        assertThat(colorized.getFrames()).extracting(ColorizedFrame::getIndex).containsExactly(0, 1, 2, 3);
        Mat key0 = Images.read(SynthClip.keyPath(clip.dir(), 0));
        // references pass through as given
        assertThat(Pixels.bytes(decode(service.blobs(), colorized.getFrames().get(0).getColor(), 3)))
                .isEqualTo(Pixels.bytes(key0));
        // drawings 1 and 2 are in the first window (frames 0-2), painted from reference 0 by the stand-in:
        // its colors, scaled down to 96x54 and back, where the sketch is paper
        for (int d : List.of(1, 2)) {
            Mat fill = decode(service.blobs(), colorized.getFrames().get(d).getFill(), 3);
            assertThat(colors(fill).size()).as("distinct colors of drawing %d", d).isGreaterThan(referencePaletteSize(key0));
            assertThat(closeShare(fill, key0, 60)).as("share of drawing %d near reference 0's colors", d).isGreaterThan(0.7);
        }
    }

    @Test
    void aRequestTheServerRejectsGoesToTheDeadLetterTopic() throws Exception {
        Path repository = TestModelRepository.copy(work.resolve("models"), "anidoc");
        // the parameters say 72 rows, the model takes 64: the server refuses every request, naming the shape
        TestModelRepository.editConfig(repository, "anidoc", "key: \"height\", value: { string_value: \"64\" }",
                "key: \"height\", value: { string_value: \"72\" }");
        StageServiceUnderTest service = colorizer(serve(repository));
        SynthClip clip = SynthClip.create(work.resolve("shot"), service.blobs(), "rejected");
        send(service, clip);

        DeadLetter letter = service.tail(Topic.DEADLETTER, DeadLetter.class).awaitCount(1, WAIT).get(0).value();
        assertThat(letter.getStage()).isEqualTo("colorizer");
        assertThat(letter.getShotId()).isEqualTo("rejected");
        assertThat(letter.getCauseClass()).isEqualTo(InferenceException.class.getName());
        assertThat(letter.getCause()).contains("ModelInfer on model 'anidoc'").contains("INVALID_ARGUMENT")
                .contains("Expected [1,3,64,96], got [1,3,72,96]");
        assertThat(service.get("/health/ready").statusCode()).isEqualTo(200);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private InferenceServer serve(Path repository) throws Exception {
        InferenceServer server = InferenceServer.start(repository, "127.0.0.1", 0);
        open.add(server);
        return server;
    }

    private StageServiceUnderTest colorizer(InferenceServer server, String... settings) throws Exception {
        List<String> all = new ArrayList<>(List.of(
                "ANIDOC_COLORIZER_ENGINE", "anidoc",
                "ANIDOC_TRITON_TARGET", "127.0.0.1:" + server.port()));
        all.addAll(List.of(settings));
        StageServiceUnderTest service = StageServiceUnderTest.start(KAFKA, "colorizer", new StageService<>(ColorizerMain.MODULE), work,
                all.toArray(String[]::new));
        open.add(service);
        return service;
    }

    /** The clip's tracked event, with the CPU engine's matches and fields. */
    private static void send(StageServiceUnderTest service, SynthClip clip) throws Exception {
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        BlobStore blobs = service.blobs();
        ClipTracked tracked = ClipTracked.newBuilder()
                .setClipId(clip.task().getClipId())
                .setShotId(clip.task().getShotId())
                .setTask(clip.task())
                .setMatches(Intermediates.putMatches(blobs, matches))
                .setDense(Intermediates.putDense(blobs, engine.track(frames, matches)))
                .setEngine("cpu-dis")
                .setStageMillis(Map.of("matcher", 1L, "tracker", 2L))
                .build();
        service.send(Topic.CLIPS_TRACKED, tracked.getClipId(), tracked);
    }

    private static Mat decode(BlobStore blobs, BlobRef png, int channels) throws Exception {
        assertThat(png.getMediaType()).isEqualTo(ColorizeStep.PNG);
        Mat image = Images.decode(blobs.get(png));
        assertThat(image.channels()).isEqualTo(channels);
        return image;
    }

    private static Set<Integer> colors(Mat bgr) {
        byte[] px = Pixels.bytes(bgr);
        Set<Integer> colors = new HashSet<>();
        for (int i = 0; i < px.length; i += 3) {
            colors.add(((px[i + 2] & 0xff) << 16) | ((px[i + 1] & 0xff) << 8) | (px[i] & 0xff));
        }
        return colors;
    }

    private static int referencePaletteSize(Mat key) {
        return colors(key).size();
    }

    /** Share of the ground truth's non-black pixels whose color the fill has exactly. */
    private static double agreement(Mat fill, Mat truth) {
        byte[] f = Pixels.bytes(fill);
        byte[] t = Pixels.bytes(truth);
        int counted = 0;
        int same = 0;
        for (int i = 0; i < t.length; i += 3) {
            if ((t[i] | t[i + 1] | t[i + 2]) == 0) {
                continue;
            }
            counted++;
            if (f[i] == t[i] && f[i + 1] == t[i + 1] && f[i + 2] == t[i + 2]) {
                same++;
            }
        }
        return (double) same / counted;
    }

    /** Share of pixels whose color differs from the other image's by at most {@code tolerance} (sum over channels). */
    private static double closeShare(Mat a, Mat b, int tolerance) {
        assertThat(a.type()).isEqualTo(CvType.CV_8UC3);
        byte[] x = Pixels.bytes(a);
        byte[] y = Pixels.bytes(b);
        int close = 0;
        for (int i = 0; i < x.length; i += 3) {
            int d = Math.abs((x[i] & 0xff) - (y[i] & 0xff)) + Math.abs((x[i + 1] & 0xff) - (y[i + 1] & 0xff))
                    + Math.abs((x[i + 2] & 0xff) - (y[i + 2] & 0xff));
            if (d <= tolerance) {
                close++;
            }
        }
        return close / (x.length / 3.0);
    }
}
