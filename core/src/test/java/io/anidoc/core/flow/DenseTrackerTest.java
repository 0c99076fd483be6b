package io.anidoc.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import io.anidoc.core.image.Drawing;
import io.anidoc.core.lineart.LineArtNormalizer;
import io.anidoc.core.lineart.LineArtSettings;

class DenseTrackerTest {
    private final LineArtNormalizer normalizer = new LineArtNormalizer(LineArtSettings.defaults());

    static Drawing scene() {
        return Drawing.paper(320, 240)
                .circle(110, 100, 45, Drawing.BLACK, 2)
                .circle(100, 90, 12, Drawing.BLACK, 2)
                .rect(170, 60, 260, 170, Drawing.BLACK, 2)
                .line(170, 115, 260, 115, Drawing.RED, 2)
                .line(40, 200, 280, 190, Drawing.BLACK, 2)
                .circle(215, 140, 15, Drawing.BLUE, 2);
    }

    private Mat gray(Mat image) {
        return normalizer.normalize(image).gray();
    }

    @Test
    void recoversAKnownTranslation() {
        Drawing scene = scene();
        Map<Integer, Mat> lines = Map.of(0, gray(scene.bgr()), 1, gray(scene.shifted(9, -6)));
        DenseCorrespondence dense = new DenseTracker(FlowSettings.defaults()).track(List.of(0, 1), lines, List.of(0), null);
        FlowField toReference = dense.field(1, 0);
        assertThat(toReference).isNotNull();
        assertThat(dense.field(0, 1)).as("references get no fields of their own").isNull();
        double[] mean = meanDisplacement(toReference, dense, 120, 80, 240, 160);
        // frame 1 is frame 0 moved by (9, -6): its pixels are found back at (-9, +6)
        assertThat(mean[0]).isCloseTo(-9.0, org.assertj.core.data.Offset.offset(0.75));
        assertThat(mean[1]).isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.75));
        assertThat(toReference.meanConfidence()).isGreaterThan(0.5);
    }

    @Test
    void anchorsEveryDrawingToBothReferencesThroughTheChain() {
        Drawing scene = scene();
        Map<Integer, Mat> lines = Map.of(
                0, gray(scene.bgr()),
                1, gray(scene.shifted(5, 2)),
                2, gray(scene.shifted(10, 4)),
                3, gray(scene.shifted(15, 6)));
        DenseCorrespondence dense = new DenseTracker(FlowSettings.defaults())
                .track(List.of(0, 1, 2, 3), lines, List.of(0, 3), null);
        assertThat(dense.fields()).extracting(f -> f.from() + ">" + f.to())
                .containsExactly("1>0", "1>2", "1>3", "2>0", "2>1", "2>3");
        double[] toFirst = meanDisplacement(dense.field(2, 0), dense, 120, 80, 240, 160);
        double[] toLast = meanDisplacement(dense.field(2, 3), dense, 120, 80, 240, 160);
        assertThat(toFirst[0]).isCloseTo(-10.0, org.assertj.core.data.Offset.offset(0.6));
        assertThat(toFirst[1]).isCloseTo(-4.0, org.assertj.core.data.Offset.offset(0.6));
        assertThat(toLast[0]).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.6));
        assertThat(toLast[1]).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.6));
    }

    @Test
    void aFullHdFrameIsFlowedAtTheCappedWidthAndStillFindsItsMotion() {
        FlowSettings settings = FlowSettings.defaults();
        assertThat(settings.scaleFor(1024)).isEqualTo(0.5);
        assertThat(settings.scaleFor(1920)).isEqualTo((double) settings.maxWidth() / 1920);
        assertThat(settings.gridScaleFor(3840)).isLessThanOrEqualTo(settings.scaleFor(3840));
        Drawing scene = Drawing.paper(1920, 1080)
                .circle(660, 500, 200, Drawing.BLACK, 4)
                .circle(600, 450, 60, Drawing.BLACK, 4)
                .rect(1000, 300, 1500, 800, Drawing.BLACK, 4)
                .line(1000, 550, 1500, 550, Drawing.BLACK, 4)
                .line(200, 950, 1700, 900, Drawing.BLACK, 4);
        Map<Integer, Mat> lines = Map.of(0, gray(scene.bgr()), 1, gray(scene.shifted(24, -15)));
        DenseCorrespondence dense = new DenseTracker(settings).track(List.of(0, 1), lines, List.of(0), null);
        double[] mean = meanDisplacement(dense.field(1, 0), dense, 700, 400, 1400, 700);
        assertThat(mean[0]).isCloseTo(-24.0, org.assertj.core.data.Offset.offset(1.5));
        assertThat(mean[1]).isCloseTo(15.0, org.assertj.core.data.Offset.offset(1.5));
    }

    @Test
    void degenerateSizesGiveFieldsInsteadOfAnOpenCvError() {
        for (int[] size : new int[][] {{1, 1}, {16_384, 1}, {1, 2_000}, {12, 12}, {40, 3}}) {
            Map<Integer, Mat> lines = Map.of(
                    0, new Mat(size[1], size[0], CvType.CV_8UC1, new Scalar(255)),
                    1, new Mat(size[1], size[0], CvType.CV_8UC1, new Scalar(128)));
            DenseCorrespondence dense = new DenseTracker(FlowSettings.defaults()).track(List.of(0, 1), lines, List.of(0), null);
            assertThat(dense.width()).isEqualTo(size[0]);
            assertThat(dense.height()).isEqualTo(size[1]);
            assertThat(dense.field(1, 0)).as("%dx%d", size[0], size[1]).isNotNull();
        }
    }

    /** Mean displacement (frame pixels) over the grid points inside a frame rectangle. */
    static double[] meanDisplacement(FlowField f, DenseCorrespondence dense, int x0, int y0, int x1, int y1) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int gy = 0; gy < f.gridHeight(); gy++) {
            for (int gx = 0; gx < f.gridWidth(); gx++) {
                double x = (gx + 0.5) * dense.width() / f.gridWidth();
                double y = (gy + 0.5) * dense.height() / f.gridHeight();
                if (x >= x0 && x < x1 && y >= y0 && y < y1) {
                    int i = gy * f.gridWidth() + gx;
                    sx += f.dx()[i] / FlowField.UNITS_PER_PIXEL;
                    sy += f.dy()[i] / FlowField.UNITS_PER_PIXEL;
                    n++;
                }
            }
        }
        return new double[] {sx / n, sy / n};
    }
}
