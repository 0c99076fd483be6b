package io.anidoc.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FlowOpsTest {

    private static int exact(double x) {
        return (int) Math.round(255.0 * Math.exp(-x));
    }

    @Test
    void tabledConfidenceEqualsTheExactOneEverywhere() {
        // every value where the rounded confidence changes, and just around it
        for (int v = 1; v <= 255; v++) {
            double edge = Math.log(255.0 / (v - 0.5));
            for (double x : new double[] {edge, Math.nextDown(edge), Math.nextUp(edge), edge - 1e-9, edge + 1e-9}) {
                if (x >= 0) {
                    assertThat(FlowOps.confidenceOf(x)).as("x = %s", x).isEqualTo(exact(x));
                }
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 1_000_000; k++) {
            double x = random.nextDouble(0, 9);
            assertThat(FlowOps.confidenceOf(x)).isEqualTo(exact(x));
        }
        assertThat(FlowOps.confidenceOf(0)).isEqualTo(255);
        assertThat(FlowOps.confidenceOf(1e9)).isZero();
        assertThat(FlowOps.confidenceOf(Double.NaN)).isEqualTo(exact(Double.NaN));
    }
}
