package io.anidoc.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class SiftExtractorTest {
    private static final int W = 480;
    private static final int H = 320;

    private final SiftExtractor extractor = new SiftExtractor();

    @Test
    void findsKeypointsOnTheStrokesInFullResolutionCoordinates() {
        // strokes only in the lower right part: half-resolution coordinates would fall outside it
        Rect area = new Rect(260, 170, 220, 150);
        Mat image = LineArtFixtures.drawing(W, H, 11, area);

        KeyPoints kp = extractor.extract(image);

        assertThat(kp.width()).isEqualTo(W);
        assertThat(kp.height()).isEqualTo(H);
        assertThat(kp.size()).isGreaterThan(20);
        Mat distanceToInk = distanceToInk(image);
        int onStroke = 0;
        for (int i = 0; i < kp.size(); i++) {
            assertThat(kp.x(i)).isBetween(area.x - 8f, (float) W);
            assertThat(kp.y(i)).isBetween(area.y - 8f, (float) H);
            double d = distanceToInk.get(Math.round(kp.y(i)), Math.round(kp.x(i)))[0];
            // blob centers may sit inside a small closed stroke, but never out on blank paper
            assertThat(d).as("keypoint %d at (%s, %s) near a stroke", i, kp.x(i), kp.y(i))
                    .isLessThanOrEqualTo(Math.max(4.0, 1.5 * kp.scale()[i]));
            // most sit at stroke ends, corners and crossings, a few pixels inside the bend
            if (d <= 6) {
                onStroke++;
            }
        }
        assertThat(onStroke).isGreaterThanOrEqualTo(kp.size() * 3 / 4);
    }

    @Test
    void shiftingTheDrawingByEvenPixelsShiftsTheKeypointsExactly() {
        Mat image = LineArtFixtures.drawing(W, H, 12, new Rect(40, 40, 360, 220));
        // an even shift keeps the half-size sampling grid, so the detections must move by exactly this much
        Mat shifted = LineArtFixtures.warp(image, LineArtFixtures.translation(40, 20));

        KeyPoints a = extractor.extract(image);
        KeyPoints b = extractor.extract(shifted);

        int found = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                if (Math.abs(b.x(j) - a.x(i) - 40) < 0.05 && Math.abs(b.y(j) - a.y(i) - 20) < 0.05
                        && Math.abs(b.scale()[j] - a.scale()[i]) < 0.05 && Math.abs(b.angle()[j] - a.angle()[i]) < 0.01) {
                    found++;
                    break;
                }
            }
        }
        assertThat(a.size()).isGreaterThan(20);
        assertThat(found).isGreaterThanOrEqualTo((int) (0.9 * a.size()));
    }

    @Test
    void positionsAndScalesAreReportedInFullResolutionPixels() {
        Mat image = LineArtFixtures.drawing(W, H, 13, new Rect(40, 40, 400, 240));
        Mat doubled = new Mat();
        Imgproc.resize(image, doubled, new Size(2 * W, 2 * H), 0, 0, Imgproc.INTER_NEAREST);
        // half of the doubled image is exactly the original: the same detections, reported at twice the size
        SiftSettings defaults = SiftSettings.defaults();
        KeyPoints half = new SiftExtractor(defaults.withDownscale(1.0)).extract(image);
        KeyPoints quarter = new SiftExtractor(defaults.withDownscale(0.5).withBlurSigma(2 * defaults.blurSigma()))
                .extract(doubled);

        assertThat(quarter.size()).isEqualTo(half.size()).isGreaterThan(20);
        assertThat(quarter.width()).isEqualTo(2 * W);
        for (int i = 0; i < half.size(); i++) {
            // pixel centers: x in the doubled image is 2 (x + 0.5) - 0.5
            assertThat(quarter.x(i)).isCloseTo(2 * half.x(i) + 0.5f, within(1e-3f));
            assertThat(quarter.y(i)).isCloseTo(2 * half.y(i) + 0.5f, within(1e-3f));
            assertThat(quarter.scale()[i]).isCloseTo(2 * half.scale()[i], within(1e-3f));
            assertThat(quarter.angle()[i]).isCloseTo(half.angle()[i], within(1e-5f));
        }
    }

    @Test
    void anglesFollowTheRotationOfTheDrawing() {
        Mat image = LineArtFixtures.drawing(W, H, 13, new Rect(90, 60, 300, 200));
        double[] motion = LineArtFixtures.similarity(25, 1.0, W / 2.0, H / 2.0, 0, 0);
        KeyPoints a = extractor.extract(image);
        KeyPoints b = extractor.extract(LineArtFixtures.warp(image, motion));

        List<Double> angleChanges = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            double[] p = LineArtFixtures.apply(motion, a.x(i), a.y(i));
            int j = nearest(b, p[0], p[1], 1.5);
            if (j >= 0) {
                double change = Math.toDegrees(b.angle()[j] - a.angle()[i]);
                angleChanges.add(((change % 360) + 540) % 360 - 180);
            }
        }
        assertThat(angleChanges).hasSizeGreaterThan(15);
        // angles grow from +x towards +y (image y points down): a counter-clockwise turn on screen lowers them
        assertThat(median(angleChanges)).isCloseTo(-25.0, within(3.0));
    }

    @Test
    void descriptorsAreRootSift() {
        KeyPoints kp = extractor.extract(LineArtFixtures.drawing(W, H, 14));

        assertThat(kp.descriptors()).hasSize(kp.size() * KeyPoints.DESCRIPTOR_SIZE);
        for (int i = 0; i < kp.size(); i++) {
            double sumOfSquares = 0;
            for (int d = 0; d < KeyPoints.DESCRIPTOR_SIZE; d++) {
                float v = kp.descriptors()[i * KeyPoints.DESCRIPTOR_SIZE + d];
                assertThat(v).isGreaterThanOrEqualTo(0f);
                sumOfSquares += v * v;
            }
            assertThat(sumOfSquares).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void anglesAreRadiansAndScalesPositive() {
        KeyPoints kp = extractor.extract(LineArtFixtures.drawing(W, H, 15));

        assertThat(kp.size()).isGreaterThan(20);
        boolean beyondHalfTurn = false;
        for (int i = 0; i < kp.size(); i++) {
            assertThat(kp.angle()[i]).isBetween(0f, (float) (2 * Math.PI));
            assertThat(kp.scale()[i]).isGreaterThan(0f);
            beyondHalfTurn |= kp.angle()[i] > Math.PI;
        }
        assertThat(beyondHalfTurn).as("some orientation beyond pi: radians over the full circle").isTrue();
        assertThat(kp.imageSize()).containsExactly(W, H);
    }

    @Test
    void sameImageGivesIdenticalKeypoints() {
        Mat image = LineArtFixtures.drawing(W, H, 16);

        KeyPoints first = extractor.extract(image);
        KeyPoints second = new SiftExtractor().extract(image.clone());

        assertThat(second).isEqualTo(first);
        assertThat(first.size()).isGreaterThan(20);
    }

    @Test
    void capKeepsTheStrongestKeypointsInOrder() {
        Mat image = LineArtFixtures.drawing(W, H, 17);
        KeyPoints all = extractor.extract(image);
        KeyPoints capped = new SiftExtractor(SiftSettings.defaults().withMaxFeatures(20)).extract(image);

        assertThat(all.size()).isGreaterThan(20);
        assertThat(capped.size()).isEqualTo(20);
        assertThat(capped.xy()).containsExactly(Arrays.copyOf(all.xy(), 40));
        assertThat(capped.descriptors()).containsExactly(Arrays.copyOf(all.descriptors(), 20 * KeyPoints.DESCRIPTOR_SIZE));
    }

    @Test
    void onePerPixelDropsTheOrientationRepeats() {
        Mat image = LineArtFixtures.drawing(W, H, 18);
        KeyPoints all = extractor.extract(image);
        KeyPoints unique = new SiftExtractor(SiftSettings.defaults().withOnePerPixel(true)).extract(image);

        assertThat(distinctPositions(all)).as("orientation repeats share a position").isLessThan(all.size());
        assertThat(unique.size()).isLessThan(all.size()).isGreaterThan(20);
        Set<List<Integer>> cells = new HashSet<>();
        for (int i = 0; i < unique.size(); i++) {
            assertThat(cells.add(detectionPixel(unique, i))).as("keypoint %d alone in its detection pixel", i).isTrue();
            assertThat(nearest(all, unique.x(i), unique.y(i), 1e-3)).as("keypoint %d also found without the filter", i)
                    .isNotNegative();
        }
        Set<List<Integer>> occupied = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            occupied.add(detectionPixel(all, i));
        }
        assertThat(cells).as("one keypoint kept in every occupied pixel").isEqualTo(occupied);
    }

    /** The pixel of the half-size detection image a keypoint was found in. */
    private static List<Integer> detectionPixel(KeyPoints kp, int i) {
        return List.of((int) Math.floor((kp.x(i) + 0.5) * 0.5 - 0.5), (int) Math.floor((kp.y(i) + 0.5) * 0.5 - 0.5));
    }

    @Test
    void blankPaperHasNoKeypoints() {
        KeyPoints kp = extractor.extract(LineArtFixtures.blank(W, H));

        assertThat(kp.size()).isZero();
        assertThat(kp.width()).isEqualTo(W);
    }

    @Test
    void rejectsImagesThatAreNotGrayLineArt() {
        Mat color = new Mat(H, W, CvType.CV_8UC3, new Scalar(255, 255, 255));

        assertThatThrownBy(() -> extractor.extract(color))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CV_8UC1");
        assertThatThrownBy(() -> extractor.extract(new Mat()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SiftSettings.defaults().withDownscale(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("downscale");
    }

    private static Mat distanceToInk(Mat image) {
        Mat paper = new Mat();
        Imgproc.threshold(image, paper, 200, 255, Imgproc.THRESH_BINARY);
        Mat distance = new Mat();
        Imgproc.distanceTransform(paper, distance, Imgproc.DIST_L2, 3);
        return distance;
    }

    private static int nearest(KeyPoints kp, double x, double y, double radius) {
        int best = -1;
        double bestDistance = radius;
        for (int j = 0; j < kp.size(); j++) {
            double d = Math.hypot(kp.x(j) - x, kp.y(j) - y);
            if (d < bestDistance) {
                bestDistance = d;
                best = j;
            }
        }
        return best;
    }

    private static int distinctPositions(KeyPoints kp) {
        Set<List<Float>> positions = new HashSet<>();
        for (int i = 0; i < kp.size(); i++) {
            positions.add(List.of(kp.x(i), kp.y(i)));
        }
        return positions.size();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
