package io.anidoc.core.colorize;

import io.anidoc.core.match.PairMatches;
import io.anidoc.core.regions.Regions;

/** Accumulated color votes: one weight per (region, palette index). */
final class RegionVotes {
    private final int regions;
    private final int colors;
    private final double[] votes;

    RegionVotes(int regions, int colors) {
        this.regions = regions;
        this.colors = colors;
        this.votes = new double[regions * colors];
    }

    void add(int region, int color, double weight) {
        votes[region * colors + color] += weight;
    }

    /** Sets the weight of one (region, color) slot. */
    void set(int region, int color, double weight) {
        votes[region * colors + color] = weight;
    }

    /**
     * Each keypoint match votes with a window around it: the drawing's own pixels in the window vote for
     * the reference color at the same offset from the matched point.
     */
    void addMatches(Regions r, PairMatches refToDrawing, ReferenceMap ref, double weight, int radius) {
        float[] refXy = refToDrawing.fromXy();
        float[] drawXy = refToDrawing.toXy();
        float[] score = refToDrawing.score();
        int w = r.width();
        int h = r.height();
        for (int j = 0; j < score.length; j++) {
            int dx = Math.round(drawXy[2 * j]);
            int dy = Math.round(drawXy[2 * j + 1]);
            int rx = Math.round(refXy[2 * j]);
            int ry = Math.round(refXy[2 * j + 1]);
            double v = weight * score[j];
            for (int oy = -radius; oy <= radius; oy++) {
                int py = dy + oy;
                int qy = ry + oy;
                if (py < 0 || py >= h || qy < 0 || qy >= ref.height()) {
                    continue;
                }
                for (int ox = -radius; ox <= radius; ox++) {
                    int px = dx + ox;
                    int qx = rx + ox;
                    if (px < 0 || px >= w || qx < 0 || qx >= ref.width()) {
                        continue;
                    }
                    int p = py * w + px;
                    if (r.own()[p]) {
                        votes[r.labels()[p] * colors + (ref.index()[qy * ref.width() + qx] & 0xffff)] += v;
                    }
                }
            }
        }
    }

    boolean isEmpty() {
        for (double v : votes) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }

    double get(int region, int color) {
        return votes[region * colors + color];
    }

    double total(int region) {
        double s = 0;
        for (int c = 0; c < colors; c++) {
            s += votes[region * colors + c];
        }
        return s;
    }

    int regions() {
        return regions;
    }

    int colors() {
        return colors;
    }

    /** Winning palette index per region (lowest index on ties; 0 for a region without votes). */
    int[] winners() {
        int[] best = new int[regions];
        for (int k = 0; k < regions; k++) {
            double top = 0;
            for (int c = 0; c < colors; c++) {
                double v = votes[k * colors + c];
                if (v > top) {
                    top = v;
                    best[k] = c;
                }
            }
        }
        return best;
    }
}
