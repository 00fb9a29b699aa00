package org.pfmsim.rng;

/**
 * Counter-based random numbers: every value is a pure function of (key, index), so any element of any
 * stream can be produced in any order, on any executor, any number of times, with the same result.
 *
 * <p>The generator is SplitMix64 written in counter form: {@code bits(i) = mix64(key + (i + 1) * GAMMA)}
 * (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the output
 * passes BigCrush). Stream keys are derived from (seed, purpose, layer, tile row, tile column) by
 * chaining the same bijective finalizer, so distinct coordinates give unrelated 64-bit keys; two streams
 * would overlap only if their keys landed within the length of a stream of each other on the 2^64 ring,
 * which for the at most ~10^12 values a stream delivers has probability below 10^-7 per pair.
 *
 * <p>Gaussians use the 256-layer ziggurat of Marsaglia and Tsang (J. Stat. Softw. 5(8), 2000) with the
 * independent layer/uniform split of Doornik ("An improved ziggurat method", 2005): one 64-bit word
 * gives the layer (low 8 bits) and the abscissa (high 53 bits). About 99% of draws take the fast path;
 * the rare rejections draw from a secondary sequence keyed by the same index, so {@link #gaussian(long)}
 * is still a pure function of the index.
 */
public final class CounterRng {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final long FALLBACK_SALT = 0x5DEECE66D1F2B3A7L;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private final long key;

    private CounterRng(long key) {
        this.key = key;
    }

    /** The stream for one purpose of one tile of one layer of the model with this seed. */
    public static CounterRng stream(long seed, Purpose purpose, long layer, long tileRow, long tileCol) {
        long k = mix64(seed ^ 0x2545F4914F6CDD1DL);
        k = mix64(k + GAMMA * (purpose.ordinal() + 1L));
        k = mix64(k + GAMMA * (layer + 1L));
        k = mix64(k + GAMMA * (tileRow + 1L));
        k = mix64(k + GAMMA * (tileCol + 1L));
        return new CounterRng(k);
    }

    /** The 64 random bits at position {@code index} of this stream. */
    public long bits(long index) {
        return mix64(key + (index + 1L) * GAMMA);
    }

    /** A uniform double in [0, 1) with 53 random bits, at position {@code index}. */
    public double uniform(long index) {
        return (bits(index) >>> 11) * TWO_POW_MINUS_53;
    }

    /** A standard normal deviate at position {@code index}. */
    public double gaussian(long index) {
        long b = bits(index);
        int layer = (int) (b & 0xFF);
        double u = 2.0 * ((b >>> 11) * TWO_POW_MINUS_53) - 1.0;
        if (Math.abs(u) < Ziggurat.RATIO[layer]) {
            return u * Ziggurat.X[layer];
        }
        return gaussianSlow(index, layer, u);
    }

    /**
     * A standard normal deviate of float precision from 32 random bits (8 for the ziggurat layer, 24 for
     * the abscissa), so one 64-bit word at position i gives two deviates: {@code (int) bits(i)} and
     * {@code (int) (bits(i) >>> 32)}. {@code fallbackIndex} keys the rare rejection path and must differ
     * between the two halves (use 2i and 2i + 1). Half the hashing of {@link #gaussian(long)} per deviate,
     * for the hot loops (programming variability, read noise).
     */
    public double gaussianFromHalf(int half, long fallbackIndex) {
        int layer = half & 0xFF;
        double u = ((half >>> 8) + 0.5) * 0x1.0p-23 - 1.0; // 24 bits, symmetric in (-1, 1)
        if (Math.abs(u) < Ziggurat.RATIO[layer]) {
            return u * Ziggurat.X[layer];
        }
        return gaussianSlow(~fallbackIndex, layer, u);
    }

    /** Fills {@code out[offset .. offset+length)} with {@code mean + sigma * N(0,1)} from positions {@code first...}. */
    public void fillGaussian(float[] out, int offset, int length, long first, double mean, double sigma) {
        for (int i = 0; i < length; i++) {
            out[offset + i] = (float) (mean + sigma * gaussian(first + i));
        }
    }

    private double gaussianSlow(long index, int layer, double u) {
        // Rejections continue on a secondary SplitMix sequence whose start is a mix of (key, index), so
        // neighbouring indices get unrelated sequences; still a pure function of the index.
        long state = mix64(mix64(key ^ FALLBACK_SALT) + index * GAMMA);
        for (;;) {
            if (layer == 0) {
                return Ziggurat.tail(u < 0, next(state += GAMMA), next(state += GAMMA));
            }
            double x = u * Ziggurat.X[layer];
            double f0 = Math.exp(-0.5 * (Ziggurat.X[layer] * Ziggurat.X[layer] - x * x));
            double f1 = Math.exp(-0.5 * (Ziggurat.X[layer + 1] * Ziggurat.X[layer + 1] - x * x));
            if (f1 + next(state += GAMMA) * (f0 - f1) < 1.0) {
                return x;
            }
            long b = mix64(state += GAMMA);
            layer = (int) (b & 0xFF);
            u = 2.0 * ((b >>> 11) * TWO_POW_MINUS_53) - 1.0;
            if (Math.abs(u) < Ziggurat.RATIO[layer]) {
                return u * Ziggurat.X[layer];
            }
        }
    }

    private static double next(long state) {
        return ((mix64(state) >>> 11) + 1L) * TWO_POW_MINUS_53; // (0, 1]: safe under log()
    }

    /** The SplitMix64 / Stafford "variant 13" finalizer: a bijection on 64-bit words with full avalanche. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Tables of the 256-layer ziggurat for the standard normal density f(x) = exp(-x^2/2). */
    private static final class Ziggurat {
        /** Right edge of the base layer and the common layer area (Marsaglia and Tsang 2000, 256 layers). */
        private static final double R = 3.6541528853610088;
        private static final double V = 0.00492867323399;
        static final double[] X = new double[257];
        static final double[] RATIO = new double[256];

        static {
            double f = Math.exp(-0.5 * R * R);
            X[0] = V / f; // the base layer is a rectangle plus the tail, widened to area V
            X[1] = R;
            X[256] = 0.0;
            for (int i = 2; i < 256; i++) {
                X[i] = Math.sqrt(-2.0 * Math.log(V / X[i - 1] + f));
                f = Math.exp(-0.5 * X[i] * X[i]);
            }
            for (int i = 0; i < 256; i++) {
                RATIO[i] = X[i + 1] / X[i];
            }
        }

        /** Marsaglia's tail method for |x| > R, from two uniforms in (0, 1]. May loop via the caller. */
        static double tail(boolean negative, double u1, double u2) {
            double x = Math.log(u1) / R;
            double y = Math.log(u2);
            // Accept with probability exp(-x^2/2) / envelope; the rejection rate is about 10%, so
            // iterate here rather than restarting the whole draw.
            long state = Double.doubleToRawLongBits(u1) ^ Double.doubleToRawLongBits(u2);
            while (-2.0 * y < x * x) {
                x = Math.log(next(state += GAMMA)) / R;
                y = Math.log(next(state += GAMMA));
            }
            return negative ? x - R : R - x;
        }

        private Ziggurat() {
        }
    }
}
