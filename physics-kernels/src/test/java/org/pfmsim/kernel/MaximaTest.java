package org.pfmsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The running maximum of |w|: SIMD and scalar alike, ragged ranges, maxima at either end, NaN. */
class MaximaTest {
    /**
     * max |w| over a range: the SIMD path and the scalar loop agree on ragged ranges (heads and tails off
     * the vector width), find a maximum placed at either end, and propagate NaN.
     */
    @Test
    void maxAbsOverARangeAgreesWithTheScalarLoop() {
        float[] w = new float[203];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (r.nextDouble() * 2 - 1);
        }
        int[][] ranges = {{0, 203}, {3, 200}, {7, 8}, {5, 5}, {17, 41}, {100, 203}};
        for (int[] range : ranges) {
            float expected = 0f;
            for (int k = range[0]; k < range[1]; k++) {
                expected = Math.max(expected, Math.abs(w[k]));
            }
            for (boolean simd : new boolean[] {false, Simd.ENABLED}) {
                assertEquals(expected, Maxima.maxAbs(w, range[0], range[1], simd),
                        "range " + range[0] + ".." + range[1] + ", simd " + simd);
            }
        }
        w[3] = -5f;
        w[199] = 6f;
        for (boolean simd : new boolean[] {false, Simd.ENABLED}) {
            assertEquals(5f, Maxima.maxAbs(w, 3, 199, simd), "first element, simd " + simd);
            assertEquals(6f, Maxima.maxAbs(w, 4, 200, simd), "last element, simd " + simd);
            w[50] = Float.NaN;
            assertTrue(Float.isNaN(Maxima.maxAbs(w, 0, 203, simd)), "NaN, simd " + simd);
            w[50] = 0f;
        }
    }
}
