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
 * - C<sub>j</sub> with C<sub>j</sub> = &Sigma;<sub>k &lt; j</sub> P'<sub>k</sub>. Down a column
 * B<sub>i+1,j</sub> = B<sub>ij</sub> - P<sub>ij</sub> from B<sub>0j</sub> = &Sigma;<sub>i'</sub> (rows - i')
 * g<sub>i'j</sub>. Three passes, O(rows cols) time, O(cols) scratch, no allocation per tile:
 * <ol>
 *   <li>a first pass, row by row, forms B<sub>0j</sub> in float and each row's totals of G+ and G- in
 *       double (16 stripes, column j into stripe j mod 16, added pairwise: {@link #stripeTotal});
 *       vectorized ({@link ColumnPassVector#weightsAndSums}) where two float vectors are the 16 stripes;</li>
 *   <li>a row pass, {@link RowPrefixSums}, forms C in float for four rows at a time (sixteen independent
 *       chains for the two arrays); scalar, since the recurrence runs across the lanes of a row-major vector
 *       and every vector form measured slower;</li>
 *   <li>a column pass per row, vectorized ({@link ColumnPassVector#row}), forms A = (j + 1) t - C with t the
 *       float of the double total, advances the column sums and writes Geff.</li>
 * </ol>
 * On the development machine (Zen 4, JDK 17, one thread; {@code scripts/bench irdrop}) a 512 x 512 tile
 * takes 360-420 us = 1.4-1.6 ns per device pair against 620-700 us = 2.4-2.7 ns for the previous sweep
 * (row sums in double two rows at a time, a column-sum pass C2 left scalar) measured in the same runs:
 * 1.5-1.8x. The passes cost about 80, 170 and 110-140 us; the row pass is bound by one scalar store and
 * two scalar additions per element, which is what remains to be won.
 *
 * <h2>Float error</h2>
 * u = 2<sup>-24</sup>; square tiles, n = rows = cols, &epsilon; = r g<sub>max</sub> n<sup>2</sup>, so r t
 * &le; &epsilon; / n. Each term below enters Geff multiplied by r, so r times an absolute error of A or B
 * is a relative error of Geff.
 * <ul>
 *   <li>B: the one cancellation is B formed by subtracting the running column sums P from B<sub>0j</sub>
 *       &asymp; rows<sup>2</sup> g / 2. Each of the rows subtractions rounds by at most half an ulp of the
 *       current B, so the absolute error of B is at most u &Sigma;<sub>i</sub> B<sub>ij</sub> &le; u rows
 *       B<sub>0j</sub> / 2, i.e. a relative error of B at the last row (B = column total &asymp; rows g) of at
 *       most u rows<sup>2</sup> / 2 &asymp; 8e-3 for 512 rows if all roundings aligned, about
 *       u rows<sup>3/2</sup> &asymp; 7e-4 for random ones. With r B &le; &epsilon;: at most
 *       u rows<sup>2</sup> &epsilon; / 2 relative in Geff.</li>
 *   <li>A: the float prefix P'<sub>k</sub> of k positive terms is off by at most k u t, and C<sub>j</sub>,
 *       a sum of j of them, by at most u t j<sup>2</sup> / 2 + u j C<sub>j</sub> &le; 1.5 u j<sup>2</sup> t;
 *       (j + 1) t and the subtraction add 2 u (j + 1) t + u A. So r |&delta;A| &le; 1.5 u n<sup>2</sup> r t
 *       (1 + O(1/n)) &le; 1.5 u n &epsilon; &asymp; 4.6e-5 &epsilon; for n = 512 in the worst case: 170 times
 *       below the bound of B.</li>
 * </ul>
 * In all at most (n<sup>2</sup> / 2 + 1.5 n) u &epsilon; relative (8e-3 &epsilon; for n = 512), below the
 * first-order model's own 0.14-0.5 &epsilon;<sup>2</sup> for every load &epsilon; &ge; 0.02 where wires
 * matter, and far below the device variability it is combined with. Measured against the formula in double
 * (g uniform in [1e-6, 1e-4] S, &epsilon; = 0.2): relative Frobenius error 2.8e-8 (n = 64) and 3.9e-8
 * (n = 512), largest element 1.9e-7: float rounding of Geff itself; {@code FirstOrderIrDropTest} asserts
 * u n<sup>2</sup> &epsilon; / 2 on 64 x 64.
 */
public final class FirstOrderIrDrop {

    /** Stripes of the double row sums: column j is added into stripe j mod 16 (two registers of eight lanes). */
    static final int STRIPES = 16;

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

    /** As above, with the SIMD passes on or off (the two give identical results; tests compare them). */
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
        final Scratch s = Scratch.of(rows, cols);
        java.util.Arrays.fill(s.colBp, 0, cols, 0f);
        java.util.Arrays.fill(s.colBn, 0, cols, 0f);
        java.util.Arrays.fill(s.colPp, 0, cols, 0f);
        java.util.Arrays.fill(s.colPn, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            firstPass(gp, gn, i, rows, cols, s, simd);
        }
        for (int i = 0; i < rows; ) {
            final int group = rows - i >= RowPrefixSums.GROUP ? RowPrefixSums.GROUP : 1;
            if (group == RowPrefixSums.GROUP) {
                RowPrefixSums.four(gp, gn, i, cols, s.cP, s.cN);
            } else {
                RowPrefixSums.one(gp, gn, i, cols, s.cP, s.cN);
            }
            for (int q = 0; q < group; q++, i++) {
                final float totalP = (float) s.rowSumP[i];
                final float totalN = (float) s.rowSumN[i];
                final int start = simd
                        ? ColumnPassVector.row(gp, gn, i, cols, r, totalP, totalN, s.cP, s.cN, q * cols, s.colPp,
                                s.colPn, s.colBp, s.colBn, s.jPlusOne, out)
                        : 0;
                columnPass(gp, gn, i, cols, start, r, totalP, totalN, q * cols, s, out);
            }
        }
        if (rowTotals != null) {
            for (int k = 0; k < rows; k++) {
                rowTotals[k] = s.rowSumP[k] + s.rowSumN[k];
            }
        }
    }

    /**
     * Row i's share of the first pass: B<sub>0j</sub> += (rows - i) g<sub>ij</sub> for both arrays, and the
     * row's sums of G+ and G- in double, column j into stripe j mod {@link #STRIPES}, the stripes added up
     * by {@link #stripeTotal}: one fixed order whatever the vector width.
     */
    private static void firstPass(float[] gp, float[] gn, int i, int rows, int cols, Scratch s, boolean simd) {
        final float weight = rows - i;
        final int base = i * cols;
        final float[] colBp = s.colBp;
        final float[] colBn = s.colBn;
        final double[] sums = s.sums;
        if (simd && ColumnPassVector.weightsAndSums(gp, gn, base, cols, weight, colBp, colBn, sums)) {
            s.rowSumP[i] = sums[0];
            s.rowSumN[i] = sums[1];
            return;
        }
        final double[] stripes = s.stripes;
        java.util.Arrays.fill(stripes, 0);
        for (int j = 0; j < cols; j++) {
            final float p = gp[base + j];
            final float n = gn[base + j];
            colBp[j] += p * weight;
            colBn[j] += n * weight;
            stripes[j & (STRIPES - 1)] += p;
            stripes[STRIPES + (j & (STRIPES - 1))] += n;
        }
        s.rowSumP[i] = stripeTotal(stripes, 0);
        s.rowSumN[i] = stripeTotal(stripes, STRIPES);
    }

    /**
     * The 16 stripes at {@code offset} added pairwise, in place: halves folded onto each other (stripe k
     * += stripe k + 8, then k + 4, k + 2, k + 1), the order of the vector reduction in
     * {@link ColumnPassVector}.
     */
    static double stripeTotal(double[] stripes, int offset) {
        for (int half = STRIPES / 2; half >= 1; half /= 2) {
            for (int k = 0; k < half; k++) {
                stripes[offset + k] += stripes[offset + k + half];
            }
        }
        return stripes[offset];
    }

    /**
     * Geff of row i, columns [start, cols), from A = (j + 1) t - C (C at {@code cOffset} of the scratch) and
     * the column running sums, which it advances by one row.
     */
    private static void columnPass(float[] gp, float[] gn, int i, int cols, int start, float r, float totalP,
                                   float totalN, int cOffset, Scratch s, float[] out) {
        final float[] colPp = s.colPp;
        final float[] colPn = s.colPn;
        final float[] colBp = s.colBp;
        final float[] colBn = s.colBn;
        final float[] jPlusOne = s.jPlusOne;
        final float[] cP = s.cP;
        final float[] cN = s.cN;
        final int base = i * cols;
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
            final float aP = jPlusOne[j] * totalP - cP[cOffset + j];
            final float aN = jPlusOne[j] * totalN - cN[cOffset + j];
            out[base + j] = (p - p * r * (aP + bP)) - (n - n * r * (aN + bN));
        }
    }

    /** Per-thread scratch, so a tile allocates nothing. */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = new ThreadLocal<>();
        final float[] colBp;
        final float[] colBn;
        final float[] colPp;
        final float[] colPn;
        /** C of a group of rows, row q at q * cols. */
        final float[] cP;
        final float[] cN;
        /** j + 1 as floats: the column pass reads it rather than converting its loop index. */
        final float[] jPlusOne;
        /** Row sums of G+ and G-, S, in double. */
        final double[] rowSumP;
        final double[] rowSumN;
        final double[] stripes = new double[2 * STRIPES];
        final double[] sums = new double[2];

        private Scratch(int rows, int cols) {
            colBp = new float[cols];
            colBn = new float[cols];
            colPp = new float[cols];
            colPn = new float[cols];
            cP = new float[RowPrefixSums.GROUP * cols];
            cN = new float[RowPrefixSums.GROUP * cols];
            rowSumP = new double[rows];
            rowSumN = new double[rows];
            jPlusOne = new float[cols];
            for (int j = 0; j < cols; j++) {
                jPlusOne[j] = j + 1;
            }
        }

        static Scratch of(int rows, int cols) {
            Scratch s = LOCAL.get();
            if (s == null || s.colBp.length < cols || s.rowSumP.length < rows) {
                s = new Scratch(Math.max(rows, s == null ? 0 : s.rowSumP.length),
                        Math.max(cols, s == null ? 0 : s.colBp.length));
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
