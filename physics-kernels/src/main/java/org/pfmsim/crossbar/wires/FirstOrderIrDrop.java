package org.pfmsim.crossbar.wires;

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
 * Both sums follow from running sums: along a row A<sub>ij</sub> = A<sub>i,j-1</sub> + T<sub>ij</sub> with
 * T<sub>ij</sub> = (row total) - &Sigma;<sub>j' &lt; j</sub> g<sub>ij'</sub>; down a column
 * B<sub>i+1,j</sub> = B<sub>ij</sub> - P<sub>ij</sub> from B<sub>0j</sub> = &Sigma;<sub>i'</sub>
 * (rows - i') g<sub>i'j</sub>. That is three reads of g per element, O(rows * cols) time, O(cols) double
 * scratch and no per-element allocation; about 2.6 ns per element on a 2.6 GHz server core (JDK 17, C2),
 * constant from 128 x 128 to 1024 x 1024 tiles.
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
     * Geff(G+) - Geff(G-) for the two arrays of a differential tile, in one sweep: the two arrays'
     * running sums are independent dependency chains the CPU overlaps, about halving the cost of this
     * step, which runs for every tile of the model. Sums are in double: B is formed by subtraction from
     * its column total, and double keeps that cancellation far below float resolution of Geff.
     */
    public static float[] effectiveDifference(float[] gp, float[] gn, int rows, int cols,
                                              double segmentResistanceOhms) {
        checkShape(gp, rows, cols);
        checkShape(gn, rows, cols);
        if (!(segmentResistanceOhms > 0) || Double.isInfinite(segmentResistanceOhms)) {
            throw new IllegalArgumentException(
                    "segment resistance must be finite and > 0 ohm, got " + segmentResistanceOhms);
        }
        final double r = segmentResistanceOhms;
        final float[] out = new float[gp.length];
        final double[] colBp = new double[cols];
        final double[] colBn = new double[cols];
        for (int i = 0; i < rows; i++) {
            final double weight = rows - i;
            final int base = i * cols;
            for (int j = 0; j < cols; j++) {
                colBp[j] += weight * gp[base + j];
                colBn[j] += weight * gn[base + j];
            }
        }
        final double[] colPp = new double[cols];
        final double[] colPn = new double[cols];
        final double[] rowAp = new double[cols];
        final double[] rowAn = new double[cols];
        for (int i = 0; i < rows; i++) {
            final int base = i * cols;
            double totalP = 0;
            double totalN = 0;
            for (int j = 0; j < cols; j++) {
                totalP += gp[base + j];
                totalN += gn[base + j];
            }
            // The row sums are inherently sequential; they get a loop of their own so that the column
            // updates below, independent across j, vectorize.
            double aP = 0;
            double aN = 0;
            double prefixP = 0;
            double prefixN = 0;
            for (int j = 0; j < cols; j++) {
                aP += totalP - prefixP;
                aN += totalN - prefixN;
                prefixP += gp[base + j];
                prefixN += gn[base + j];
                rowAp[j] = aP;
                rowAn[j] = aN;
            }
            for (int j = 0; j < cols; j++) {
                final double p = gp[base + j];
                final double n = gn[base + j];
                final double pp = colPp[j] + p;
                final double pn = colPn[j] + n;
                colPp[j] = pp;
                colPn[j] = pn;
                final double bP = colBp[j];
                final double bN = colBn[j];
                colBp[j] = bP - pp;
                colBn[j] = bN - pn;
                out[base + j] = (float) (p - r * p * (rowAp[j] + bP)) - (float) (n - r * n * (rowAn[j] + bN));
            }
        }
        return out;
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
