package org.pfmsim.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/** The converters' SIMD loops agree with their scalar twins. */
class ConvertersVectorTest {
    private static float[] gaussian(int n, long seed) {
        CounterRng rng = CounterRng.stream(seed, Purpose.INPUTS, 0, 0, 0);
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            x[k] = rng.normal(k);
        }
        return x;
    }

    @Test
    void simdAndScalarClipCountsAgree() {
        float[] x = gaussian(1029, 5);
        x[3] = Float.NaN;
        x[4] = -0f;
        x[5] = 1.5f;
        x[6] = -1.5f;
        for (int[] range : new int[][] {{0, 1029}, {3, 1000}, {5, 7}, {0, 0}}) {
            int scalar = Converters.clipped(x, range[0], range[1], 1.5f, false);
            assertEquals(scalar, Converters.clipped(x, range[0], range[1], 1.5f, true), range[0] + ".." + range[1]);
        }
        assertEquals(2, Converters.clipped(new float[] {2f, -2f, 1.5f, -1.5f, Float.NaN}, 0, 5, 1.5f, false),
                "strictly beyond full scale, either sign; NaN is not clipped");
    }
}
