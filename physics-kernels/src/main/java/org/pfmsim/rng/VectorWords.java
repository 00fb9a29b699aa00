package org.pfmsim.rng;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SplitMix64 words of a counter stream, eight at a time in one AVX-512 register (Java's incubating Vector
 * API), and the {@link BoxMuller} deviates made from them, one block of sixteen per eight words. The words
 * are exactly {@link CounterRng#bits(long)} (the same 64-bit multiplies, shifts and xors, lane by lane)
 * and the deviates exactly {@link BoxMuller#deviate}: the same int and float operations, fused
 * multiply-adds, division and square root, all correctly rounded, so results never depend on whether this
 * path is taken (tests compare the two). Touched only when {@link org.pfmsim.kernel.Simd#ENABLED}.
 */
final class VectorWords {
    private static final VectorSpecies<Long> WORDS = LongVector.SPECIES_512;
    /** One float or int lane per word: eight lanes, half the register. */
    private static final VectorSpecies<Float> FLOATS = org.pfmsim.kernel.FloatLanes.SPECIES;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final long[] IOTA = {0, 1, 2, 3, 4, 5, 6, 7};

    private VectorWords() {
    }

    /**
     * Worth using only where the preferred register holds eight 64-bit lanes: narrower x86 registers have
     * no 64-bit lane multiply and the API would emulate it.
     */
    static boolean worthwhile() {
        return LongVector.SPECIES_PREFERRED.length() >= 8;
    }

    /** out[k] = mix64(key + (firstWord + k + 1) GAMMA) for k < count. */
    static void fill(long key, long gamma, long firstWord, long[] out, int count) {
        LongVector iota = LongVector.fromArray(WORDS, IOTA, 0);
        int k = 0;
        for (; k <= count - 8; k += 8) {
            word(iota, key, gamma, firstWord + k).intoArray(out, k);
        }
        for (; k < count; k++) {
            out[k] = CounterRng.mix64(key + (firstWord + k + 1L) * gamma);
        }
    }

    private static LongVector word(LongVector iota, long key, long gamma, long firstWord) {
        LongVector z = iota.add(firstWord + 1L).mul(gamma).add(key);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
        return z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
    }

    /**
     * out[offset + 16 b + i] = deviate 16 (firstBlock + b) + i of the stream, for b &lt; blocks and i &lt; 16:
     * the cosines of words 8 (firstBlock + b) + 0..7, then their sines.
     */
    static void normals(long key, long gamma, long firstBlock, int blocks, float[] out, int offset) {
        LongVector iota = LongVector.fromArray(WORDS, IOTA, 0);
        FloatVector atanh9 = FloatVector.broadcast(FLOATS, BoxMuller.ATANH9);
        FloatVector atanh7 = FloatVector.broadcast(FLOATS, BoxMuller.ATANH7);
        FloatVector atanh5 = FloatVector.broadcast(FLOATS, BoxMuller.ATANH5);
        FloatVector atanh3 = FloatVector.broadcast(FLOATS, BoxMuller.ATANH3);
        FloatVector sin9 = FloatVector.broadcast(FLOATS, BoxMuller.SIN9);
        FloatVector sin7 = FloatVector.broadcast(FLOATS, BoxMuller.SIN7);
        FloatVector sin5 = FloatVector.broadcast(FLOATS, BoxMuller.SIN5);
        FloatVector sin3 = FloatVector.broadcast(FLOATS, BoxMuller.SIN3);
        FloatVector cos8 = FloatVector.broadcast(FLOATS, BoxMuller.COS8);
        FloatVector cos6 = FloatVector.broadcast(FLOATS, BoxMuller.COS6);
        FloatVector cos4 = FloatVector.broadcast(FLOATS, BoxMuller.COS4);
        FloatVector cos2 = FloatVector.broadcast(FLOATS, BoxMuller.COS2);
        FloatVector one = FloatVector.broadcast(FLOATS, 1f);
        FloatVector ln2 = FloatVector.broadcast(FLOATS, BoxMuller.LN2);
        for (int b = 0; b < blocks; b++) {
            LongVector z = word(iota, key, gamma, BoxMuller.WORDS_PER_BLOCK * (firstBlock + b));
            // Radius: sqrt(-2 ln U), U = (m + 1) 2^-40.
            FloatVector m = (FloatVector) z.and(BoxMuller.RADIUS_MASK).add(1L)
                    .convertShape(VectorOperators.L2F, FLOATS, 0);
            IntVector bits = m.reinterpretAsInts();
            IntVector mantissa = bits.and(0x7FFFFF);
            IntVector high = mantissa.neg().add(BoxMuller.SQRT2_MANTISSA - 1).lanewise(VectorOperators.LSHR, 31);
            IntVector e = bits.lanewise(VectorOperators.LSHR, 23).add(-127).add(high);
            FloatVector y = mantissa.or(0x3F800000).sub(high.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
            FloatVector s = y.sub(1f).div(y.add(1f));
            FloatVector t = s.mul(s);
            FloatVector p = t.fma(atanh9, atanh7);
            p = t.fma(p, atanh5);
            p = t.fma(p, atanh3);
            FloatVector twoS = s.add(s);
            FloatVector lnY = twoS.mul(t).fma(p, twoS);
            FloatVector k = (FloatVector) IntVector.broadcast(INTS, BoxMuller.RADIUS_BITS).sub(e)
                    .convert(VectorOperators.I2F, 0);
            FloatVector minusLnU = k.fma(ln2, lnY.neg());
            FloatVector r = minusLnU.add(minusLnU).lanewise(VectorOperators.SQRT);
            // Angle: quadrant q and x in (-pi/4, pi/4).
            IntVector a = (IntVector) z.lanewise(VectorOperators.LSHR, BoxMuller.RADIUS_BITS)
                    .convertShape(VectorOperators.L2I, INTS, 0);
            IntVector q = a.lanewise(VectorOperators.LSHR, 22);
            FloatVector x = ((FloatVector) a.and(0x3FFFFF).lanewise(VectorOperators.LSHL, 1).add(1 - (1 << 22))
                    .convert(VectorOperators.I2F, 0))
                    .mul(BoxMuller.ANGLE_STEP);
            FloatVector xx = x.mul(x);
            FloatVector ps = xx.fma(sin9, sin7);
            ps = xx.fma(ps, sin5);
            ps = xx.fma(ps, sin3);
            IntVector sinBits = x.mul(xx).fma(ps, x).reinterpretAsInts();
            FloatVector pc = xx.fma(cos8, cos6);
            pc = xx.fma(pc, cos4);
            pc = xx.fma(pc, cos2);
            IntVector cosBits = xx.fma(pc, one).reinterpretAsInts();
            VectorMask<Integer> swap = q.and(1).compare(VectorOperators.NE, 0);
            FloatVector cosine = cosBits.blend(sinBits, swap).reinterpretAsFloats();
            FloatVector sine = sinBits.blend(cosBits, swap).reinterpretAsFloats();
            IntVector cosSign = q.lanewise(VectorOperators.XOR, q.lanewise(VectorOperators.LSHR, 1)).and(1)
                    .lanewise(VectorOperators.LSHL, 31);
            IntVector sinSign = q.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 31);
            int o = offset + BoxMuller.BLOCK * b;
            r.mul(cosine).reinterpretAsInts().lanewise(VectorOperators.XOR, cosSign).reinterpretAsFloats()
                    .intoArray(out, o);
            r.mul(sine).reinterpretAsInts().lanewise(VectorOperators.XOR, sinSign).reinterpretAsFloats()
                    .intoArray(out, o + BoxMuller.WORDS_PER_BLOCK);
        }
    }
}
