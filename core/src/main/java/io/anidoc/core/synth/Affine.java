package io.anidoc.core.synth;

/** A 2D affine map x' = a*x + b*y + c, y' = d*x + e*y + f (image coordinates, y down). */
record Affine(double a, double b, double c, double d, double e, double f) {

    static final Affine IDENTITY = new Affine(1, 0, 0, 0, 1, 0);

    static Affine translation(double tx, double ty) {
        return new Affine(1, 0, tx, 0, 1, ty);
    }

    static Affine rotation(double radians) {
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        return new Affine(cos, -sin, 0, sin, cos, 0);
    }

    static Affine scaling(double sx, double sy) {
        return new Affine(sx, 0, 0, 0, sy, 0);
    }

    /** Rotation by {@code radians} about the point (px, py). */
    static Affine rotationAbout(double radians, double px, double py) {
        return translation(px, py).then(rotation(radians)).then(translation(-px, -py));
    }

    /** This map applied after {@code inner}: the result maps p to this(inner(p)). */
    Affine then(Affine inner) {
        return new Affine(
                a * inner.a + b * inner.d, a * inner.b + b * inner.e, a * inner.c + b * inner.f + c,
                d * inner.a + e * inner.d, d * inner.b + e * inner.e, d * inner.c + e * inner.f + f);
    }

    double x(double px, double py) {
        return a * px + b * py + c;
    }

    double y(double px, double py) {
        return d * px + e * py + f;
    }

    /** Maps interleaved points (x0, y0, x1, y1, ...). */
    double[] apply(double[] xy) {
        double[] out = new double[xy.length];
        for (int i = 0; i < xy.length; i += 2) {
            out[i] = x(xy[i], xy[i + 1]);
            out[i + 1] = y(xy[i], xy[i + 1]);
        }
        return out;
    }
}
