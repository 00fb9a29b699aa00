package org.pfmsim.checkpoint;

/**
 * Exact conversions between float32 and the two 16-bit formats of checkpoints.
 *
 * <p>F16 is IEEE 754-2008 binary16 (1 sign, 5 exponent bits with bias 15, 10 fraction bits): every
 * binary16 value, subnormals (k 2^-24), infinities and NaNs included, is exactly a float32, so decoding
 * is exact. BF16 is the upper half of a float32 (1 sign, 8 exponent, 7 fraction bits), so decoding is a
 * shift. Encoding (the writer) rounds to nearest, ties to even, as IEEE 754 section 4.3.1 prescribes
 * for the default rounding; magnitudes beyond the largest finite value become infinities, NaNs stay
 * (quiet) NaNs.
 */
public final class HalfFloats {
    private HalfFloats() {
    }

    /** The float32 value of a binary16 bit pattern (the low 16 bits of {@code bits}). */
    public static float f16ToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0x1f) {
            // Infinity (fraction 0) or NaN; the payload moves to the top of the float32 fraction.
            return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: fraction x 2^-24, exact in float32 (at most 10 significant bits).
            float magnitude = fraction * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        // Normal: rebias the exponent from 15 to 127 (difference 112).
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (fraction << 13));
    }

    /** The binary16 bit pattern nearest to {@code value} (ties to even). */
    public static int floatToF16(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exponent = (f >>> 23) & 0xff;
        int fraction = f & 0x7fffff;
        if (exponent == 0xff) {
            return sign | 0x7c00 | (fraction == 0 ? 0 : 0x200 | (fraction >>> 13));
        }
        int e = exponent - 112; // the binary16 exponent field this value would have
        if (e >= 0x1f) {
            return sign | 0x7c00;
        }
        if (e <= 0) {
            if (e < -10) {
                return sign; // below half the smallest subnormal: rounds to zero
            }
            int significand = fraction | 0x800000;
            int shift = 14 - e; // value in units of 2^-24 is significand >> shift
            return sign | roundShift(significand, shift); // may carry into the smallest normal, correctly
        }
        // Normal: drop 13 fraction bits; a carry may reach the exponent (and infinity), correctly.
        return sign | roundShift((e << 23) | fraction, 13);
    }

    /** The bfloat16 bit pattern nearest to {@code value} (ties to even). */
    public static int floatToBf16(float value) {
        int f = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (f >>> 16) | 0x40;
        }
        return (f + 0x7fff + ((f >>> 16) & 1)) >>> 16;
    }

    /** The float32 value of a bfloat16 bit pattern (the low 16 bits of {@code bits}). */
    public static float bf16ToFloat(int bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** {@code x >> shift}, rounded to nearest with ties to even. */
    private static int roundShift(int x, int shift) {
        int kept = x >>> shift;
        int rest = x & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return rest > half || (rest == half && (kept & 1) == 1) ? kept + 1 : kept;
    }
}
