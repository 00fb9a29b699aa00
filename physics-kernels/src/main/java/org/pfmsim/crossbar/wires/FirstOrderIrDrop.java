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

    /** Stripes of the double row sums: column j is added into stripe j mod 16 (16 = float lanes of AVX-512). */
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
     * The 16 stripes at {@code offset} added pairwise: halves folded onto each other (stripe k + stripe
     * k + 8, then + 4, + 2, + 1), the order of the vector reduction in {@link ColumnPassVector}.
     */
    static double stripeTotal(double[] stripes, int offset) {
        double[] t = new double[STRIPES / 2];
        for (int k = 0; k < STRIPES / 2; k++) {
            t[k] = stripes[offset + k] + stripes[offset + k + STRIPES / 2];
        }
        for (int half = STRIPES / 4; half >= 1; half /= 2) {
            for (int k = 0; k < half; k++) {
                t[k] = t[k] + t[k + half];
            }
        }
        return t[0];
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
