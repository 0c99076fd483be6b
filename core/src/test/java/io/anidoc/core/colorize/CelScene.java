package io.anidoc.core.colorize;

import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import io.anidoc.core.image.Drawing;

/**
 * A small cel drawing for tests: a body split by a red trace line into a lit and a shaded side, a
 * head with an eye, on a colored background; as line art and as its painted frame, at any offset.
 */
final class CelScene {
    static final Scalar BACKGROUND = new Scalar(230, 210, 180);
    static final Scalar BODY = new Scalar(60, 80, 220);
    static final Scalar BODY_SHADE = new Scalar(40, 50, 150);
    static final Scalar HEAD = new Scalar(170, 200, 250);
    static final Scalar EYE = new Scalar(120, 60, 20);
    static final int WIDTH = 320;
    static final int HEIGHT = 240;

    private CelScene() {
    }

    static Mat lineArt(double dx, double dy) {
        return lines(Drawing.paper(WIDTH, HEIGHT), dx, dy, true).bgr();
    }

    /** The painted frame: flat fills, trace line painted over, black lines on top. */
    static Mat painted(double dx, double dy) {
        Drawing d = Drawing.paper(WIDTH, HEIGHT).fillRect(0, 0, WIDTH - 1, HEIGHT - 1, BACKGROUND)
                .fillRect(100 + dx, 110 + dy, 140 + dx, 200 + dy, BODY)
                .fillRect(141 + dx, 110 + dy, 220 + dx, 200 + dy, BODY_SHADE)
                .fillCircle(160 + dx, 70 + dy, 35, HEAD)
                .fillCircle(148 + dx, 62 + dy, 8, EYE);
        return lines(d, dx, dy, false).bgr();
    }

    private static Drawing lines(Drawing d, double dx, double dy, boolean trace) {
        if (trace) {
            d.line(140.5 + dx, 110 + dy, 140.5 + dx, 200 + dy, Drawing.RED, 1);
        }
        return d.rect(100 + dx, 110 + dy, 220 + dx, 200 + dy, Drawing.BLACK, 2)
                .circle(160 + dx, 70 + dy, 35, Drawing.BLACK, 2)
                .circle(148 + dx, 62 + dy, 8, Drawing.BLACK, 2);
    }

    static int[] bgr(Scalar s) {
        return new int[] {(int) s.val[0], (int) s.val[1], (int) s.val[2]};
    }
}
