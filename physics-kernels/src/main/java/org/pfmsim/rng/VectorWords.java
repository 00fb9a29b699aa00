package org.pfmsim.rng;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SplitMix64 words of a counter stream, eight at a time in one AVX-512 register (Java's incubating Vector
 * API), and the float-precision normal deviates made from them. The words are exactly
 * {@link CounterRng#bits(long)}: the same 64-bit multiplies, shifts and xors, lane by lane; the ziggurat's
 * fast path is the same int and float operations as {@link CounterRng#normal(long)} with its two tables
 * read by gathers, and the about 1% of lanes outside the layer's rectangle are redone by the scalar
 * {@code normal}, which takes its exact slow path. So results never depend on whether this path is taken.
 * Measured on the development machine (Zen 4, JDK 17, CPU time): 0.26 ns per word against 1.1 ns
 * scalar, and about 1.2 ns per deviate against 2.2 ns. Touched only when
 * {@link org.pfmsim.kernel.Simd#ENABLED}.
 */
final class VectorWords {
    private static final VectorSpecies<Long> LANES = LongVector.SPECIES_PREFERRED;
    /** Two 32-bit halves per 64-bit lane: the same register shape. */
    private static final VectorSpecies<Integer> HALVES = VectorSpecies.of(int.class, LANES.vectorShape());
    private static final VectorSpecies<Float> DEVIATES = VectorSpecies.of(float.class, LANES.vectorShape());
    private static final long[] IOTA = new long[LANES.length()];
    private static final ThreadLocal<int[]> LAYERS = ThreadLocal.withInitial(() -> new int[HALVES.length()]);

    static {
        for (int i = 0; i < IOTA.length; i++) {
            IOTA[i] = i;
        }
    }

    private VectorWords() {
    }

    /**
     * Worth using only with 8 x 64-bit lanes: narrower x86 registers have no 64-bit lane multiply and the
     * API would emulate it.
     */
    static boolean worthwhile() {
        return LANES.length() >= 8;
    }

    /**
     * out[offset + i] = rng.normal(2 firstWord + i) for i &lt; 2 words: both halves of each word, low half
     * first (on x86, reinterpreting a long lane as two int lanes puts the low half first).
     */
    static void normals(CounterRng rng, long key, long gamma, long firstWord, int words, float[] out, int offset,
                        float[] x, float[] ratio) {
        LongVector iota = LongVector.fromArray(LANES, IOTA, 0);
        int[] layers = LAYERS.get();
        int lanes = LANES.length();
        int k = 0;
        for (; k <= words - lanes; k += lanes) {
            LongVector z = iota.add(firstWord + k + 1L).mul(gamma).add(key);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            IntVector half = z.reinterpretAsInts();
            half.and(0xFF).intoArray(layers, 0);
            IntVector t = half.lanewise(VectorOperators.LSHR, 8).lanewise(VectorOperators.LSHL, 1).add(1 - (1 << 24));
            FloatVector u = ((FloatVector) t.convert(VectorOperators.I2F, 0)).mul(0x1.0p-24f);
            FloatVector edge = FloatVector.fromArray(DEVIATES, ratio, 0, layers, 0);
            VectorMask<Float> inside = u.abs().lt(edge);
            u.mul(FloatVector.fromArray(DEVIATES, x, 0, layers, 0)).intoArray(out, offset + 2 * k);
            if (!inside.allTrue()) {
                for (long outside = inside.not().toLong(); outside != 0; outside &= outside - 1) {
                    int lane = Long.numberOfTrailingZeros(outside);
                    out[offset + 2 * k + lane] = rng.normal(2 * (firstWord + k) + lane);
                }
            }
        }
        for (int i = 2 * k; i < 2 * words; i++) {
            out[offset + i] = rng.normal(2 * firstWord + i);
        }
    }

    /** out[k] = mix64(key + (firstWord + k + 1) GAMMA) for k < count. */
    static void fill(long key, long gamma, long firstWord, long[] out, int count) {
        LongVector iota = LongVector.fromArray(LANES, IOTA, 0);
        int lanes = LANES.length();
        int k = 0;
        for (; k <= count - lanes; k += lanes) {
            LongVector z = iota.add(firstWord + k + 1L).mul(gamma).add(key);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31)).intoArray(out, k);
        }
        for (; k < count; k++) {
            out[k] = CounterRng.mix64(key + (firstWord + k + 1L) * gamma);
        }
    }
}
