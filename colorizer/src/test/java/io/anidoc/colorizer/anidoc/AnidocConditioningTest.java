package io.anidoc.colorizer.anidoc;

import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.PairMatches;
import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.lineart.LineArtExtractor;
import io.anidoc.runtime.inference.Tensor;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a clip is cut and scaled to the model's fixed size, and which matched points it gets. */
class AnidocConditioningTest {

    @Test
    void windowsCoverTheClipWithTheModelsFrameCount() {
        assertThat(AnidocColorizer.windows(List.of(0, 1, 2, 3), 3)).containsExactly(List.of(0, 1, 2), List.of(1, 2, 3));
        assertThat(AnidocColorizer.windows(List.of(4, 5), 3)).containsExactly(List.of(4, 5, 5));
        assertThat(AnidocColorizer.windows(List.of(0, 1, 2, 3, 4, 5, 6), 3))
                .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(4, 5, 6));
        assertThat(AnidocColorizer.windows(List.of(0, 1, 2), 3)).containsExactly(List.of(0, 1, 2));
    }

    @Test
    void eachWindowTakesTheReferenceNearestToItsMiddle() {
        assertThat(AnidocColorizer.nearestReference(List.of(0, 1, 2), List.of(0, 3))).isEqualTo(0);
        assertThat(AnidocColorizer.nearestReference(List.of(1, 2, 3), List.of(0, 3))).isEqualTo(3);
        // a tie goes to the earlier reference
        assertThat(AnidocColorizer.nearestReference(List.of(1, 2), List.of(0, 3))).isEqualTo(0);
    }

    @Test
    void theLetterboxKeepsTheAspectAndCentresTheFrame() {
        Letterbox box = Letterbox.of(256, 144, 96, 64);
        assertThat(box.scaledWidth()).isEqualTo(96);
        assertThat(box.scaledHeight()).isEqualTo(54);
        assertThat(box.left()).isZero();
        assertThat(box.top()).isEqualTo(5);
        assertThat(box.modelX(0)).isZero();
        assertThat(box.modelX(255)).isEqualTo(95);
        assertThat(box.modelY(0)).isEqualTo(5);
        assertThat(box.modelY(143)).isEqualTo(58);
        assertThat(box.inside(10, 4)).isFalse();
        assertThat(box.inside(10, 5)).isTrue();
    }

    @Test
    void aClipWithoutKeyframeSendsTheModelSheetFittedOnItsOwnAsTheReference() {
        OpenCv.load();
        // a tall red sheet (40x100) for a wide 96x64 clip
        Mat sheet = new Mat(100, 40, CvType.CV_8UC3, new Scalar(0, 0, 255));
        Mat white = new Mat(64, 96, CvType.CV_8UC3, new Scalar(255, 255, 255));
        LineArt paper = LineArtExtractor.defaults().fromColor(white);
        ClipFrames clip = new ClipFrames(List.of(0, 1, 2), List.of(), Map.of(0, paper, 1, paper, 2, paper), Map.of(),
                Map.of("hero", sheet));
        ClipShape shape = new ClipShape(3, 64, 96, 50, 3, 1.0);
        AnidocWindow window = new AnidocWindow(shape, SAME_SIZE, AnidocWindow.SHEET, sheet, Letterbox.of(40, 100, 96, 64),
                List.of(0, 1, 2), List.of());
        List<Tensor> inputs = window.inputs(clip);
        byte[] reference = inputs.get(0).toUint8();
        int plane = 64 * 96;
        int centre = 32 * 96 + 48;
        int margin = 32 * 96 + 5;
        // RGB planes: red in the middle where the sheet is (26x64 once fitted), white paper beside it
        assertThat(reference[centre] & 0xff).isEqualTo(255);
        assertThat(reference[plane + centre] & 0xff).isZero();
        assertThat(reference[2 * plane + centre] & 0xff).isZero();
        assertThat(reference[plane + margin] & 0xff).isEqualTo(255);
        assertThat(inputs.get(2).toInts()).as("no point is matched to a sheet").containsOnly(0);
        assertThat(inputs.get(3).toInts()).containsOnly(0);
        sheet.release();
        white.release();
    }

    /** The published rule: seen in more than 3 window frames, more than 1 model pixel per frame. */
    private static final ClipShape SHAPE = new ClipShape(6, 64, 96, 50, 3, 1.0);
    /** A 96x64 clip: model pixels are frame pixels. */
    private static final Letterbox SAME_SIZE = Letterbox.of(96, 64, 96, 64);

    private static PairMatches pair(int from, int to, float[] fromXy, float[] toXy) {
        float[] scores = new float[fromXy.length / 2];
        java.util.Arrays.fill(scores, 0.9f);
        return new PairMatches(from, to, fromXy, toXy, scores, new double[] {1, 0, 0, 0, 1, 0});
    }

    @Test
    void pointsAreKeptAsPublishedSeenInMoreThanThreeFramesAndMovingMoreThanAPixelPerFrame() {
        // reference 0; window 0..5. A moves 2 px per frame in frames 1..5; B stays put; C moves
        // fast but is matched in frames 1 and 2 only; D moves exactly 1 px per frame
        List<PairMatches> pairs = new java.util.ArrayList<>();
        for (int f = 1; f <= 5; f++) {
            List<float[]> from = new java.util.ArrayList<>(List.of(new float[] {10, 10}, new float[] {30, 30}, new float[] {50, 50}));
            List<float[]> to = new java.util.ArrayList<>(List.of(new float[] {10 + 2 * f, 10}, new float[] {30, 30},
                    new float[] {50 + f, 50}));
            if (f <= 2) {
                from.add(new float[] {70, 20});
                to.add(new float[] {70 + 5 * f, 20});
            }
            pairs.add(pair(0, f, flat(from), flat(to)));
        }
        ClipMatches matches = new ClipMatches(pairs);

        List<MatchedPoints.Point> points = MatchedPoints.select(matches, null, 0, List.of(0, 1, 2, 3, 4, 5), SHAPE, SAME_SIZE);
        assertThat(points).extracting(MatchedPoints.Point::x).containsExactly(10f);
        assertThat(points.get(0).inFrames()).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(MatchedPoints.score(points.get(0), 0, List.of(0, 1, 2, 3, 4, 5), SAME_SIZE))
                .satisfies(scored -> {
                    assertThat(scored.visible()).isEqualTo(6);
                    assertThat(scored.motion()).isEqualTo(2.0);
                });
        assertThat(MatchedPoints.select(null, null, 0, List.of(0, 1), SHAPE, SAME_SIZE)).isEmpty();
    }

    @Test
    void candidatesGoMostMotionFirstUpToTheModelsCandidateCount() {
        List<PairMatches> pairs = new java.util.ArrayList<>();
        for (int f = 1; f <= 5; f++) {
            pairs.add(pair(0, f, new float[] {10, 10, 10, 30, 10, 50}, new float[] {10 + 2 * f, 10, 10 + 4 * f, 30, 10 + 3 * f, 50}));
        }
        ClipShape two = new ClipShape(6, 64, 96, 2, 3, 1.0);
        List<MatchedPoints.Point> points = MatchedPoints.select(new ClipMatches(pairs), null, 0, List.of(0, 1, 2, 3, 4, 5),
                two, SAME_SIZE);
        assertThat(points).extracting(MatchedPoints.Point::y).containsExactly(30f, 50f);
    }

    @Test
    void theTrackersCorrespondenceFollowsAPointThroughFramesTheMatcherMissed() {
        // matched in frames 1 and 2 only; the tracker's fields from frames 3 and 4 to the reference
        // shift everything by (-3, +1) pixels and (-4, +1): the point sits at (13, 9) and (14, 9) there
        List<PairMatches> pairs = List.of(pair(0, 1, new float[] {10, 10}, new float[] {11, 10}),
                pair(0, 2, new float[] {10, 10}, new float[] {12, 10}));
        DenseCorrespondence dense = new DenseCorrespondence(96, 64, 48, 32, List.of(
                shifted(3, 0, 48, 32, -3, 1, (byte) 255), shifted(4, 0, 48, 32, -4, 1, (byte) 255),
                shifted(5, 0, 48, 32, -5, 1, (byte) 20)));
        List<MatchedPoints.Point> points = MatchedPoints.select(new ClipMatches(pairs), dense, 0, List.of(0, 1, 2, 3, 4, 5),
                SHAPE, SAME_SIZE);
        assertThat(points).hasSize(1);
        assertThat(points.get(0).inFrames()).containsOnlyKeys(1, 2, 3, 4);   // frame 5's field is not confident
        assertThat(points.get(0).inFrames().get(3)).containsExactly(13f, 9f);
        assertThat(points.get(0).inFrames().get(4)).containsExactly(14f, 9f);
        // without the tracker it is seen in 3 frames (0, 1, 2): not more than 3
        assertThat(MatchedPoints.select(new ClipMatches(pairs), null, 0, List.of(0, 1, 2, 3, 4, 5), SHAPE, SAME_SIZE)).isEmpty();
    }

    private static io.anidoc.core.flow.FlowField shifted(int from, int to, int gw, int gh, int dx, int dy, byte confidence) {
        int n = gw * gh;
        short[] fx = new short[n];
        short[] fy = new short[n];
        byte[] c = new byte[n];
        java.util.Arrays.fill(fx, (short) (dx * 8));
        java.util.Arrays.fill(fy, (short) (dy * 8));
        java.util.Arrays.fill(c, confidence);
        return new io.anidoc.core.flow.FlowField(from, to, gw, gh, fx, fy, c);
    }

    private static float[] flat(List<float[]> xy) {
        float[] out = new float[2 * xy.size()];
        for (int i = 0; i < xy.size(); i++) {
            out[2 * i] = xy.get(i)[0];
            out[2 * i + 1] = xy.get(i)[1];
        }
        return out;
    }
}
