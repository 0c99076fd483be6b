package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;

class CompositorTest {

    @Test
    void everyFillValueUnderEveryLineOpacityIsMultipliedAndRoundedToNearest() {
        OpenCv.load();
        // column x: palette color x in all three channels (blue x, green 255 - x, red x / 2); row y: line opacity y
        int[] colors = new int[256];
        for (int v = 0; v < 256; v++) {
            colors[v] = ((v / 2) << 16) | ((255 - v) << 8) | v;
        }
        Palette palette = new Palette(colors);
        short[] fill = new short[256 * 256];
        byte[] alpha = new byte[256 * 256];
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                fill[y * 256 + x] = (short) x;
                alpha[y * 256 + x] = (byte) y;
            }
        }
        ColorizedFrame frame = Compositor.compose(3, 256, 256, fill, palette,
                Pixels.mat(256, 256, CvType.CV_8UC1, alpha));
        byte[] color = Pixels.bytes(frame.color());
        byte[] filled = Pixels.bytes(frame.fill());
        byte[] lines = Pixels.bytes(frame.lines());
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int i = y * 256 + x;
                int[] bgr = {x, 255 - x, x / 2};
                for (int c = 0; c < 3; c++) {
                    assertThat(filled[3 * i + c] & 0xff).isEqualTo(bgr[c]);
                    assertThat(color[3 * i + c] & 0xff).as("value %d under alpha %d", bgr[c], y)
                            .isEqualTo((bgr[c] * (255 - y) + 127) / 255);
                    assertThat(lines[4 * i + c]).isZero();
                }
                assertThat(lines[4 * i + 3] & 0xff).isEqualTo(y);
            }
        }
        assertThat(frame.frame()).isEqualTo(3);
        frame.release();
    }
}
