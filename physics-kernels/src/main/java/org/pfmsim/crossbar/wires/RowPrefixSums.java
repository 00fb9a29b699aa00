package org.pfmsim.crossbar.wires;

/**
 * The row pass of {@link FirstOrderIrDrop}: C<sub>j</sub> = &Sigma;<sub>k &lt; j</sub> P'<sub>k</sub> with the
 * row prefix P'<sub>k</sub> = &Sigma;<sub>j' &le; k</sub> g<sub>j'</sub>, in float, each row summed strictly
 * left to right (P' += g, then C += P'), so a row's result does not depend on how rows are grouped.
 *
 * <p>Why scalar: the recurrence runs along the row, across the lanes of a row-major vector. On the
 * development machine (Zen 4, JDK 17) no vector form beat this loop: an in-register Hillis-Steele scan
 * (2.5x slower), 8-row gathers (1.6x), 16 x 16 register transposes in and out (1.7x) and 8 x 8 ones
 * (equal, but in a second vector shape, which costs the other kernels their intrinsics). The loop is bound
 * by one scalar store per element and by the adder ports; four rows interleaved (sixteen independent
 * chains for the two arrays) keep both busy (two rows measured the same).
 */
final class RowPrefixSums {
    /** Rows per group of {@link #four}. */
    static final int GROUP = 4;

    private RowPrefixSums() {
    }

    /**
     * C of rows {@code i .. i+3} of both arrays into {@code cP}, {@code cN} at {@code q * cols + j} for row
     * {@code i + q}.
     */
    static void four(float[] gp, float[] gn, int i, int cols, float[] cP, float[] cN) {
        final int b0 = i * cols;
        final int b1 = b0 + cols;
        final int b2 = b1 + cols;
        final int b3 = b2 + cols;
        final int c1 = cols;
        final int c2 = 2 * cols;
        final int c3 = 3 * cols;
        float pp0 = 0;
        float pn0 = 0;
        float pp1 = 0;
        float pn1 = 0;
        float pp2 = 0;
        float pn2 = 0;
        float pp3 = 0;
        float pn3 = 0;
        float sp0 = 0;
        float sn0 = 0;
        float sp1 = 0;
        float sn1 = 0;
        float sp2 = 0;
        float sn2 = 0;
        float sp3 = 0;
        float sn3 = 0;
        for (int j = 0; j < cols; j++) {
            cP[j] = sp0;
            cN[j] = sn0;
            cP[c1 + j] = sp1;
            cN[c1 + j] = sn1;
            cP[c2 + j] = sp2;
            cN[c2 + j] = sn2;
            cP[c3 + j] = sp3;
            cN[c3 + j] = sn3;
            pp0 += gp[b0 + j];
            pn0 += gn[b0 + j];
            pp1 += gp[b1 + j];
            pn1 += gn[b1 + j];
            pp2 += gp[b2 + j];
            pn2 += gn[b2 + j];
            pp3 += gp[b3 + j];
            pn3 += gn[b3 + j];
            sp0 += pp0;
            sn0 += pn0;
            sp1 += pp1;
            sn1 += pn1;
            sp2 += pp2;
            sn2 += pn2;
            sp3 += pp3;
            sn3 += pn3;
        }
    }

    /** C of row {@code i} of both arrays into {@code cP}, {@code cN} at {@code j}: the same sums as {@link #four}. */
    static void one(float[] gp, float[] gn, int i, int cols, float[] cP, float[] cN) {
        final int b = i * cols;
        float pp = 0;
        float pn = 0;
        float sp = 0;
        float sn = 0;
        for (int j = 0; j < cols; j++) {
            cP[j] = sp;
            cN[j] = sn;
            pp += gp[b + j];
            pn += gn[b + j];
            sp += pp;
            sn += pn;
        }
    }
}
