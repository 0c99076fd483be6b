package io.anidoc.core.track;

import java.util.Arrays;

/**
 * Points followed through a clip: the position (frame pixels) and visibility of every point in
 * every frame of the clip, frames by their position in the clip's frame order.
 */
public final class PointTracks {

    private final int frames;
    private final int points;
    private final float[] x;
    private final float[] y;
    private final boolean[] visible;

    public PointTracks(int frames, int points) {
        this.frames = frames;
        this.points = points;
        this.x = new float[frames * points];
        this.y = new float[frames * points];
        this.visible = new boolean[frames * points];
    }

    public int frames() {
        return frames;
    }

    public int points() {
        return points;
    }

    public void set(int point, int frame, float px, float py, boolean seen) {
        int i = index(point, frame);
        x[i] = px;
        y[i] = py;
        visible[i] = seen;
    }

    public float x(int point, int frame) {
        return x[index(point, frame)];
    }

    public float y(int point, int frame) {
        return y[index(point, frame)];
    }

    public boolean visible(int point, int frame) {
        return visible[index(point, frame)];
    }

    /** Points seen in both frames. */
    public int[] seenInBoth(int frameA, int frameB) {
        int[] found = new int[points];
        int n = 0;
        for (int p = 0; p < points; p++) {
            if (visible(p, frameA) && visible(p, frameB)) {
                found[n++] = p;
            }
        }
        return Arrays.copyOf(found, n);
    }

    private int index(int point, int frame) {
        return point * frames + frame;
    }
}
