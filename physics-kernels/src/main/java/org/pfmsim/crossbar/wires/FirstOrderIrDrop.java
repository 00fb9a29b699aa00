package org.pfmsim.crossbar.wires;

import org.pfmsim.kernel.Simd;

/**
 * First-order IR drop of a crossbar tile, folded into an effective conductance matrix so that the forward
 * pass stays one matrix multiply.
 *
 * <h2>Geometry</h2>
 * A tile of {@code rows x cols} devices; {@code g[i*cols + j]} (siemens, row-major) connects row-line node
 * (i, j) to column-line node (i, j). Row i is driven at its left end by an ideal source V<sub>i</sub>, which
 * reaches row node (i, 0) through one wire segment of resistance r; row node (i, j) connects to (i, j+1)
 * through r. Column j is read at its bottom end by a virtual ground (0 V, transimpedance amplifier): column
 * node (i, j) connects to (i+1, j) through r and node (rows-1, j) reaches the virtual ground through one
 * more segment r. The output current of column j is the current into its virtual ground. The network is
 * linear, so I<sub>j</sub> = &Sigma;<sub>i</sub> V<sub>i</sub> Geff<sub>ij</sub> for an effective
 * {@code rows x cols} matrix Geff. {@link NodalCrossbarSolver} computes Geff exactly; this class computes
 * one linearized correction.
 *
 * <h2>Derivation</h2>
 * The wire drops are computed from the ideal (zero-resistance) cell currents I<sub>ij</sub> = V<sub>i</sub>
 * g<sub>ij</sub>, and only terms of first order in r are kept.
 * <ul>
 *   <li>Row segment k of row i (k = 0 is the source segment) feeds every cell j' &ge; k, so it carries
 *       S<sub>ik</sub> = V<sub>i</sub> T<sub>ik</sub> with T<sub>ik</sub> = &Sigma;<sub>j' &ge; k</sub>
 *       g<sub>ij'</sub>. Node (i, j) sits behind segments 0..j, hence
 *       Vrow<sub>ij</sub> = V<sub>i</sub> (1 - r A<sub>ij</sub>) with A<sub>ij</sub> =
 *       &Sigma;<sub>k &le; j</sub> T<sub>ik</sub>.</li>
 *   <li>The column segment below node (k, j) collects every cell i' &le; k, so it carries
 *       &Sigma;<sub>i' &le; k</sub> V<sub>i'</sub> g<sub>i'j</sub>, and Vcol<sub>ij</sub> is r times the
 *       sum of the currents of the segments k &ge; i between the node and the virtual ground. Exchanging the
 *       sums, &Sigma;<sub>i</sub> g<sub>ij</sub> Vcol<sub>ij</sub> = r &Sigma;<sub>i'</sub> V<sub>i'</sub>
 *       g<sub>i'j</sub> B<sub>i'j</sub> with P<sub>kj</sub> = &Sigma;<sub>i &le; k</sub> g<sub>ij</sub> and
 *       B<sub>i'j</sub> = &Sigma;<sub>k &ge; i'</sub> P<sub>kj</sub>.</li>
 *   <li>I<sub>j</sub> = &Sigma;<sub>i</sub> g<sub>ij</sub> (Vrow<sub>ij</sub> - Vcol<sub>ij</sub>), hence
 *       <b>Geff<sub>ij</sub> = g<sub>ij</sub> (1 - r A<sub>ij</sub> - r B<sub>ij</sub>)</b>.</li>
 * </ul>
 * For a 1 x 1 tile this gives g (1 - 2 r g), the first-order expansion of the exact g / (1 + 2 r g).
 *
 * <h2>Accuracy</h2>
 * The neglected terms are the reduction of the cell currents by the drops themselves, so the model
 * overestimates the drop and its error is second order in the dimensionless wire load
 * &epsilon; = r g<sub>max</sub> rows cols (square tiles; for other shapes the longer line dominates, use
 * r g<sub>max</sub> max(rows, cols)<sup>2</sup>). Against the exact {@link NodalCrossbarSolver} on 8 x 8 to
 * 64 x 64 tiles with &epsilon; &le; 0.3 ({@code FirstOrderIrDropTest}): the relative Frobenius error of Geff
 * is at most 0.5 &epsilon;<sup>2</sup> for g uniform in [g<sub>min</sub>, g<sub>max</sub>] (measured
 * 0.14-0.18 &epsilon;<sup>2</sup>) and at most 1.5 &epsilon;<sup>2</sup> with every device at g<sub>max</sub>
 * (measured 0.56-0.73 &epsilon;<sup>2</sup>); the drop ||Geff - g|| exceeds the exact one by at most a
 * fraction &epsilon; (measured 0.48 &epsilon;), i.e. within 10% for &epsilon; &le; 0.1.
 *
 * <h2>Cost</h2>
 * Both sums follow from running sums. Along a row, with the prefix P'<sub>j</sub> = &Sigma;<sub>j' &le; j</sub>
 * g<sub>ij'</sub> and the row total t, T<sub>ik</sub> = t - P'<sub>k-1</sub>, hence A<sub>ij</sub> = (j + 1) t
 * - C<sub>j</sub> with C<sub>j</sub> = &Sigma;<sub>k &le; j</sub> P'<sub>k-1</sub>; C needs no total, so one
 * sequential pass per row gives P' and C (and t at its end), and A is formed in the vectorized column
 * pass (A &ge; t, so the subtraction loses at most a bit or two of double precision). Down a column
 * B<sub>i+1,j</sub> = B<sub>ij</sub> - P<sub>ij</sub> from B<sub>0j</sub> = &Sigma;<sub>i'</sub> (rows - i')
 * g<sub>i'j</sub>. The row passes are latency-bound chains of additions, so two rows run interleaved
 * (eight independent chains for the pair of arrays), in double. The column sums and the column pass are
 * in float, which C2 vectorizes (JDK 17 does not vectorize loops mixing float and double); O(rows cols)
 * time, O(cols) scratch.
 *
 * <h2>Float error</h2>
 * The one cancellation is B, formed by subtracting the running column sums P from B<sub>0j</sub>
 * &asymp; rows<sup>2</sup> g / 2. Each of the rows subtractions rounds by at most half an ulp of the
 * current B, so the absolute error of B is at most u &Sigma;<sub>i</sub> B<sub>ij</sub> &le; u rows
 * B<sub>0j</sub> / 2 (u = 2<sup>-24</sup>), i.e. a relative error of B at the last row (B = column total
 * &asymp; rows g) of at most u rows<sup>2</sup> / 2 &asymp; 8e-3 for 512 rows in the worst case of all
 * roundings aligned, and about u rows<sup>3/2</sup> &asymp; 7e-4 for random ones. It enters Geff
 * multiplied by r B &le; &epsilon;, so the relative error of Geff from float arithmetic is at most
 * 8e-3 &epsilon; (typically 7e-4 &epsilon;): below the first-order model's own 0.14-0.5 &epsilon;<sup>2</sup>
 * for every load &epsilon; &ge; 0.02 where wires matter, and far below the device variability it is
 * combined with. A and C lose at most a few ulps.
 */
public final class FirstOrderIrDrop {

    private FirstOrderIrDrop() {
    }

    /**
     * Effective conductances of a tile with first-order wire IR drop.
     *
     * @param g                      device conductances, S, {@code rows x cols} row-major; each must be
     *                               finite and &ge; 0 (not checked here: this runs for every tile)
     * @param rows                   input (row) lines, &ge; 1
     * @param cols                   output (column) lines, &ge; 1
     * @param segmentResistanceOhms  resistance r of one wire segment, &Omega;, &ge; 0
     * @return a new {@code rows x cols} row-major array Geff, S, with I<sub>j</sub> = &Sigma;<sub>i</sub>
     *         V<sub>i</sub> Geff[i*cols + j]; a copy of g when r = 0
     */
    public static float[] effectiveConductance(float[] g, int rows, int cols, double segmentResistanceOhms) {
        checkShape(g, rows, cols);
        if (!(segmentResistanceOhms >= 0) || Double.isInfinite(segmentResistanceOhms)) {
            throw new IllegalArgumentException(
                    "segment resistance must be finite and >= 0 ohm, got " + segmentResistanceOhms);
        }
        if (segmentResistanceOhms == 0) {
            return g.clone();
        }
        // A differential tile whose negative array is empty: Geff(0) = 0, so the difference is Geff(g).
        return effectiveDifference(g, new float[g.length], rows, cols, segmentResistanceOhms);
    }

    /**
     * Geff(G+) - Geff(G-) for the two arrays of a differential tile, in one sweep (the two arrays' running
     * sums are independent dependency chains the CPU overlaps). Returns a new array; see
     * {@link #effectiveDifference(float[], float[], int, int, double, float[], double[])}.
     */
    public static float[] effectiveDifference(float[] gp, float[] gn, int rows, int cols,
                                              double segmentResistanceOhms) {
        checkShape(gp, rows, cols);
        checkShape(gn, rows, cols);
        float[] out = new float[gp.length];
        effectiveDifference(gp, gn, rows, cols, segmentResistanceOhms, out, null);
        return out;
    }

    /**
     * Geff(G+) - Geff(G-) into {@code out} (rows x cols, row-major; may be longer), and, when
     * {@code rowTotals} is not null, each row's device total &Sigma;<sub>j</sub> (G+<sub>ij</sub> +
     * G-<sub>ij</sub>) in siemens into it (the sweep forms these sums anyway; the tile's read energy
     * needs them).
     */
    public static void effectiveDifference(float[] gp, float[] gn, int rows, int cols, double segmentResistanceOhms,
                                           float[] out, double[] rowTotals) {
        effectiveDifference(gp, gn, rows, cols, segmentResistanceOhms, out, rowTotals, Simd.ENABLED);
    }

    /** As above, with the SIMD column pass on or off (the two give identical results; tests compare them). */
    static void effectiveDifference(float[] gp, float[] gn, int rows, int cols, double segmentResistanceOhms,
                                    float[] out, double[] rowTotals, boolean simd) {
        checkLength(gp, rows, cols);
        checkLength(gn, rows, cols);
        checkLength(out, rows, cols);
        if (!(segmentResistanceOhms > 0) || Double.isInfinite(segmentResistanceOhms)) {
            throw new IllegalArgumentException(
                    "segment resistance must be finite and > 0 ohm, got " + segmentResistanceOhms);
        }
        final float r = (float) segmentResistanceOhms;
        final Scratch s = Scratch.of(cols);
        final float[] colBp = s.colBp;
        final float[] colBn = s.colBn;
        final float[] colPp = s.colPp;
        final float[] colPn = s.colPn;
        java.util.Arrays.fill(colBp, 0, cols, 0f);
        java.util.Arrays.fill(colBn, 0, cols, 0f);
        java.util.Arrays.fill(colPp, 0, cols, 0f);
        java.util.Arrays.fill(colPn, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            final float weight = rows - i;
            final int base = i * cols;
            for (int j = 0; j < cols; j++) {
                colBp[j] += weight * gp[base + j];
                colBn[j] += weight * gn[base + j];
            }
        }
        final double[] totals = new double[4];
        int i = 0;
        for (; i < rows; i += 2) {
            final int second = i + 1 < rows ? i + 1 : i; // a last odd row is paired with itself
            rowSums2(gp, gn, i * cols, second * cols, cols, s, totals);
            columnPass(gp, gn, i * cols, cols, r, (float) totals[0], (float) totals[1], s.cp0, s.cn0, s, out, simd);
            if (rowTotals != null) {
                rowTotals[i] = totals[0] + totals[1];
            }
            if (second != i) {
                columnPass(gp, gn, second * cols, cols, r, (float) totals[2], (float) totals[3], s.cp1, s.cn1, s,
                        out, simd);
                if (rowTotals != null) {
                    rowTotals[second] = totals[2] + totals[3];
                }
            }
        }
    }

    /**
     * C<sub>j</sub> of two rows (at {@code base0}, {@code base1}) of both arrays, and their totals
     * {t+ row0, t- row0, t+ row1, t- row1}: eight independent chains, summed in double, stored in float.
     */
    private static void rowSums2(float[] gp, float[] gn, int base0, int base1, int cols, Scratch s, double[] totals) {
        final float[] cp0 = s.cp0;
        final float[] cn0 = s.cn0;
        final float[] cp1 = s.cp1;
        final float[] cn1 = s.cn1;
        double pp0 = 0;
        double pn0 = 0;
        double pp1 = 0;
        double pn1 = 0;
        double sp0 = 0;
        double sn0 = 0;
        double sp1 = 0;
        double sn1 = 0;
        for (int j = 0; j < cols; j++) {
            sp0 += pp0;
            sn0 += pn0;
            sp1 += pp1;
            sn1 += pn1;
            cp0[j] = (float) sp0;
            cn0[j] = (float) sn0;
            cp1[j] = (float) sp1;
            cn1[j] = (float) sn1;
            pp0 += gp[base0 + j];
            pn0 += gn[base0 + j];
            pp1 += gp[base1 + j];
            pn1 += gn[base1 + j];
        }
        totals[0] = pp0;
        totals[1] = pn0;
        totals[2] = pp1;
        totals[3] = pn1;
    }

    /**
     * Geff of one row from A = (j + 1) t - C and the column running sums, which it advances by one row.
     * All float, so C2 vectorizes it (JDK 17 does not vectorize loops that mix float and double).
     */
    private static void columnPass(float[] gp, float[] gn, int base, int cols, float r, float totalP, float totalN,
                                   float[] cP, float[] cN, Scratch s, float[] out, boolean simd) {
        final float[] colPp = s.colPp;
        final float[] colPn = s.colPn;
        final float[] colBp = s.colBp;
        final float[] colBn = s.colBn;
        final float[] jPlusOne = s.jPlusOne;
        int start = simd
                ? ColumnPassVector.run(gp, gn, base, cols, r, totalP, totalN, cP, cN, colPp, colPn, colBp, colBn,
                        jPlusOne, out)
                : 0;
        for (int j = start; j < cols; j++) {
            final float p = gp[base + j];
            final float n = gn[base + j];
            final float pp = colPp[j] + p;
            final float pn = colPn[j] + n;
            colPp[j] = pp;
            colPn[j] = pn;
            final float bP = colBp[j];
            final float bN = colBn[j];
            colBp[j] = bP - pp;
            colBn[j] = bN - pn;
            final float aP = jPlusOne[j] * totalP - cP[j];
            final float aN = jPlusOne[j] * totalN - cN[j];
            out[base + j] = (p - p * r * (aP + bP)) - (n - n * r * (aN + bN));
        }
    }

    /** Per-thread column scratch, so a tile allocates nothing. */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = new ThreadLocal<>();
        final float[] colBp;
        final float[] colBn;
        final float[] colPp;
        final float[] colPn;
        final float[] cp0;
        final float[] cn0;
        final float[] cp1;
        final float[] cn1;
        /** j + 1 as floats: the column pass reads it rather than converting its loop index. */
        final float[] jPlusOne;

        private Scratch(int cols) {
            colBp = new float[cols];
            colBn = new float[cols];
            colPp = new float[cols];
            colPn = new float[cols];
            cp0 = new float[cols];
            cn0 = new float[cols];
            cp1 = new float[cols];
            cn1 = new float[cols];
            jPlusOne = new float[cols];
            for (int j = 0; j < cols; j++) {
                jPlusOne[j] = j + 1;
            }
        }

        static Scratch of(int cols) {
            Scratch s = LOCAL.get();
            if (s == null || s.colBp.length < cols) {
                s = new Scratch(cols);
                LOCAL.set(s);
            }
            return s;
        }
    }

    private static void checkLength(float[] g, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tile must be at least 1 x 1, got " + rows + " x " + cols);
        }
        if (g.length < (long) rows * cols) {
            throw new IllegalArgumentException("array has " + g.length + " entries, fewer than rows x cols = "
                    + rows + " x " + cols);
        }
    }

    static void checkShape(float[] g, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tile must be at least 1 x 1, got " + rows + " x " + cols);
        }
        if (g.length != (long) rows * cols) {
            throw new IllegalArgumentException("g has " + g.length + " entries, expected rows x cols = "
                    + rows + " x " + cols);
        }
    }
}
