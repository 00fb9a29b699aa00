package org.pfmsim.rng;

/**
 * Two standard normal deviates from one 64-bit word by the Box-Muller transform (Box and Muller, "A note
 * on the generation of random normal deviates", Ann. Math. Stat. 29, 1958): with U uniform in (0, 1] and
 * theta uniform on the circle, R = sqrt(-2 ln U) and (R cos theta, R sin theta) are independent N(0, 1).
 * It needs no rejection and no table, so the same arithmetic runs sixteen deviates at a time in SIMD
 * registers ({@link VectorNormals}) and one at a time here, bit for bit alike.
 *
 * <p>Bits: the low 40 bits of the word give U = (m + 1) 2^-40, the high 24 the angle. So the radius is
 * exact in distribution down to a probability of 2^-40 per word: the largest radius is sqrt(80 ln 2) =
 * 7.45, and P(|N| > 7.45) = 9e-14 is what the truncation removes (under one draw per 10^13). The angle
 * has 2^24 equally likely values, theta = q pi/2 + x with the quadrant q from the top two bits and x an
 * odd multiple of pi 2^-24 in (-pi/4, pi/4).
 *
 * <p>Functions, all in float with fused multiply-adds (IEEE 754 correctly rounded in Java and in the
 * vector unit, so both paths give the same bits on every machine):
 * <ul>
 *   <li>ln m = e ln 2 + ln y with m = 2^e y, y reduced to [sqrt(1/2), sqrt 2), and ln y = 2 atanh s =
 *       2 (s + s^3/3 + s^5/5 + s^7/7 + s^9/9), s = (y - 1)/(y + 1), |s| &le; 0.172 (Abramowitz and Stegun
 *       4.1.27; the first neglected term is below 5e-9 relative);</li>
 *   <li>sin x and cos x by their Taylor polynomials to x^9 and x^8 on |x| &le; pi/4 (truncation below
 *       2e-9 and 3e-8), rotated into the quadrant by swapping and negating.</li>
 * </ul>
 * U itself is held in float (24 significant bits), which moves the radius's distribution function by at
 * most 2^-25 (invisible below ~10^15 draws); for the same float U the result is within 1e-6 of the radius
 * of double-precision Box-Muller on the same word ({@code CounterRngTest}).
 *
 * <p>Layout: the deviates of a stream are numbered in blocks of {@link #BLOCK}: deviate 16b + k (k &lt; 8)
 * is the cosine deviate of word 8b + k and deviate 16b + 8 + k its sine deviate, so a block is eight
 * words and two stores of eight floats, whatever the vector width of the machine.
 */
final class BoxMuller {
    /** Deviates per block: the cosines of eight consecutive words, then their sines. */
    static final int BLOCK = 16;
    static final int WORDS_PER_BLOCK = BLOCK / 2;
    static final long RADIUS_MASK = (1L << 40) - 1;
    static final int RADIUS_BITS = 40;
    static final float LN2 = 0.6931472f;
    /** Mantissa field of the float nearest sqrt 2, 0x3FB504F3. */
    static final int SQRT2_MANTISSA = 0x3504F3;
    static final float ANGLE_STEP = (float) (Math.PI * 0x1p-24);
    static final float ATANH3 = 1f / 3;
    static final float ATANH5 = 1f / 5;
    static final float ATANH7 = 1f / 7;
    static final float ATANH9 = 1f / 9;
    static final float SIN3 = -1f / 6;
    static final float SIN5 = 1f / 120;
    static final float SIN7 = -1f / 5040;
    static final float SIN9 = 1f / 362880;
    static final float COS2 = -1f / 2;
    static final float COS4 = 1f / 24;
    static final float COS6 = -1f / 720;
    static final float COS8 = 1f / 40320;

    private BoxMuller() {
    }

    /** The word holding deviate d, and whether d is its sine (true) or cosine deviate. */
    static long wordOf(long d) {
        return ((d >>> 4) << 3) | (d & 7);
    }

    static boolean isSine(long d) {
        return (d & 8) != 0;
    }

    /** Deviate d of the stream whose word at d's position is {@code word}. */
    static float deviate(long word, boolean sine) {
        float r = radius(word);
        int a = (int) (word >>> RADIUS_BITS);
        int q = a >>> 22;
        float x = ((a & 0x3FFFFF) * 2 + 1 - (1 << 22)) * ANGLE_STEP;
        float t = x * x;
        boolean swap = (q & 1) != 0;
        int negative;
        float v;
        if (sine != swap) {
            v = sin(x, t);
        } else {
            v = cos(t);
        }
        negative = sine ? q >>> 1 : (q ^ (q >>> 1)) & 1;
        return Float.intBitsToFloat(Float.floatToRawIntBits(r * v) ^ (negative << 31));
    }

    /** sqrt(-2 ln U), U = ((word mod 2^40) + 1) 2^-40. */
    static float radius(long word) {
        float m = (float) ((word & RADIUS_MASK) + 1L);
        int bits = Float.floatToRawIntBits(m);
        int mantissa = bits & 0x7FFFFF;
        int high = (SQRT2_MANTISSA - 1 - mantissa) >>> 31; // 1 when y >= sqrt 2: halve it
        int e = (bits >>> 23) - 127 + high;
        float y = Float.intBitsToFloat((mantissa | 0x3F800000) - (high << 23));
        float s = (y - 1f) / (y + 1f);
        float t = s * s;
        float p = Math.fma(t, ATANH9, ATANH7);
        p = Math.fma(t, p, ATANH5);
        p = Math.fma(t, p, ATANH3);
        float twoS = s + s;
        float lnY = Math.fma(twoS * t, p, twoS);
        float minusLnU = Math.fma((float) (RADIUS_BITS - e), LN2, -lnY);
        return (float) Math.sqrt(minusLnU + minusLnU);
    }

    /** sin x from x and t = x^2. */
    static float sin(float x, float t) {
        float p = Math.fma(t, SIN9, SIN7);
        p = Math.fma(t, p, SIN5);
        p = Math.fma(t, p, SIN3);
        return Math.fma(x * t, p, x);
    }

    /** cos x from t = x^2. */
    static float cos(float t) {
        float p = Math.fma(t, COS8, COS6);
        p = Math.fma(t, p, COS4);
        p = Math.fma(t, p, COS2);
        return Math.fma(t, p, 1f);
    }

    /** out[o .. o + 16) = the deviates of block {@code firstWord / 8}, from its eight words. */
    static void block(CounterRng rng, long firstWord, float[] out, int o) {
        for (int k = 0; k < WORDS_PER_BLOCK; k++) {
            long w = rng.bits(firstWord + k);
            out[o + k] = deviate(w, false);
            out[o + WORDS_PER_BLOCK + k] = deviate(w, true);
        }
    }
}
