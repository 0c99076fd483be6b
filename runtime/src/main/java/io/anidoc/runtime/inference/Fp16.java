package io.anidoc.runtime.inference;

/**
 * IEEE 754 half precision (binary16) conversions. {@code Float.floatToFloat16} only exists from
 * Java 20, and this project targets Java 17.
 *
 * <p>Float to half rounds to nearest, ties to even, as hardware does: every value a half can
 * represent converts exactly, values beyond the half range become infinities, values below half
 * the smallest subnormal become signed zeros, NaN stays NaN.
 */
public final class Fp16 {

    private Fp16() {
    }

    /** The binary16 bits of {@code value}, rounded to nearest even. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7f_ffff;

        if (exponent == 0xff) {
            // Infinity keeps its sign; NaN stays a (quiet) NaN with the top payload bits.
            return (short) (mantissa == 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13));
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (halfExponent <= 0) {
            if (halfExponent < -10) {
                return (short) sign;
            }
            // Subnormal half: shift the full significand (with its implicit bit) into 10 bits.
            int significand = mantissa | 0x80_0000;
            int shift = 14 - halfExponent;
            int half = significand >>> shift;
            int remainder = significand & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (remainder > halfway || (remainder == halfway && (half & 1) != 0)) {
                half++; // may carry into the smallest normal, which is the right answer
            }
            return (short) (sign | half);
        }
        int half = (halfExponent << 10) | (mantissa >>> 13);
        int remainder = mantissa & 0x1fff;
        if (remainder > 0x1000 || (remainder == 0x1000 && (half & 1) != 0)) {
            half++; // a carry out of the mantissa bumps the exponent, up to infinity
        }
        return (short) (sign | half);
    }

    /** The float value of binary16 bits; exact, every half is a float. */
    public static float toFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
