package org.pfmsim.crossbar;

/**
 * Uniform mid-tread quantizers for the DAC and ADC: 2^(bits-1) - 1 levels per polarity plus zero
 * (2^bits - 1 codes), symmetric about zero so that a signed value and its negation convert alike.
 */
final class Converters {
    private Converters() {
    }

    /** Positive codes of a signed converter with this many bits. */
    static int levelsPerPolarity(int bits) {
        return (1 << (bits - 1)) - 1;
    }

    /**
     * Quantizes x / fullScale to the nearest of the converter's codes and returns the code value times
     * fullScale. Values beyond full scale are clipped to it (the caller counts them).
     */
    static float quantize(float x, float fullScale, int levels) {
        float t = x / fullScale;
        if (t > 1f) {
            t = 1f;
        } else if (t < -1f) {
            t = -1f;
        }
        return (float) Math.rint(t * levels) / levels * fullScale;
    }
}
