package io.anidoc.runtime.inference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Fp16Test {

    @Test
    void everyHalfSurvivesTheRoundTripThroughFloat() {
        int nans = 0;
        for (int bits = 0; bits <= 0xffff; bits++) {
            short half = (short) bits;
            float value = Fp16.toFloat(half);
            if (Float.isNaN(value)) {
                nans++;
                assertThat(Float.isNaN(Fp16.toFloat(Fp16.fromFloat(value)))).isTrue();
                continue;
            }
            assertThat(Fp16.fromFloat(value)).as("half 0x%04x (%s)", bits, value).isEqualTo(half);
        }
        assertThat(nans).isEqualTo(2 * 1023); // both signs, every non-zero mantissa
    }

    @Test
    void knownValuesConvertExactly() {
        assertThat(Fp16.fromFloat(1.0f)).isEqualTo((short) 0x3c00);
        assertThat(Fp16.fromFloat(-2.0f)).isEqualTo((short) 0xc000);
        assertThat(Fp16.fromFloat(65504f)).isEqualTo((short) 0x7bff);          // largest half
        assertThat(Fp16.fromFloat(0x1p-14f)).isEqualTo((short) 0x0400);       // smallest normal
        assertThat(Fp16.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001);       // smallest subnormal
        assertThat(Fp16.fromFloat(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(Fp16.toFloat((short) 0x3555)).isEqualTo(0.33325195f);
        assertThat(Fp16.toFloat((short) 0x8000)).isEqualTo(-0.0f);
        assertThat(Float.floatToIntBits(Fp16.toFloat((short) 0x8000))).isEqualTo(Float.floatToIntBits(-0.0f));
    }

    @Test
    void roundsToNearestEvenAndSaturatesToInfinity() {
        // 1 + 2^-11 lies exactly between 1 and the next half (1 + 2^-10): ties go to the even one, 1.
        assertThat(Fp16.fromFloat(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        // 1 + 3 * 2^-11 lies between 1 + 2^-10 (odd) and 1 + 2^-9 (even): goes up to the even one.
        assertThat(Fp16.fromFloat(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);
        // Just above the halfway point rounds up.
        assertThat(Fp16.fromFloat(Math.nextUp(1f + 0x1p-11f))).isEqualTo((short) 0x3c01);
        assertThat(Fp16.fromFloat(65520f)).isEqualTo((short) 0x7c00);          // rounds past the largest half
        assertThat(Fp16.fromFloat(65519f)).isEqualTo((short) 0x7bff);
        assertThat(Fp16.fromFloat(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xfc00);
        assertThat(Fp16.fromFloat(0x1p-25f)).isEqualTo((short) 0x0000);       // a tie between 0 and 2^-24 goes to 0
        assertThat(Fp16.fromFloat(Math.nextUp(0x1p-25f))).isEqualTo((short) 0x0001);
        assertThat(Fp16.fromFloat(1e-10f)).isEqualTo((short) 0x0000);
        assertThat(Float.isNaN(Fp16.toFloat(Fp16.fromFloat(Float.NaN)))).isTrue();
    }

    @Test
    void matchesTheNearestHalfForArbitraryFloats() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            float value = (random.nextFloat() - 0.5f) * (float) Math.pow(2, random.nextInt(40) - 25);
            float rounded = Fp16.toFloat(Fp16.fromFloat(value));
            // No other half is closer: check both neighbours of the chosen half.
            short chosen = Fp16.fromFloat(value);
            float below = Fp16.toFloat((short) (chosen - 1));
            float above = Fp16.toFloat((short) (chosen + 1));
            double error = Math.abs((double) rounded - value);
            if (!Float.isNaN(below) && Math.signum(below) == Math.signum(rounded)) {
                assertThat(error).isLessThanOrEqualTo(Math.abs((double) below - value));
            }
            if (!Float.isNaN(above) && !Float.isInfinite(above) && Math.signum(above) == Math.signum(rounded)) {
                assertThat(error).isLessThanOrEqualTo(Math.abs((double) above - value));
            }
        }
    }
}
