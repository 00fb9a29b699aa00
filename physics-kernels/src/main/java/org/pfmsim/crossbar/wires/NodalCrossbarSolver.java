package org.pfmsim.crossbar.wires;

import java.util.Arrays;
import org.pfmsim.crossbar.CrossbarSpec;

/**
 * Exact nodal analysis of the resistive network of a crossbar tile with wire resistance.
 *
 * <h2>Geometry</h2>
 * As in {@link FirstOrderIrDrop}: a tile of {@code rows x cols} devices, {@code g[i*cols + j]} (siemens,
 * row-major) between row-line node (i, j) and column-line node (i, j). Row i is driven at its left end by an
 * ideal source V<sub>i</sub> through one segment r to row node (i, 0); row nodes (i, j) and (i, j+1) are
 * joined by r. Column j ends at its bottom in a virtual ground (0 V): column nodes (i, j) and (i+1, j) are
 * joined by r, and node (rows-1, j) reaches the virtual ground through one more segment r. The output
 * current of column j is the current into its virtual ground, (1/r) Vcol(rows-1, j).
 *
 * <h2>Method</h2>
 * Kirchhoff's current law at the n = 2 rows cols internal nodes gives Y v = b, with Y the node conductance
 * matrix (the Laplacian of devices and wire segments with the sources and the virtual grounds eliminated as
 * fixed potentials) and b<sub>(i,0,row)</sub> = V<sub>i</sub> / r. Every node reaches a fixed potential
 * through positive wire conductances, so Y is symmetric positive definite even when devices have g = 0.
 * Unknowns are ordered {@code index = (i*cols + j)*2 + t} (t = 0 row node, t = 1 column node): a row segment
 * joins indices 2 apart, a device 1 apart and a column segment 2 cols apart, so Y is banded with half
 * bandwidth 2 cols. Y is factored once by banded Cholesky, O(n (2 cols)<sup>2</sup>) = O(rows cols<sup>3</sup>)
 * time and n (2 cols + 1) doubles of memory (67 MB at the 128 x 128 limit), then each input line is solved
 * with V<sub>i</sub> = 1 and every other source at 0, giving row i of Geff by superposition.
 *
 * <p>The bandwidth follows the column count, so for a fixed number of devices wide tiles cost more than
 * tall ones; crossbar tiles are square or close to it in practice. Tiles are limited to {@link CrossbarSpec.WireSpec#NODAL_MAX_CELLS} devices; larger tiles use
 * {@link FirstOrderIrDrop}.
 */
public final class NodalCrossbarSolver {

    private NodalCrossbarSolver() {
    }

    /**
     * Exact effective conductance matrix: I<sub>j</sub> = &Sigma;<sub>i</sub> V<sub>i</sub> Geff[i*cols + j]
     * for every input vector V.
     *
     * @param g                      device conductances, S, {@code rows x cols} row-major, finite and &ge; 0
     * @param rows                   input (row) lines, &ge; 1
     * @param cols                   output (column) lines, &ge; 1
     * @param segmentResistanceOhms  resistance r of one wire segment, &Omega;, finite and &gt; 0 (ideal wires
     *                               are the caller's 'no wires' model, not r = 0 here)
     * @return a new {@code rows x cols} row-major array Geff, S
     * @throws IllegalArgumentException for r &le; 0, a negative or non-finite g, a shape mismatch, or more
     *                                  than {@link CrossbarSpec.WireSpec#NODAL_MAX_CELLS} devices
     */
    public static double[] effectiveConductance(float[] g, int rows, int cols, double segmentResistanceOhms) {
        final BandedCholesky chol = factor(g, rows, cols, segmentResistanceOhms);
        final double gw = 1.0 / segmentResistanceOhms;
        final int n = chol.n;
        final int lastRowStart = 2 * (rows - 1) * cols;
        final double[] geff = new double[rows * cols];
        final double[] x = new double[n];
        for (int i = 0; i < rows; i++) {
            Arrays.fill(x, 0.0);
            final int source = 2 * i * cols;
            x[source] = gw;
            // Only the last row's column nodes are read, and backward substitution produces them first,
            // so it stops there; the forward sweep starts at the only nonzero entry of the right-hand side.
            chol.forward(x, source);
            chol.backward(x, lastRowStart);
            for (int j = 0; j < cols; j++) {
                geff[i * cols + j] = gw * x[lastRowStart + 2 * j + 1];
            }
        }
        return geff;
    }

    /**
     * Column output currents for one input vector, by a full nodal solve.
     *
     * @param g         device conductances, S, {@code rows x cols} row-major
     * @param r         wire segment resistance, &Omega;, &gt; 0
     * @param voltages  source voltages V<sub>i</sub>, V, length rows
     * @return currents into the virtual grounds, A, length cols
     */
    public static double[] columnCurrents(float[] g, int rows, int cols, double r, double[] voltages) {
        final double[] v = nodeVoltages(g, rows, cols, r, voltages);
        final int lastRowStart = 2 * (rows - 1) * cols;
        final double[] currents = new double[cols];
        for (int j = 0; j < cols; j++) {
            currents[j] = v[lastRowStart + 2 * j + 1] / r;
        }
        return currents;
    }

    /**
     * All node voltages, V, length 2 rows cols, at {@code (i*cols + j)*2 + t} (t = 0 row node, t = 1 column
     * node), for source voltages {@code voltages} (length rows).
     */
    static double[] nodeVoltages(float[] g, int rows, int cols, double r, double[] voltages) {
        if (voltages.length != rows) {
            throw new IllegalArgumentException(
                    "voltages has " + voltages.length + " entries, expected rows = " + rows);
        }
        final BandedCholesky chol = factor(g, rows, cols, r);
        final double[] x = new double[chol.n];
        for (int i = 0; i < rows; i++) {
            x[2 * i * cols] = voltages[i] / r;
        }
        chol.forward(x, 0);
        chol.backward(x, 0);
        return x;
    }

    private static BandedCholesky factor(float[] g, int rows, int cols, double r) {
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("nodal solve needs a finite segment resistance > 0 ohm, got " + r
                    + " (use the NONE wire model for ideal wires)");
        }
        if (rows >= 1 && cols >= 1 && (long) rows * cols > CrossbarSpec.WireSpec.NODAL_MAX_CELLS) {
            throw new IllegalArgumentException("nodal solve is limited to NODAL_MAX_CELLS = "
                    + CrossbarSpec.WireSpec.NODAL_MAX_CELLS + " devices (128 x 128), got " + rows + " x " + cols
                    + "; use the FIRST_ORDER wire model");
        }
        FirstOrderIrDrop.checkShape(g, rows, cols);
        for (int k = 0; k < g.length; k++) {
            if (!(g[k] >= 0) || Float.isInfinite(g[k])) {
                throw new IllegalArgumentException("conductance g[" + k + "] = " + g[k]
                        + " S; devices must be finite and >= 0");
            }
        }
        final int n = 2 * rows * cols;
        final int bw = 2 * cols;
        final double gw = 1.0 / r;
        final BandedCholesky y = new BandedCholesky(n, bw);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                final double gij = g[i * cols + j];
                final int rowNode = 2 * (i * cols + j);
                final int colNode = rowNode + 1;
                // Row node: the segment to its left (to the source when j = 0) always exists.
                y.add(rowNode, rowNode, gij + gw + (j < cols - 1 ? gw : 0.0));
                // Column node: the segment below (to the virtual ground on the last row) always exists.
                y.add(colNode, colNode, gij + gw + (i > 0 ? gw : 0.0));
                y.add(colNode, rowNode, -gij);
                if (j > 0) {
                    y.add(rowNode, rowNode - 2, -gw);
                }
                if (i > 0) {
                    y.add(colNode, colNode - bw, -gw);
                }
            }
        }
        y.factorInPlace();
        return y;
    }

    /**
     * Symmetric banded matrix stored by lower rows, factored in place to its Cholesky factor L (Y = L
     * L<sup>T</sup>). Row k holds entries (k, k - bw) .. (k, k) contiguously, so the inner products of the
     * factorization and of both triangular solves run over contiguous memory.
     */
    private static final class BandedCholesky {
        final int n;
        final int bw;
        private final int stride;
        private final double[] a;

        BandedCholesky(int n, int bw) {
            this.n = n;
            this.bw = bw;
            this.stride = bw + 1;
            this.a = new double[n * stride];
        }

        /** Adds to entry (k, m) of the lower triangle, m in [k - bw, k]. */
        void add(int k, int m, double value) {
            a[k * stride + (m - k + bw)] += value;
        }

        void factorInPlace() {
            for (int k = 0; k < n; k++) {
                final int rowK = k * stride - k + bw;
                final int m0 = Math.max(0, k - bw);
                for (int m = m0; m <= k; m++) {
                    final int rowM = m * stride - m + bw;
                    final int lo = Math.max(m0, m - bw);
                    double s = a[rowK + m];
                    for (int p = lo; p < m; p++) {
                        s -= a[rowK + p] * a[rowM + p];
                    }
                    if (m < k) {
                        a[rowK + m] = s / a[rowM + m];
                    } else {
                        if (!(s > 0)) {
                            throw new IllegalStateException("node conductance matrix is not positive definite "
                                    + "at unknown " + k + " (pivot " + s + ")");
                        }
                        a[rowK + k] = Math.sqrt(s);
                    }
                }
            }
        }

        /** Solves L y = x in place; entries of x below {@code firstNonZero} must be zero. */
        void forward(double[] x, int firstNonZero) {
            for (int k = firstNonZero; k < n; k++) {
                final int rowK = k * stride - k + bw;
                final int lo = Math.max(firstNonZero, k - bw);
                double s = x[k];
                for (int p = lo; p < k; p++) {
                    s -= a[rowK + p] * x[p];
                }
                x[k] = s / a[rowK + k];
            }
        }

        /**
         * Solves L<sup>T</sup> v = y in place, in column (axpy) order so that each step reads one contiguous
         * row of L; entries of v are final from n - 1 down to {@code stopAt}, those below are left partial.
         */
        void backward(double[] x, int stopAt) {
            for (int k = n - 1; k >= stopAt; k--) {
                final int rowK = k * stride - k + bw;
                final double v = x[k] / a[rowK + k];
                x[k] = v;
                final int lo = Math.max(0, k - bw);
                for (int p = lo; p < k; p++) {
                    x[p] -= a[rowK + p] * v;
                }
            }
        }
    }
}
