package io.anidoc.core.regions;

/**
 * Grows labels over free pixels, breadth first and 4-connected, without crossing barriers: every
 * unlabelled free pixel a label can reach takes the label of its geodesically nearest labelled pixel
 * (ties to the labelled pixel first in scan order).
 */
public final class BreadthFirstGrowth {
    private BreadthFirstGrowth() {
    }

    /**
     * @param label   per pixel, -1 for unlabelled; overwritten with the grown labels
     * @param barrier per pixel, non-zero where labels may not go
     * @param area    pixels per label, counted up as labels grow; null for none
     */
    public static void grow(int w, int h, int[] label, byte[] barrier, int[] area) {
        int n = w * h;
        // only labelled pixels beside a free one can claim anything: leaving the others out of the
        // queue keeps the scan order of those that can, and so the result. Free pixels are few (what a
        // closing covered), so they mark their labelled neighbours, which are then queued in scan order
        boolean[] besideFree = new boolean[n];
        boolean anyFree = false;
        for (int y = 0, q = 0; y < h; y++) {
            for (int x = 0; x < w; x++, q++) {
                if (isFree(q, label, barrier)) {
                    anyFree = true;
                    if (x > 0) {
                        besideFree[q - 1] = true;
                    }
                    if (x + 1 < w) {
                        besideFree[q + 1] = true;
                    }
                    if (y > 0) {
                        besideFree[q - w] = true;
                    }
                    if (y + 1 < h) {
                        besideFree[q + w] = true;
                    }
                }
            }
        }
        if (!anyFree) {
            return;
        }
        // pixel index and its column, so the walk needs no division
        int[] queue = new int[n];
        int[] column = new int[n];
        int tail = 0;
        for (int y = 0, p = 0; y < h; y++) {
            for (int x = 0; x < w; x++, p++) {
                if (besideFree[p] && label[p] >= 0) {
                    queue[tail] = p;
                    column[tail++] = x;
                }
            }
        }
        for (int head = 0; head < tail; head++) {
            int p = queue[head];
            int x = column[head];
            int id = label[p];
            if (x > 0 && claim(p - 1, id, label, barrier, area)) {
                queue[tail] = p - 1;
                column[tail++] = x - 1;
            }
            if (x + 1 < w && claim(p + 1, id, label, barrier, area)) {
                queue[tail] = p + 1;
                column[tail++] = x + 1;
            }
            if (p >= w && claim(p - w, id, label, barrier, area)) {
                queue[tail] = p - w;
                column[tail++] = x;
            }
            if (p + w < n && claim(p + w, id, label, barrier, area)) {
                queue[tail] = p + w;
                column[tail++] = x;
            }
        }
    }

    private static boolean isFree(int q, int[] label, byte[] barrier) {
        return label[q] < 0 && barrier[q] == 0;
    }

    private static boolean claim(int q, int id, int[] label, byte[] barrier, int[] area) {
        if (isFree(q, label, barrier)) {
            label[q] = id;
            if (area != null) {
                area[id]++;
            }
            return true;
        }
        return false;
    }
}
