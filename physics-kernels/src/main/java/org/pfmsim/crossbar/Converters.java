package org.pfmsim.crossbar;

/**
 * Uniform mid-tread quantizers for the DAC and ADC: 2^(bits-1) - 1 levels per polarity plus zero
 * (2^bits - 1 codes), symmetric about zero so that a signed value and its negation convert alike.
 * Shared by every platform's DAC and ADC models (crossbar, optical).
 */
public final class Converters {
    private Converters() {
    }

    /** Positive codes of a signed converter with this many bits. */
    public static int levelsPerPolarity(int bits) {
        return (1 << (bits - 1)) - 1;
    }

    /**
     * The code (an integer in [-levels, levels], as a float) nearest to x on a converter whose code step is
     * 1 / codesPerUnit; values beyond full scale are clipped to the extreme code (the caller counts them).
     * Takes the reciprocal step so the hot loops multiply instead of divide.
     */
    public static float code(float x, float codesPerUnit, float levels) {
        float t = x * codesPerUnit;
        return (float) Math.rint(Math.max(-levels, Math.min(levels, t)));
    }
}
