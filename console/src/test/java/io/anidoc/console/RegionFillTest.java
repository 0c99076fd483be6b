package io.anidoc.console;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** The paint bucket stops at lines and at another flat fill, and paints nothing else. */
class RegionFillTest {

    @Test
    void fillsTheClickedRegionUpToItsLinesAndNoFurther() {
        int w = 12;
        int h = 6;
        BufferedImage fill = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        BufferedImage lines = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        BufferedImage color = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // two regions of the same wrong fill separated by a line at x = 5, a third fill from x = 9
                fill.setRGB(x, y, x >= 9 ? 0x00FF00 : 0x112233);
                color.setRGB(x, y, fill.getRGB(x, y));
                if (x == 5) {
                    lines.setRGB(x, y, 0xFF000000);
                }
            }
        }
        int painted = RegionFill.fill(color, fill, lines, 1, 1, 0xF08A3C);

        assertThat(painted).isEqualTo(5 * h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int expected = x < 5 ? 0xF08A3C : fill.getRGB(x, y) & 0xFFFFFF;
                assertThat(color.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
    }
}
