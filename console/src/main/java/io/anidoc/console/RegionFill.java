package io.anidoc.console;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;

/**
 * The paint bucket of a fix, the same rule the page applies while the painter clicks: from the
 * clicked pixel, every 4-connected pixel of the same flat fill that is not a line (the line layer's
 * alpha below 128) takes the new color in the colored drawing.
 */
final class RegionFill {

    private RegionFill() {
    }

    /** Paints the region under (x, y) into {@code color}; answers the number of pixels painted. */
    static int fill(BufferedImage color, BufferedImage fill, BufferedImage lines, int x, int y, int rgb) {
        int width = color.getWidth();
        int height = color.getHeight();
        int target = fill.getRGB(x, y) & 0xFFFFFF;
        boolean[] seen = new boolean[width * height];
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(y * width + x);
        int painted = 0;
        while (!stack.isEmpty()) {
            int p = stack.pop();
            if (seen[p]) {
                continue;
            }
            seen[p] = true;
            int px = p % width;
            int py = p / width;
            if ((lines.getRGB(px, py) >>> 24) >= 128 || (fill.getRGB(px, py) & 0xFFFFFF) != target) {
                continue;
            }
            color.setRGB(px, py, 0xFF000000 | rgb);
            painted++;
            if (px > 0) {
                stack.push(p - 1);
            }
            if (px < width - 1) {
                stack.push(p + 1);
            }
            if (py > 0) {
                stack.push(p - width);
            }
            if (py < height - 1) {
                stack.push(p + width);
            }
        }
        return painted;
    }
}
