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
 *
 * <p>The hot loops (synthetic weights, programming variability, read noise) use a second, float-precision
 * sequence, {@link #normal(long)}: deviate d is drawn from 32 bits, half {@code d & 1} of word
 * {@code d >>> 1} (8 bits choose the layer, 24 the abscissa), so one word gives two deviates; the same
 * ziggurat with single-precision tables on the fast path and the exact double-precision rejection and
 * tail algorithms on the rare slow path. {@link #fillNormal} produces runs of them with the words
 * hashed eight at a time ({@link VectorWords}) when the JVM has the Vector API, which gives the same
 * words as the scalar loop.
 */
public final class CounterRng {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final long FALLBACK_SALT = 0x5DEECE66D1F2B3A7L;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    /** Words per refill of {@link #fillNormal}'s per-thread buffer (4 KiB: stays in L1). */
    private static final int WORD_BUFFER = 512;
    private static final ThreadLocal<long[]> WORDS = ThreadLocal.withInitial(() -> new long[WORD_BUFFER]);
    /** Vector words when the JVM was started with the incubating module (Spark's launcher adds it). */
    private static final boolean VECTOR_WORDS = org.pfmsim.kernel.Simd.ENABLED && VectorWords.worthwhile();

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

    /** The stream's key (for the vector kernels and their tests). */
    long key() {
        return key;
    }

    /** The float ziggurat tables (for the vector kernels and their tests). */
    static float[] floatX() {
        return Ziggurat.X_F;
    }

    static float[] floatRatio() {
        return Ziggurat.RATIO_F;
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
        return gaussianFromWord(bits(index), index);
    }

    /** {@link #gaussian(long)} given its word {@code b = bits(index)}. */
    private double gaussianFromWord(long b, long index) {
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
     * between the two halves (use 2i and 2i + 1). Equal to {@code normal(2i)} and {@code normal(2i + 1)}.
     */
    public double gaussianFromHalf(int half, long fallbackIndex) {
        return normalFromHalf(half, fallbackIndex);
    }

    /** Deviate {@code d} of the float-precision sequence: half {@code d & 1} of word {@code d >>> 1}. */
    public float normal(long d) {
        long word = bits(d >>> 1);
        return normalFromHalf((int) ((d & 1) == 0 ? word : word >>> 32), d);
    }

    /**
     * {@code out[offset + i] = normal(first + i)} for i &lt; length: runs of the float-precision sequence,
     * about 1.2 ns per deviate on the development machine against 2-3 ns one at a time.
     */
    public void fillNormal(float[] out, int offset, int length, long first) {
        if (offset < 0 || length < 0 || offset + length > out.length || first < 0) {
            throw new IllegalArgumentException("bad range: offset " + offset + ", length " + length + ", array "
                    + out.length + ", first " + first);
        }
        int i = 0;
        if ((first & 1) != 0 && length > 0) {
            out[offset] = normal(first);
            i = 1;
        }
        if (VECTOR_WORDS && length - i >= 2) {
            int pairs = (length - i) >>> 1;
            VectorWords.normals(this, key, GAMMA, (first + i) >>> 1, pairs, out, offset + i, floatX(), floatRatio());
            i += 2 * pairs;
        }
        long[] words = WORDS.get();
        while (length - i >= 2) {
            long d = first + i; // even
            int pairs = Math.min(words.length, (length - i) >>> 1);
            words(d >>> 1, words, pairs);
            int o = offset + i;
            for (int k = 0; k < pairs; k++) {
                long w = words[k];
                out[o + 2 * k] = normalFromHalf((int) w, d + 2 * k);
                out[o + 2 * k + 1] = normalFromHalf((int) (w >>> 32), d + 2 * k + 1);
            }
            i += 2 * pairs;
        }
        if (i < length) {
            out[offset + i] = normal(first + i);
        }
    }

    /** {@code out[k] = bits(firstWord + k)} for k &lt; count, eight at a time where the JVM allows. */
    public void words(long firstWord, long[] out, int count) {
        if (VECTOR_WORDS) {
            VectorWords.fill(key, GAMMA, firstWord, out, count);
        } else {
            for (int k = 0; k < count; k++) {
                out[k] = bits(firstWord + k);
            }
        }
    }

    /**
     * The ziggurat on 32 bits in single precision. The abscissa u = (2m + 1 - 2^24) 2^-24 (m the top 24
     * bits) is exact in float, odd multiples of 2^-24 symmetric in (-1, 1), so both signs are equally likely.
     */
    private float normalFromHalf(int half, long fallbackIndex) {
        int layer = half & 0xFF;
        float u = (((half >>> 8) << 1) + 1 - (1 << 24)) * 0x1.0p-24f;
        if (Math.abs(u) < Ziggurat.RATIO_F[layer]) {
            return u * Ziggurat.X_F[layer];
        }
        return (float) gaussianSlow(~fallbackIndex, layer, u);
    }

    /** Fills {@code out[offset .. offset+length)} with {@code mean + sigma * N(0,1)} from positions {@code first...}. */
    public void fillGaussian(float[] out, int offset, int length, long first, double mean, double sigma) {
        long[] words = WORDS.get();
        for (int i = 0; i < length; ) {
            int count = Math.min(words.length, length - i);
            words(first + i, words, count);
            for (int k = 0; k < count; k++) {
                out[offset + i + k] = (float) (mean + sigma * gaussianFromWord(words[k], first + i + k));
            }
            i += count;
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
        /** The same tables rounded to float, for the single-precision fast path. */
        static final float[] X_F = new float[257];
        static final float[] RATIO_F = new float[256];

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
                // Rounded down, so the float rectangle never exceeds the exact one; the sliver between
                // them goes to the exact slow path, which accepts it.
                float r = (float) RATIO[i];
                RATIO_F[i] = r > RATIO[i] ? Math.nextDown(r) : r;
            }
            for (int i = 0; i < 257; i++) {
                X_F[i] = (float) X[i];
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
