package org.pfmsim.converters;

import org.pfmsim.kernel.Rounding;

/**
 * Uniform mid-tread quantizers for the DAC and ADC: 2^(bits-1) - 1 levels per polarity plus zero
 * (2^bits - 1 codes), symmetric about zero so that a signed value and its negation convert alike.
 *
 * <p>Rounding is half-to-even by {@link Rounding#rint(float)}, which keeps the converter loops all-float so
 * that C2 vectorizes them. Converters of up to 23 bits (2^22 - 1 levels) and the programmer's conductance
 * levels (at most 2^20) qualify; 24-bit converters take Math.rint.
 */
public final class Converters {
    private static final float FAST_LIMIT = 0x1p22f;

    private Converters() {
    }

    /** Positive codes of a signed converter with this many bits. */
    public static int levelsPerPolarity(int bits) {
        return (1 << (bits - 1)) - 1;
    }

    /** Whether {@link #rint} is exact for every clipped code of a converter with these levels. */
    static boolean fastRounding(float levels) {
        return levels <= FAST_LIMIT;
    }

    /**
     * The code (an integer in [-levels, levels], as a float) nearest to x on a converter whose code step is
     * 1 / codesPerUnit; values beyond full scale are clipped to the extreme code (the caller counts them).
     * Takes the reciprocal step so the hot loops multiply instead of divide.
     */
    public static float code(float x, float codesPerUnit, float levels) {
        float t = Math.max(-levels, Math.min(levels, x * codesPerUnit));
        return fastRounding(levels) ? Rounding.rint(t) : (float) Math.rint(t);
    }

    /**
     * y[k] = code(x[k]) * scale for k in [from, to), in place allowed. Two loops so that each is branch-free
     * and vectorizes.
     */
    public static void convert(float[] x, float[] y, int from, int to, float codesPerUnit, float levels, float scale) {
        if (fastRounding(levels)) {
            for (int k = from; k < to; k++) {
                float t = Math.max(-levels, Math.min(levels, x[k] * codesPerUnit));
                y[k] = Rounding.rint(t) * scale;
            }
        } else {
            for (int k = from; k < to; k++) {
                y[k] = (float) Math.rint(Math.max(-levels, Math.min(levels, x[k] * codesPerUnit))) * scale;
            }
        }
    }

    /** How many of x[from, to) exceed fullScale in magnitude (clipped by the converter). */
    public static int clipped(float[] x, int from, int to, float fullScale) {
        return clipped(x, from, to, fullScale, org.pfmsim.kernel.Simd.ENABLED);
    }

    /** {@link #clipped}, in SIMD ({@link ConvertersVector}) when {@code simd}. */
    static int clipped(float[] x, int from, int to, float fullScale, boolean simd) {
        if (simd) {
            return ConvertersVector.clipped(x, from, to, fullScale);
        }
        int count = 0;
        for (int k = from; k < to; k++) {
            count += Math.abs(x[k]) > fullScale ? 1 : 0;
        }
        return count;
    }
}
