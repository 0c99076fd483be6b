package io.anidoc.core.colorize;

/** The four edges of a frame, where what the frame shows continues beyond it. */
enum FrameSide {
    TOP, BOTTOM, LEFT, RIGHT;

    /** Indices (row-major) of the frame's pixels along this side, one pixel deep. */
    int[] pixels(int width, int height) {
        int[] band = band(width, height, 1);
        int[] out = new int[(band[2] - band[0]) * (band[3] - band[1])];
        int n = 0;
        for (int y = band[1]; y < band[3]; y++) {
            for (int x = band[0]; x < band[2]; x++) {
                out[n++] = y * width + x;
            }
        }
        return out;
    }

    /** The rectangle of pixels within {@code depth} of this side: {x0, y0, x1, y1}, ends exclusive. */
    int[] band(int width, int height, int depth) {
        int dx = Math.min(depth, width);
        int dy = Math.min(depth, height);
        return switch (this) {
            case TOP -> new int[] {0, 0, width, dy};
            case BOTTOM -> new int[] {0, height - dy, width, height};
            case LEFT -> new int[] {0, 0, dx, height};
            case RIGHT -> new int[] {width - dx, 0, width, height};
        };
    }
}
