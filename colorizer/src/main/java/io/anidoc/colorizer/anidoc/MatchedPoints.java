package io.anidoc.colorizer.anidoc;

import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.PairMatches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a reference that AniDoc's point maps carry: keypoints of the reference that the
 * sparse matches locate in the frames of a window, those seen in the most frames first (then the
 * best scored), at most the model's {@code max_points}.
 */
final class MatchedPoints {

    /** A point of the reference and where it is in each frame that sees it (x, y in frame pixels). */
    record Point(float x, float y, Map<Integer, float[]> inFrames) {
    }

    private MatchedPoints() {
    }

    static List<Point> select(ClipMatches matches, int reference, List<Integer> frames, int maxPoints) {
        if (matches == null || maxPoints < 1) {
            return List.of();
        }
        Map<Long, Candidate> byPosition = new LinkedHashMap<>();
        for (int frame : frames.stream().distinct().toList()) {
            if (frame == reference) {
                continue;
            }
            PairMatches pair = matches.between(reference, frame);
            if (pair == null) {
                continue;
            }
            for (int k = 0; k < pair.size(); k++) {
                float x = pair.fromXy()[2 * k];
                float y = pair.fromXy()[2 * k + 1];
                long key = ((long) Float.floatToIntBits(x) << 32) | (Float.floatToIntBits(y) & 0xffffffffL);
                byPosition.computeIfAbsent(key, ignored -> new Candidate(x, y))
                        .add(frame, pair.toXy()[2 * k], pair.toXy()[2 * k + 1], pair.score()[k]);
            }
        }
        List<Candidate> ranked = new ArrayList<>(byPosition.values());
        ranked.sort(Comparator.comparingInt((Candidate c) -> -c.frames.size())
                .thenComparingDouble(c -> -c.scoreSum())
                .thenComparingDouble(c -> c.y)
                .thenComparingDouble(c -> c.x));
        List<Point> points = new ArrayList<>();
        for (Candidate c : ranked.subList(0, Math.min(maxPoints, ranked.size()))) {
            Map<Integer, float[]> where = new HashMap<>();
            c.frames.forEach((frame, seen) -> where.put(frame, new float[] {seen[0], seen[1]}));
            points.add(new Point(c.x, c.y, Map.copyOf(where)));
        }
        return points;
    }

    private static final class Candidate {
        final float x;
        final float y;
        /** frame -> x, y, score of the best match in that frame */
        final Map<Integer, float[]> frames = new LinkedHashMap<>();

        Candidate(float x, float y) {
            this.x = x;
            this.y = y;
        }

        void add(int frame, float tx, float ty, float score) {
            float[] seen = frames.get(frame);
            if (seen == null || score > seen[2]) {
                frames.put(frame, new float[] {tx, ty, score});
            }
        }

        double scoreSum() {
            double sum = 0;
            for (float[] seen : frames.values()) {
                sum += seen[2];
            }
            return sum;
        }
    }
}
