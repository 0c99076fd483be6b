package io.anidoc.core.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NearestPixelTest {

    @Test
    void everyPixelPointsToTheClosestMarkedPixel() {
        int w = 9;
        int h = 5;
        boolean[] marked = new boolean[w * h];
        marked[0] = true; // (0, 0)
        marked[4 * w + 8] = true; // (8, 4)
        marked[2 * w + 4] = true; // (4, 2)
        int[] nearest = NearestPixel.nearestMarked(w, h, marked);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int best = -1;
                double bestDistance = Double.MAX_VALUE;
                for (int i = 0; i < marked.length; i++) {
                    if (marked[i]) {
                        double d = Math.hypot(i % w - x, i / w - y);
                        if (d < bestDistance - 1e-9) {
                            bestDistance = d;
                            best = i;
                        }
                    }
                }
                int got = nearest[y * w + x];
                double gotDistance = Math.hypot(got % w - x, got / w - y);
                assertThat(marked[got]).isTrue();
                assertThat(gotDistance).as("pixel %d,%d", x, y).isLessThanOrEqualTo(bestDistance + 0.5);
            }
        }
        assertThat(nearest[0]).isZero();
        assertThat(nearest[4 * w + 7]).isEqualTo(4 * w + 8);
    }

    @Test
    void needsAMarkedPixel() {
        assertThatThrownBy(() -> NearestPixel.nearestMarked(3, 3, new boolean[9]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
