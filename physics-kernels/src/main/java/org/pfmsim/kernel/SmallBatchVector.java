package org.pfmsim.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loop of {@link SmallBatchProduct}: eight samples by twenty-four (or eight) columns of y held in
 * twenty-four (eight) registers while the rows stream past, one fused multiply-add per lane and row in
 * ascending row order, exactly the scalar loop's arithmetic. Used only when {@link Simd#ENABLED}.
 *
 * <p>Why this shape: per row it loads three vectors of the tile and broadcasts eight inputs for
 * twenty-four FMAs, so the two FMA pipes, not the loads, set the pace; the tile is walked in column strips
 * of 96 bytes per row, each strip read once per eight samples. Twenty-four accumulators, three tile vectors
 * and a broadcast fit the 32 AVX-512 registers C2 allocates. On the development machine (one thread,
 * 512 x 512, inputs already transposed) this took 80 / 155 us at 16 / 32 samples against 90 / 181 us with
 * sixteen accumulators (two vectors); the inputs are transposed so that the eight broadcasts of a row are
 * adjacent (broadcasting from the untransposed rows measured 97 / 188 us).
 */
final class SmallBatchVector {
    private static final VectorSpecies<Float> LANES = FloatLanes.SPECIES;
    /** Samples per register block; {@code xT} is padded to a multiple of it. */
    static final int SAMPLES = 8;

    private SmallBatchVector() {
    }

    /**
     * y[s cols + j] = sum_i x[s, i] w[i cols + j] for s &lt; padded and the leading columns j it covers.
     *
     * @param xT      the inputs transposed, {@code xT[i padded + s] = x[s, i]}, zero for the padding samples
     * @param padded  samples rounded up to a multiple of {@link #SAMPLES}; y has padded x cols values
     * @return the number of leading columns done (a multiple of eight); the caller does the rest
     */
    static int multiply(float[] xT, int padded, int rows, float[] w, int cols, float[] y) {
        int j = 0;
        for (; j + 24 <= cols; j += 24) {
            for (int sb = 0; sb < padded; sb += SAMPLES) {
                twentyFourColumns(xT, padded, sb, rows, w, cols, j, y);
            }
        }
        for (; j + 8 <= cols; j += 8) {
            for (int sb = 0; sb < padded; sb += SAMPLES) {
                eightColumns(xT, padded, sb, rows, w, cols, j, y);
            }
        }
        return j;
    }

    private static void twentyFourColumns(float[] xT, int padded, int sb, int rows, float[] w, int cols, int j,
                                          float[] y) {
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
        FloatVector c0 = a0;
        FloatVector c1 = a0;
        FloatVector c2 = a0;
        FloatVector c3 = a0;
        FloatVector c4 = a0;
        FloatVector c5 = a0;
        FloatVector c6 = a0;
        FloatVector c7 = a0;
        for (int i = 0; i < rows; i++) {
            int wi = i * cols + j;
            FloatVector low = FloatVector.fromArray(LANES, w, wi);
            FloatVector mid = FloatVector.fromArray(LANES, w, wi + 8);
            FloatVector high = FloatVector.fromArray(LANES, w, wi + 16);
            int xi = i * padded + sb;
            FloatVector x = FloatVector.broadcast(LANES, xT[xi]);
            a0 = x.fma(low, a0);
            b0 = x.fma(mid, b0);
            c0 = x.fma(high, c0);
            x = FloatVector.broadcast(LANES, xT[xi + 1]);
            a1 = x.fma(low, a1);
            b1 = x.fma(mid, b1);
            c1 = x.fma(high, c1);
            x = FloatVector.broadcast(LANES, xT[xi + 2]);
            a2 = x.fma(low, a2);
            b2 = x.fma(mid, b2);
            c2 = x.fma(high, c2);
            x = FloatVector.broadcast(LANES, xT[xi + 3]);
            a3 = x.fma(low, a3);
            b3 = x.fma(mid, b3);
            c3 = x.fma(high, c3);
            x = FloatVector.broadcast(LANES, xT[xi + 4]);
            a4 = x.fma(low, a4);
            b4 = x.fma(mid, b4);
            c4 = x.fma(high, c4);
            x = FloatVector.broadcast(LANES, xT[xi + 5]);
            a5 = x.fma(low, a5);
            b5 = x.fma(mid, b5);
            c5 = x.fma(high, c5);
            x = FloatVector.broadcast(LANES, xT[xi + 6]);
            a6 = x.fma(low, a6);
            b6 = x.fma(mid, b6);
            c6 = x.fma(high, c6);
            x = FloatVector.broadcast(LANES, xT[xi + 7]);
            a7 = x.fma(low, a7);
            b7 = x.fma(mid, b7);
            c7 = x.fma(high, c7);
        }
        int o = sb * cols + j;
        a0.intoArray(y, o);
        b0.intoArray(y, o + 8);
        c0.intoArray(y, o + 16);
        a1.intoArray(y, o + cols);
        b1.intoArray(y, o + cols + 8);
        c1.intoArray(y, o + cols + 16);
        a2.intoArray(y, o + 2 * cols);
        b2.intoArray(y, o + 2 * cols + 8);
        c2.intoArray(y, o + 2 * cols + 16);
        a3.intoArray(y, o + 3 * cols);
        b3.intoArray(y, o + 3 * cols + 8);
        c3.intoArray(y, o + 3 * cols + 16);
        a4.intoArray(y, o + 4 * cols);
        b4.intoArray(y, o + 4 * cols + 8);
        c4.intoArray(y, o + 4 * cols + 16);
        a5.intoArray(y, o + 5 * cols);
        b5.intoArray(y, o + 5 * cols + 8);
        c5.intoArray(y, o + 5 * cols + 16);
        a6.intoArray(y, o + 6 * cols);
        b6.intoArray(y, o + 6 * cols + 8);
        c6.intoArray(y, o + 6 * cols + 16);
        a7.intoArray(y, o + 7 * cols);
        b7.intoArray(y, o + 7 * cols + 8);
        c7.intoArray(y, o + 7 * cols + 16);
    }

    private static void eightColumns(float[] xT, int padded, int sb, int rows, float[] w, int cols, int j,
                                     float[] y) {
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
        a0.intoArray(y, o);
        a1.intoArray(y, o + cols);
        a2.intoArray(y, o + 2 * cols);
        a3.intoArray(y, o + 3 * cols);
        a4.intoArray(y, o + 4 * cols);
        a5.intoArray(y, o + 5 * cols);
        a6.intoArray(y, o + 6 * cols);
        a7.intoArray(y, o + 7 * cols);
    }
}
