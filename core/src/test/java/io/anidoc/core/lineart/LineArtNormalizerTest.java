package io.anidoc.core.lineart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import io.anidoc.core.image.Drawing;
import io.anidoc.core.image.Pixels;

class LineArtNormalizerTest {
    private final LineArtNormalizer normalizer = new LineArtNormalizer(LineArtSettings.defaults());

    private static Drawing mixedLines() {
        return Drawing.paper(240, 160)
                .line(20, 40, 220, 40, Drawing.BLACK, 3)
                .line(60, 70, 60, 150, Drawing.RED, 2)
                .circle(160, 110, 30, Drawing.BLUE, 2);
    }

    @Test
    void degenerateSizesAreNormalized() {
        for (int[] size : new int[][] {{1, 1}, {16_384, 1}, {1, 2_000}, {12, 12}}) {
            LineArt art = normalizer.normalize(new Mat(size[1], size[0], CvType.CV_8UC3, new Scalar(250, 250, 250)));
            assertThat(art.gray().cols()).as("%dx%d", size[0], size[1]).isEqualTo(size[0]);
            assertThat(art.gray().rows()).isEqualTo(size[1]);
        }
    }

    @Test
    void classifiesMainAndTraceInkAndPaper() {
        LineArt art = normalizer.normalize(mixedLines().bgr());
        assertThat(inkAt(art, 120, 40)).isEqualTo(InkClass.MAIN);
        assertThat(inkAt(art, 60, 110)).isEqualTo(InkClass.TRACE);
        assertThat(inkAt(art, 190, 110)).isEqualTo(InkClass.TRACE);
        assertThat(inkAt(art, 120, 100)).isEqualTo(InkClass.PAPER);
        assertThat(inkAt(art, 10, 10)).isEqualTo(InkClass.PAPER);
        // only main lines are opaque in the line layer; trace lines and paper are transparent
        assertThat(alphaAt(art, 120, 40)).isGreaterThanOrEqualTo(250);
        assertThat(alphaAt(art, 60, 110)).isZero();
        assertThat(alphaAt(art, 120, 100)).isZero();
        // both kinds of ink are dark in the gray image used for matching; paper is white
        assertThat(grayAt(art, 60, 110)).isLessThan(128);
        assertThat(grayAt(art, 120, 100)).isEqualTo(255);
    }

    @Test
    void inkOnTransparentBackgroundIsReadFromAlpha() {
        Mat transparent = Drawing.paper(200, 120).line(20, 60, 180, 60, Drawing.BLACK, 3).asInkOnTransparent();
        LineArt art = normalizer.normalize(transparent);
        assertThat(inkAt(art, 100, 60)).isEqualTo(InkClass.MAIN);
        assertThat(inkAt(art, 100, 20)).isEqualTo(InkClass.PAPER);
        assertThat(alphaAt(art, 100, 60)).isGreaterThanOrEqualTo(250);
    }

    @Test
    void inkStoredOnlyInAlphaOverWhiteColorIsFound() {
        Mat bgra = Drawing.paper(200, 120).line(20, 60, 180, 60, Drawing.BLACK, 3).asInkOnTransparent();
        // same alpha, but every color white: only the alpha channel says where the line is
        Mat white = new Mat(bgra.size(), CvType.CV_8UC4, new Scalar(255, 255, 255, 0));
        byte[] a = Pixels.bytes(bgra);
        byte[] w = Pixels.bytes(white);
        for (int i = 3; i < a.length; i += 4) {
            w[i] = a[i];
        }
        white.put(0, 0, w);
        LineArt art = normalizer.normalize(white);
        assertThat(inkAt(art, 100, 60)).isEqualTo(InkClass.MAIN);
        assertThat(inkAt(art, 100, 20)).isEqualTo(InkClass.PAPER);
    }

    @Test
    void scannedGreyLinesOnUnevenPaperBecomeCleanBlackLines() {
        Mat scan = mixedLines().bgr().clone();
        Random random = new Random(3);
        byte[] px = Pixels.bytes(scan);
        for (int i = 0; i < px.length; i += 3) {
            int x = (i / 3) % 240;
            int shade = 40 + x / 8; // paper darkens to the right, ink is grey
            for (int c = 0; c < 3; c++) {
                int v = px[i + c] & 0xff;
                int scanned = v == 255 ? 255 - shade : v + 70 - shade / 3;
                px[i + c] = (byte) Math.max(0, Math.min(255, scanned + random.nextInt(9) - 4));
            }
        }
        scan.put(0, 0, px);
        LineArt art = normalizer.normalize(scan);
        assertThat(inkAt(art, 120, 40)).isEqualTo(InkClass.MAIN);
        assertThat(inkAt(art, 230, 10)).isEqualTo(InkClass.PAPER);
        assertThat(inkAt(art, 60, 110)).isEqualTo(InkClass.TRACE);
        assertThat(alphaAt(art, 120, 40)).as("grey ink is leveled to a black line").isGreaterThanOrEqualTo(240);
        long paperInk = 0;
        byte[] ink = art.inkBytes();
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 240; x++) {
                paperInk += ink[y * 240 + x] != InkClass.PAPER ? 1 : 0;
            }
        }
        assertThat(paperInk).as("paper texture is not ink").isZero();
    }

    @Test
    void despeckleRemovesIsolatedDotsButKeepsLinesAndRealDots() {
        Drawing drawing = Drawing.paper(240, 160).line(20, 40, 220, 40, Drawing.BLACK, 2);
        int[][] specks = {{30, 100}, {90, 120}, {150, 90}, {200, 140}};
        for (int[] s : specks) {
            drawing.dot(s[0], s[1], 2, Drawing.BLACK);
        }
        drawing.dot(120, 120, 6, Drawing.BLACK);
        LineArt art = normalizer.normalize(drawing.bgr());
        for (int[] s : specks) {
            assertThat(inkAt(art, s[0], s[1])).as("speck at %d,%d", s[0], s[1]).isEqualTo(InkClass.PAPER);
            assertThat(alphaAt(art, s[0], s[1])).isZero();
        }
        assertThat(inkAt(art, 122, 122)).as("a 6x6 dot is drawn on purpose").isEqualTo(InkClass.MAIN);
        assertThat(inkAt(art, 120, 40)).isEqualTo(InkClass.MAIN);
        assertThat(inkAt(art, 21, 40)).isEqualTo(InkClass.MAIN);
    }

    @Test
    void faintStrokesWithoutStrongInkAreDropped() {
        Drawing drawing = Drawing.paper(200, 100).line(20, 30, 180, 30, Drawing.BLACK, 2)
                .line(20, 70, 180, 70, new Scalar(200, 200, 200), 1);
        LineArt art = normalizer.normalize(drawing.bgr());
        assertThat(inkAt(art, 100, 30)).isEqualTo(InkClass.MAIN);
        assertThat(inkAt(art, 100, 70)).isEqualTo(InkClass.PAPER);
    }

    static int inkAt(LineArt art, int x, int y) {
        return (int) art.ink().get(y, x)[0];
    }

    static int alphaAt(LineArt art, int x, int y) {
        return (int) art.mainAlpha().get(y, x)[0];
    }

    static int grayAt(LineArt art, int x, int y) {
        return (int) art.gray().get(y, x)[0];
    }
}
