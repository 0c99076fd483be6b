package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.lineart.InkClass;
import io.anidoc.core.lineart.LineArt;

class PaletteBuilderTest {
    private static final int W = 30;
    private static final int H = 20;
    private static final int RED = 0xd03020;
    private static final int BLUE = 0x2040c0;
    private static final int GREEN = 0x30a040;

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    @Test
    void colorsAreOrderedByTheirFlatPixelsOverEveryReference() {
        // left: red, right: blue (wider), a green square in the red, one column of main line between
        int[] first = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                first[y * W + x] = x < 12 ? RED : BLUE;
            }
        }
        paintSquare(first, 2, 2, 5, GREEN);
        // the second reference is all green: green's flat pixels over both outnumber blue's
        int[] second = new int[W * H];
        java.util.Arrays.fill(second, GREEN);

        Palette palette = PaletteBuilder.build(List.of(bgr(first), bgr(second)),
                List.of(lineArt(12), lineArt(-1)), 4);

        assertThat(palette.colors()).containsExactly(GREEN, BLUE, RED);
    }

    @Test
    void colorsWithTooFewFlatPixelsAreLeftOutAndLinesAndEdgesNeverCount() {
        int[] image = new int[W * H];
        java.util.Arrays.fill(image, BLUE);
        // a 3x3 red square has one flat pixel (its centre): under a minimum of 2, not a palette color
        paintSquare(image, 10, 10, 3, RED);
        // a green column under the main line: its pixels are skipped however flat they are
        for (int y = 0; y < H; y++) {
            for (int x = 20; x < 25; x++) {
                image[y * W + x] = GREEN;
            }
        }
        LineArt lines = lineArt(20, 21, 22, 23, 24);

        assertThat(PaletteBuilder.build(List.of(bgr(image)), List.of(lines), 2).colors()).containsExactly(BLUE);
        assertThat(PaletteBuilder.build(List.of(bgr(image)), List.of(lines), 1).colors()).containsExactly(BLUE, RED);
    }

    @Test
    void referencesWithoutAFlatColorAreRefusedOrGiveNoPalette() {
        int[] image = new int[W * H];
        for (int i = 0; i < image.length; i++) {
            image[i] = i * 7919; // no two neighbours alike
        }
        List<Mat> colors = List.of(bgr(image));
        List<LineArt> lines = List.of(lineArt(-1));
        assertThatThrownBy(() -> PaletteBuilder.build(colors, lines, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no flat fill colors");
        assertThat(PaletteBuilder.buildOrNull(colors, lines, 1)).isNull();
    }

    private static void paintSquare(int[] image, int x0, int y0, int side, int rgb) {
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                image[y * W + x] = rgb;
            }
        }
    }

    private static Mat bgr(int[] rgb) {
        byte[] px = new byte[3 * rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            px[3 * i] = (byte) rgb[i];
            px[3 * i + 1] = (byte) (rgb[i] >> 8);
            px[3 * i + 2] = (byte) (rgb[i] >> 16);
        }
        return Pixels.mat(W, H, CvType.CV_8UC3, px);
    }

    /** Line art with main-line ink in the given columns (none for -1). */
    private static LineArt lineArt(int... columns) {
        byte[] ink = new byte[W * H];
        byte[] gray = new byte[W * H];
        java.util.Arrays.fill(gray, (byte) 255);
        for (int x : columns) {
            if (x < 0) {
                continue;
            }
            for (int y = 0; y < H; y++) {
                ink[y * W + x] = InkClass.MAIN;
                gray[y * W + x] = 0;
            }
        }
        return new LineArt(W, H, Pixels.mat(W, H, CvType.CV_8UC1, gray), Pixels.mat(W, H, CvType.CV_8UC1, ink),
                Pixels.mat(W, H, CvType.CV_8UC1, new byte[W * H]));
    }
}
