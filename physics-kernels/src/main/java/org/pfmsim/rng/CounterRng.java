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
 * <p>Normal deviates come from {@link BoxMuller}: two per word, all in float, 0.85 ns each when the JVM has
 * the Vector API ({@link VectorWords}: eight words and sixteen deviates per step, identical to the scalar
 * path; the 256-layer ziggurat this replaced took 2.5 ns in float and 3.1 ns in double on the same
 * machine, its table gathers and rare exact slow path defeating SIMD). Deviate d is a pure function of d
 * like every other value of the stream.
 */
public final class CounterRng {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
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

    /** The 64 random bits at position {@code index} of this stream. */
    public long bits(long index) {
        return mix64(key + (index + 1L) * GAMMA);
    }

    /** A uniform double in [0, 1) with 53 random bits, at position {@code index}. */
    public double uniform(long index) {
        return (bits(index) >>> 11) * TWO_POW_MINUS_53;
    }

    /**
     * Deviate {@code d} of the stream's standard normal sequence (float precision; see {@link BoxMuller}
     * for the method, its accuracy and which word each deviate comes from).
     */
    public float normal(long d) {
        return BoxMuller.deviate(bits(BoxMuller.wordOf(d)), BoxMuller.isSine(d));
    }

    /**
     * A standard normal deviate made from word {@code index} (its cosine deviate), for streams that also
     * read words as uniforms: the glass detectors take shot noise from word 2i ({@link Poisson#sample}) and
     * read noise from word 2i + 1, so every word feeds one draw only. (Deviate {@code normal(d)} comes from
     * word about d / 2, which could be another detector's uniform.)
     */
    public float normalOfWord(long index) {
        return BoxMuller.deviate(bits(index), false);
    }

    /**
     * {@code out[offset + i] = normal(first + i)} for i &lt; length: sixteen at a time from blocks of eight
     * words, vectorized when the JVM allows (the fast path needs {@code first} a multiple of 16 to start
     * at once; other starts take up to 15 scalar deviates first).
     */
    public void fillNormal(float[] out, int offset, int length, long first) {
        if (offset < 0 || length < 0 || offset + length > out.length || first < 0) {
            throw new IllegalArgumentException("bad range: offset " + offset + ", length " + length + ", array "
                    + out.length + ", first " + first);
        }
        int i = 0;
        while (i < length && ((first + i) & (BoxMuller.BLOCK - 1)) != 0) {
            out[offset + i] = normal(first + i);
            i++;
        }
        int blocks = (length - i) / BoxMuller.BLOCK;
        long firstBlock = (first + i) / BoxMuller.BLOCK;
        if (VECTOR_WORDS) {
            VectorWords.normals(key, GAMMA, firstBlock, blocks, out, offset + i);
        } else {
            for (int b = 0; b < blocks; b++) {
                BoxMuller.block(this, BoxMuller.WORDS_PER_BLOCK * (firstBlock + b), out,
                        offset + i + BoxMuller.BLOCK * b);
            }
        }
        i += BoxMuller.BLOCK * blocks;
        for (; i < length; i++) {
            out[offset + i] = normal(first + i);
        }
    }

    /** {@code out[offset + i] = mean + sigma normal(first + i)} for i &lt; length, in float. */
    public void fillGaussian(float[] out, int offset, int length, long first, double mean, double sigma) {
        fillNormal(out, offset, length, first);
        float m = (float) mean;
        float s = (float) sigma;
        for (int i = offset; i < offset + length; i++) {
            out[i] = m + s * out[i];
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

    /** The SplitMix64 / Stafford "variant 13" finalizer: a bijection on 64-bit words with full avalanche. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
