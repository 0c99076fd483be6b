package io.anidoc.colorizer.anidoc;

import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.flow.FlowField;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.PairMatches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a reference that AniDoc's point maps carry, chosen by the rule of the published
 * inference: reference keypoints matched in the window's frames, followed through the frames
 * where the matcher did not find them by the tracker's dense correspondence, kept when seen in more
 * than {@link ClipShape#minVisibleFrames()} frames and moving more than
 * {@link ClipShape#minMotion()} model pixels per frame, most motion first, at most
 * {@link ClipShape#maxCandidates()} candidates. The model draws its final points from them in
 * proportion to their motion.
 */
final class MatchedPoints {

    /** A confident grid point of the tracker's field: at least half of its 0..255 scale. */
    private static final int MIN_CONFIDENCE = 128;

    /** A point of the reference and where it is in each frame that sees it (x, y in frame pixels). */
    record Point(float x, float y, Map<Integer, float[]> inFrames) {
    }

    private MatchedPoints() {
    }

    /**
     * @param dense  the tracker's correspondence of the clip, or null
     * @param window the window's frames in order (a short clip repeats its last frame)
     */
    static List<Point> select(ClipMatches matches, DenseCorrespondence dense, int reference, List<Integer> window,
                              ClipShape shape, Letterbox box) {
        if (matches == null || shape.maxCandidates() < 1) {
            return List.of();
        }
        List<Integer> frames = window.stream().distinct().filter(f -> f != reference).toList();
        List<Point> candidates = matched(matches, reference, frames);
        if (dense != null) {
            candidates = tracked(candidates, dense, reference, frames);
        }
        List<Scored> kept = new ArrayList<>();
        for (Point point : candidates) {
            Scored scored = score(point, reference, window, box);
            if (scored.visible() > shape.minVisibleFrames() && scored.motion() > shape.minMotion()) {
                kept.add(scored);
            }
        }
        kept.sort(Comparator.comparingDouble((Scored s) -> -s.motion())
                .thenComparingDouble(s -> s.point().y())
                .thenComparingDouble(s -> s.point().x()));
        return kept.subList(0, Math.min(shape.maxCandidates(), kept.size())).stream().map(Scored::point).toList();
    }

    /** A candidate with the frames of the window that see it and its mean motion per frame. */
    record Scored(Point point, int visible, double motion) {
    }

    /**
     * Visibility and motion as the model measures them on the maps it receives: at the point's model
     * pixel in each window slot, moving straight between the slots that see it.
     */
    static Scored score(Point point, int reference, List<Integer> window, Letterbox box) {
        int visible = 0;
        int firstSlot = -1;
        int lastSlot = -1;
        double path = 0;
        int px = 0;
        int py = 0;
        for (int k = 0; k < window.size(); k++) {
            int frame = window.get(k);
            float[] seen = frame == reference ? new float[] {point.x(), point.y()} : point.inFrames().get(frame);
            if (seen == null) {
                continue;
            }
            int mx = box.modelX(seen[0]);
            int my = box.modelY(seen[1]);
            if (!box.inside(mx, my)) {
                continue;
            }
            if (firstSlot < 0) {
                firstSlot = k;
            } else {
                path += Math.hypot(mx - px, my - py);
            }
            px = mx;
            py = my;
            lastSlot = k;
            visible++;
        }
        double motion = lastSlot > firstSlot ? path / (lastSlot - firstSlot) : 0;
        return new Scored(point, visible, motion);
    }

    /** Reference keypoints matched in the frames, each with its best-scored match per frame. */
    private static List<Point> matched(ClipMatches matches, int reference, List<Integer> frames) {
        Map<Long, Map<Integer, float[]>> byPosition = new LinkedHashMap<>();
        Map<Long, float[]> positions = new HashMap<>();
        for (int frame : frames) {
            PairMatches pair = matches.between(reference, frame);
            if (pair == null) {
                continue;
            }
            for (int k = 0; k < pair.size(); k++) {
                float x = pair.fromXy()[2 * k];
                float y = pair.fromXy()[2 * k + 1];
                long key = ((long) Float.floatToIntBits(x) << 32) | (Float.floatToIntBits(y) & 0xffffffffL);
                positions.putIfAbsent(key, new float[] {x, y});
                float[] seen = byPosition.computeIfAbsent(key, ignored -> new HashMap<>()).get(frame);
                if (seen == null || pair.score()[k] > seen[2]) {
                    byPosition.get(key).put(frame, new float[] {pair.toXy()[2 * k], pair.toXy()[2 * k + 1], pair.score()[k]});
                }
            }
        }
        List<Point> points = new ArrayList<>();
        byPosition.forEach((key, seen) -> {
            Map<Integer, float[]> where = new HashMap<>();
            seen.forEach((frame, at) -> where.put(frame, new float[] {at[0], at[1]}));
            float[] at = positions.get(key);
            points.add(new Point(at[0], at[1], Map.copyOf(where)));
        });
        return points;
    }

    /**
     * The point followed into the frames the matcher did not find it in: where the tracker's field
     * from that frame to the reference lands a confident grid point within a grid step of it.
     */
    private static List<Point> tracked(List<Point> points, DenseCorrespondence dense, int reference, List<Integer> frames) {
        List<Map<Integer, float[]>> where = new ArrayList<>();
        points.forEach(p -> where.add(new HashMap<>(p.inFrames())));
        for (int frame : frames) {
            FlowField field = dense.field(frame, reference);
            if (field == null) {
                continue;
            }
            Landings landings = new Landings(field, dense.width(), dense.height());
            for (int i = 0; i < points.size(); i++) {
                if (!where.get(i).containsKey(frame)) {
                    float[] found = landings.sourceOf(points.get(i).x(), points.get(i).y());
                    if (found != null) {
                        where.get(i).put(frame, found);
                    }
                }
            }
        }
        List<Point> followed = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            followed.add(new Point(points.get(i).x(), points.get(i).y(), Map.copyOf(where.get(i))));
        }
        return followed;
    }

    /** Where the confident grid points of a field land in its target frame, binned by a grid step. */
    static final class Landings {
        private final double reach;
        private final Map<Long, List<double[]>> bins = new HashMap<>();

        Landings(FlowField field, int width, int height) {
            int gw = field.gridWidth();
            int gh = field.gridHeight();
            double stepX = (double) width / gw;
            double stepY = (double) height / gh;
            reach = Math.max(1.0, Math.max(stepX, stepY));
            for (int gy = 0; gy < gh; gy++) {
                for (int gx = 0; gx < gw; gx++) {
                    int i = gy * gw + gx;
                    if ((field.confidence()[i] & 0xff) < MIN_CONFIDENCE) {
                        continue;
                    }
                    // grid point (gx, gy) stands for frame pixel ((gx + 0.5) * step - 0.5, ...)
                    double sx = (gx + 0.5) * stepX - 0.5;
                    double sy = (gy + 0.5) * stepY - 0.5;
                    double tx = sx + field.dx()[i] / FlowField.UNITS_PER_PIXEL;
                    double ty = sy + field.dy()[i] / FlowField.UNITS_PER_PIXEL;
                    bins.computeIfAbsent(bin(Math.floor(tx / reach), Math.floor(ty / reach)), k -> new ArrayList<>())
                            .add(new double[] {sx, sy, tx, ty});
                }
            }
        }

        /** The source of the landing nearest (x, y) within a grid step, moved by the miss; null when none. */
        float[] sourceOf(float x, float y) {
            double best = reach * reach;
            float[] found = null;
            long bx = (long) Math.floor(x / reach);
            long by = (long) Math.floor(y / reach);
            for (long j = by - 1; j <= by + 1; j++) {
                for (long i = bx - 1; i <= bx + 1; i++) {
                    for (double[] l : bins.getOrDefault(bin(i, j), List.of())) {
                        double d = (l[2] - x) * (l[2] - x) + (l[3] - y) * (l[3] - y);
                        if (d < best) {
                            best = d;
                            // the flow is nearly constant within a grid step
                            found = new float[] {(float) (l[0] + x - l[2]), (float) (l[1] + y - l[3])};
                        }
                    }
                }
            }
            return found;
        }

        private static long bin(double i, double j) {
            return ((long) i << 32) ^ ((long) j & 0xffffffffL);
        }
    }
}
