package org.pfmsim.kernel;

/**
 * The running maximum of |w| over an array range, for weight scales and calibrated converter ranges. Max is
 * exact in any order, so the SIMD path ({@link MaximaVector}) and the scalar loop give the same value; the
 * scalar loop keeps four running maxima, since one would serialize on its own comparisons (a chain of
 * 131,072 of them for a 256 x 512 read).
 */
public final class Maxima {
    private Maxima() {
    }

    /** max(0, |w[from]|, ..., |w[to - 1]|), NaN propagating; SIMD when {@code simd} (tests compare the two). */
    public static float maxAbs(float[] w, int from, int to, boolean simd) {
        if (simd) {
            return MaximaVector.maxAbs(w, from, to);
        }
        float m0 = 0f;
        float m1 = 0f;
        float m2 = 0f;
        float m3 = 0f;
        int k = from;
        for (; k + 3 < to; k += 4) {
            m0 = Math.max(m0, Math.abs(w[k]));
            m1 = Math.max(m1, Math.abs(w[k + 1]));
            m2 = Math.max(m2, Math.abs(w[k + 2]));
            m3 = Math.max(m3, Math.abs(w[k + 3]));
        }
        for (; k < to; k++) {
            m0 = Math.max(m0, Math.abs(w[k]));
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }
}
