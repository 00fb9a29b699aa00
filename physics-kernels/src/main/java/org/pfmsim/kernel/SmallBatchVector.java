package org.pfmsim.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loop of {@link SmallBatchProduct}: eight samples by sixteen (or eight) columns of y held in
 * sixteen (eight) registers while the rows stream past, one fused multiply-add per lane and row in
 * ascending row order, exactly the scalar loop's arithmetic. Used only when {@link Simd#ENABLED}.
 *
 * <p>Why this shape: per row it loads two vectors of the tile and broadcasts eight inputs for sixteen
 * FMAs, so the two FMA pipes, not the loads, set the pace; the tile is walked in column strips of one
 * cache line (64 bytes) per row, each strip read once per eight samples from L1 or L2. Sixteen live
 * accumulators and two tile vectors fit the 32 AVX-512 registers C2 allocates (24 accumulators measured no
 * faster; twice the unrolling made C2 box the vectors).
 */
final class SmallBatchVector {
    private static final VectorSpecies<Float> LANES = FloatLanes.SPECIES;
    /** Samples per register block; {@code xT} is padded to a multiple of it. */
    static final int SAMPLES = 8;

    private SmallBatchVector() {
    }

    /**
     * y[s cols + j] = sum_i x[s, i] w[i cols + j] for s &lt; samples and the leading columns j it covers.
     *
     * @param xT      the inputs transposed, {@code xT[i padded + s] = x[s, i]}, zero for s &ge; samples
     * @param padded  samples rounded up to a multiple of {@link #SAMPLES}
     * @return the number of leading columns done (a multiple of eight); the caller does the rest
     */
    static int multiply(float[] xT, int padded, int samples, int rows, float[] w, int cols, float[] y) {
        int j = 0;
        for (; j + 16 <= cols; j += 16) {
            for (int sb = 0; sb < padded; sb += SAMPLES) {
                sixteenColumns(xT, padded, sb, samples, rows, w, cols, j, y);
            }
        }
        for (; j + 8 <= cols; j += 8) {
            for (int sb = 0; sb < padded; sb += SAMPLES) {
                eightColumns(xT, padded, sb, samples, rows, w, cols, j, y);
            }
        }
        return j;
    }

    private static void sixteenColumns(float[] xT, int padded, int sb, int samples, int rows, float[] w, int cols,
                                       int j, float[] y) {
        FloatVector a0 = FloatVector.zero(LANES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector b2 = a0;
        FloatVector b3 = a0;
        FloatVector b4 = a0;
        FloatVector b5 = a0;
        FloatVector b6 = a0;
        FloatVector b7 = a0;
        for (int i = 0; i < rows; i++) {
            int wi = i * cols + j;
            FloatVector low = FloatVector.fromArray(LANES, w, wi);
            FloatVector high = FloatVector.fromArray(LANES, w, wi + 8);
            int xi = i * padded + sb;
            FloatVector x = FloatVector.broadcast(LANES, xT[xi]);
            a0 = x.fma(low, a0);
            b0 = x.fma(high, b0);
            x = FloatVector.broadcast(LANES, xT[xi + 1]);
            a1 = x.fma(low, a1);
            b1 = x.fma(high, b1);
            x = FloatVector.broadcast(LANES, xT[xi + 2]);
            a2 = x.fma(low, a2);
            b2 = x.fma(high, b2);
            x = FloatVector.broadcast(LANES, xT[xi + 3]);
            a3 = x.fma(low, a3);
            b3 = x.fma(high, b3);
            x = FloatVector.broadcast(LANES, xT[xi + 4]);
            a4 = x.fma(low, a4);
            b4 = x.fma(high, b4);
            x = FloatVector.broadcast(LANES, xT[xi + 5]);
            a5 = x.fma(low, a5);
            b5 = x.fma(high, b5);
            x = FloatVector.broadcast(LANES, xT[xi + 6]);
            a6 = x.fma(low, a6);
            b6 = x.fma(high, b6);
            x = FloatVector.broadcast(LANES, xT[xi + 7]);
            a7 = x.fma(low, a7);
            b7 = x.fma(high, b7);
        }
        int o = sb * cols + j;
        int live = samples - sb;
        store(a0, b0, y, o, live > 0);
        store(a1, b1, y, o + cols, live > 1);
        store(a2, b2, y, o + 2 * cols, live > 2);
        store(a3, b3, y, o + 3 * cols, live > 3);
        store(a4, b4, y, o + 4 * cols, live > 4);
        store(a5, b5, y, o + 5 * cols, live > 5);
        store(a6, b6, y, o + 6 * cols, live > 6);
        store(a7, b7, y, o + 7 * cols, live > 7);
    }

    private static void eightColumns(float[] xT, int padded, int sb, int samples, int rows, float[] w, int cols,
                                     int j, float[] y) {
        FloatVector a0 = FloatVector.zero(LANES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int i = 0; i < rows; i++) {
            FloatVector v = FloatVector.fromArray(LANES, w, i * cols + j);
            int xi = i * padded + sb;
            a0 = FloatVector.broadcast(LANES, xT[xi]).fma(v, a0);
            a1 = FloatVector.broadcast(LANES, xT[xi + 1]).fma(v, a1);
            a2 = FloatVector.broadcast(LANES, xT[xi + 2]).fma(v, a2);
            a3 = FloatVector.broadcast(LANES, xT[xi + 3]).fma(v, a3);
            a4 = FloatVector.broadcast(LANES, xT[xi + 4]).fma(v, a4);
            a5 = FloatVector.broadcast(LANES, xT[xi + 5]).fma(v, a5);
            a6 = FloatVector.broadcast(LANES, xT[xi + 6]).fma(v, a6);
            a7 = FloatVector.broadcast(LANES, xT[xi + 7]).fma(v, a7);
        }
        int o = sb * cols + j;
        int live = samples - sb;
        store(a0, y, o, live > 0);
        store(a1, y, o + cols, live > 1);
        store(a2, y, o + 2 * cols, live > 2);
        store(a3, y, o + 3 * cols, live > 3);
        store(a4, y, o + 4 * cols, live > 4);
        store(a5, y, o + 5 * cols, live > 5);
        store(a6, y, o + 6 * cols, live > 6);
        store(a7, y, o + 7 * cols, live > 7);
    }

    /** Padding samples (beyond the batch) are computed but never stored. */
    private static void store(FloatVector low, FloatVector high, float[] y, int o, boolean live) {
        if (live) {
            low.intoArray(y, o);
            high.intoArray(y, o + 8);
        }
    }

    private static void store(FloatVector v, float[] y, int o, boolean live) {
        if (live) {
            v.intoArray(y, o);
        }
    }
}
