package io.anidoc.core.track;

import io.anidoc.core.flow.FlowField;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrackDensifierTest {

    private static final int W = 200;
    private static final int H = 120;
    private static final int GW = 50;
    private static final int GH = 30;

    /** A slight rotation about the frame centre plus a shift: smooth, so the densified field must follow it. */
    private static double[] motion(double x, double y) {
        double angle = Math.toRadians(2);
        double cx = W / 2.0;
        double cy = H / 2.0;
        double rx = cx + Math.cos(angle) * (x - cx) - Math.sin(angle) * (y - cy) + 3.5;
        double ry = cy + Math.sin(angle) * (x - cx) + Math.cos(angle) * (y - cy) - 2.0;
        return new double[] {rx - x, ry - y};
    }

    @Test
    void followsASmoothMotionBetweenTheTrackedPoints() {
        PointTracks tracks = gridTracks(10, x -> true);
        FlowField field = densifier().field(1, 0, tracks, 1, 0);

        assertThat(field.from()).isEqualTo(1);
        assertThat(field.to()).isEqualTo(0);
        assertThat(field.gridWidth()).isEqualTo(GW);
        assertThat(field.gridHeight()).isEqualTo(GH);
        // away from the border every grid point moves as the motion says, to a fraction of a pixel
        for (int gy = 3; gy < GH - 3; gy++) {
            for (int gx = 3; gx < GW - 3; gx++) {
                double x = (gx + 0.5) * W / GW - 0.5;
                double y = (gy + 0.5) * H / GH - 0.5;
                // the field goes from frame 1 back to frame 0: the motion seen from the moved points
                double[] forward = motion(x, y);
                int i = gy * GW + gx;
                assertThat(field.dx()[i] / (double) FlowField.UNITS_PER_PIXEL).as("dx at %d,%d", gx, gy)
                        .isCloseTo(-forward[0], within(0.35));
                assertThat(field.dy()[i] / (double) FlowField.UNITS_PER_PIXEL).as("dy at %d,%d", gx, gy)
                        .isCloseTo(-forward[1], within(0.35));
                assertThat(field.confidence()[i] & 0xff).isGreaterThan(150);
            }
        }
    }

    @Test
    void fillsAnAreaWithoutPointsFromItsNeighboursWithLowConfidence() {
        PointTracks tracks = gridTracks(10, x -> x < W / 2.0);
        FlowField field = densifier().field(1, 0, tracks, 1, 0);

        int right = 10 * GW + GW - 2;
        int left = 10 * GW + 10;
        assertThat(field.confidence()[right] & 0xff).isLessThan(40);
        assertThat(field.confidence()[left] & 0xff).isGreaterThan(150);
        // the empty half takes the displacement of the nearest tracked points, no jump to zero
        assertThat(field.dx()[right] / (double) FlowField.UNITS_PER_PIXEL).isCloseTo(field.dx()[10 * GW + GW / 2 - 3]
                / (double) FlowField.UNITS_PER_PIXEL, within(1.0));
        assertThat(Math.abs(field.dx()[right])).isGreaterThan(8);
    }

    @Test
    void withoutAnyPointSeenInBothFramesTheFieldIsStillWithNoConfidence() {
        PointTracks tracks = gridTracks(10, x -> true);
        for (int p = 0; p < tracks.points(); p++) {
            tracks.set(p, 1, tracks.x(p, 1), tracks.y(p, 1), false);
        }
        FlowField field = densifier().field(1, 0, tracks, 1, 0);
        for (int i = 0; i < GW * GH; i++) {
            assertThat(field.dx()[i]).isZero();
            assertThat(field.dy()[i]).isZero();
            assertThat(field.confidence()[i]).isZero();
        }
    }

    private static TrackDensifier densifier() {
        // the query spacing of 10 pixels is 2.5 grid cells
        return new TrackDensifier(W, H, GW, GH, 0.75 * 2.5);
    }

    /** Points every {@code step} pixels on frame 0 (where {@code keep} says), moved by {@link #motion} in frame 1. */
    private static PointTracks gridTracks(int step, java.util.function.DoublePredicate keep) {
        int columns = W / step;
        int rows = H / step;
        java.util.List<double[]> points = new java.util.ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double x = c * step + step / 2.0;
                double y = r * step + step / 2.0;
                if (keep.test(x)) {
                    points.add(new double[] {x, y});
                }
            }
        }
        PointTracks tracks = new PointTracks(2, points.size());
        for (int p = 0; p < points.size(); p++) {
            double[] xy = points.get(p);
            double[] d = motion(xy[0], xy[1]);
            tracks.set(p, 0, (float) xy[0], (float) xy[1], true);
            tracks.set(p, 1, (float) (xy[0] + d[0]), (float) (xy[1] + d[1]), true);
        }
        return tracks;
    }
}
