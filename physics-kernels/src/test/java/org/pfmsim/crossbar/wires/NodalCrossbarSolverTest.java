package org.pfmsim.crossbar.wires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Exact nodal solve of the crossbar network: hand-solved small tiles, Kirchhoff's laws on a random tile,
 * superposition, and the limits of the method. Geometry as documented on {@link NodalCrossbarSolver}.
 */
class NodalCrossbarSolverTest {

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), what);
    }

    static float[] randomConductances(int n, double lo, double hi, long seed) {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final float[] g = new float[n];
        for (int k = 0; k < n; k++) {
            g[k] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return g;
    }

    private static double[] randomVoltages(int n, long seed) {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = -0.2 + 0.4 * rnd.nextDouble();
        }
        return v;
    }

    /**
     * 1 x 1 tile: source, row segment r, device g, column segment r, virtual ground are one series loop, so
     * I = V / (2r + 1/g) and Geff = g / (1 + 2 r g).
     */
    @Test
    void oneByOneTileIsTheSeriesOfTwoSegmentsAndTheDevice() {
        final float[] g = {1e-4f};
        final double r = 100;
        final double v = 0.3;
        final double expected = v / (2 * r + 1 / (double) g[0]);
        assertRelative(expected, NodalCrossbarSolver.columnCurrents(g, 1, 1, r, new double[] {v})[0], 1e-12,
                "I = V / (2r + 1/g)");
        assertRelative(g[0] / (1 + 2 * r * g[0]), NodalCrossbarSolver.effectiveConductance(g, 1, 1, r)[0], 1e-12,
                "Geff = g / (1 + 2rg)");
    }

    /**
     * 2 x 2 tile, every device G, every segment r with r G = 1, both inputs at V. Row node (i, j) is a_ij,
     * column node (i, j) is c_ij; in units of V, Kirchhoff's current law divided by G reads
     * <pre>
     *   a00: 3 a00 - a01 - c00 = 1        c00: 2 c00 - a00 - c10 = 0
     *   a01: 2 a01 - a00 - c01 = 0        c10: 3 c10 - a10 - c00 = 0   (c10 also sees the ground segment)
     *   a10: 3 a10 - a11 - c10 = 1        c01: 2 c01 - a01 - c11 = 0
     *   a11: 2 a11 - a10 - c11 = 0        c11: 3 c11 - a11 - c01 = 0
     * </pre>
     * The network maps onto itself under (row line i, position j) -> (column line 1-i, position 1-j from the
     * ground) with v -> V - v (source and ground swap, every element is G), so c_{1-j,1-i} = 1 - a_ij:
     * c11 = 1 - a00, c01 = 1 - a01, c10 = 1 - a10, c00 = 1 - a11. The a-equations become
     * <pre>
     *   3 a00 - a01 + a11 = 2,   3 a01 - a00 = 1,   4 a10 - a11 = 2,   2 a11 - a10 + a00 = 1
     * </pre>
     * (the c-equations then repeat them). So a01 = (1 + a00)/3, a11 = 4 a10 - 2, and the last equation gives
     * 7 a10 + a00 = 5, a10 = (5 - a00)/7, a11 = (6 - 4 a00)/7. The first equation times 21:
     * 63 a00 - 7 - 7 a00 + 18 - 12 a00 = 42, 44 a00 = 31. Hence
     * a00 = 31/44, a01 = 25/44, a10 = 27/44, a11 = 20/44, c00 = 24/44, c01 = 19/44, c10 = 17/44, c11 = 13/44,
     * and the column currents are I0 = G c10 = 17/44 G V, I1 = G c11 = 13/44 G V. Check: the sources give
     * G (1 - a00) + G (1 - a10) = 30/44 G V = I0 + I1.
     * G = 2^-13 S and r = 8192 ohm make r G = 1 exactly in binary.
     */
    @Test
    void twoByTwoUniformTileMatchesTheHandSolvedNetwork() {
        final double conductance = 1.0 / 8192;
        final double r = 8192;
        final double v = 0.2;
        final float[] g = {(float) conductance, (float) conductance, (float) conductance, (float) conductance};

        final double[] currents = NodalCrossbarSolver.columnCurrents(g, 2, 2, r, new double[] {v, v});
        assertRelative(17.0 / 44 * conductance * v, currents[0], 1e-12, "I0 = 17/44 G V");
        assertRelative(13.0 / 44 * conductance * v, currents[1], 1e-12, "I1 = 13/44 G V");

        final double[] nodes = NodalCrossbarSolver.nodeVoltages(g, 2, 2, r, new double[] {v, v});
        // Order (i*cols + j)*2 + t: a00, c00, a01, c01, a10, c10, a11, c11.
        final double[] handSolved = {31, 24, 25, 19, 27, 17, 20, 13};
        for (int k = 0; k < 8; k++) {
            assertRelative(handSolved[k] / 44 * v, nodes[k], 1e-12, "node " + k);
        }

        final double[] geff = NodalCrossbarSolver.effectiveConductance(g, 2, 2, r);
        assertRelative(17.0 / 44 * conductance, geff[0] + geff[2], 1e-12, "column 0 from Geff");
        assertRelative(13.0 / 44 * conductance, geff[1] + geff[3], 1e-12, "column 1 from Geff");
    }

    /**
     * Tellegen's theorem / energy conservation: with KCL and KVL satisfied, the power the sources deliver
     * equals the power dissipated in devices and wire segments (the virtual grounds sit at 0 V and absorb
     * none). Charge conservation: the source currents sum to the column currents.
     */
    @Test
    void powerDeliveredBySourcesEqualsPowerDissipatedInDevicesAndWires() {
        final int rows = 16;
        final int cols = 16;
        final double r = 2;
        final float[] g = randomConductances(rows * cols, 1e-6, 1e-4, 11);
        final double[] v = randomVoltages(rows, 12);
        final double[] x = NodalCrossbarSolver.nodeVoltages(g, rows, cols, r, v);

        double delivered = 0;
        double sourceCurrent = 0;
        double dissipated = 0;
        for (int i = 0; i < rows; i++) {
            final double drop = v[i] - x[2 * i * cols];
            delivered += v[i] * drop / r;
            sourceCurrent += drop / r;
            dissipated += drop * drop / r;
            for (int j = 0; j < cols; j++) {
                final int node = 2 * (i * cols + j);
                final double across = x[node] - x[node + 1];
                dissipated += g[i * cols + j] * across * across;
                if (j + 1 < cols) {
                    final double rowSegment = x[node] - x[node + 2];
                    dissipated += rowSegment * rowSegment / r;
                }
                // Column segment below the node: to the next column node, or to the virtual ground.
                final double below = i + 1 < rows ? x[node + 1 + 2 * cols] : 0.0;
                final double colSegment = x[node + 1] - below;
                dissipated += colSegment * colSegment / r;
            }
        }
        assertTrue(delivered > 0, "a passive network absorbs power");
        assertRelative(delivered, dissipated, 1e-9, "P_sources = P_devices + P_wires");

        double outputCurrent = 0;
        for (double c : NodalCrossbarSolver.columnCurrents(g, rows, cols, r, v)) {
            outputCurrent += c;
        }
        assertRelative(sourceCurrent, outputCurrent, 1e-9, "sum of source currents = sum of column currents");
    }

    /** As r -> 0 the wires become ideal and Geff -> g (the correction is O(r g rows cols) ~ 1e-11 here). */
    @Test
    void vanishingWireResistanceRecoversTheDeviceConductances() {
        final float[] g = randomConductances(16 * 16, 1e-6, 1e-4, 21);
        final double[] geff = NodalCrossbarSolver.effectiveConductance(g, 16, 16, 1e-9);
        for (int k = 0; k < g.length; k++) {
            assertRelative(g[k], geff[k], 1e-6, "Geff[" + k + "]");
        }
    }

    /** Linearity: I = V^T Geff reproduces a direct solve for an arbitrary V (non-square tile checks indexing). */
    @Test
    void effectiveMatrixReproducesDirectSolveBySuperposition() {
        final int rows = 12;
        final int cols = 20;
        final double r = 5;
        final float[] g = randomConductances(rows * cols, 1e-6, 1e-4, 31);
        final double[] v = randomVoltages(rows, 32);
        final double[] geff = NodalCrossbarSolver.effectiveConductance(g, rows, cols, r);
        final double[] direct = NodalCrossbarSolver.columnCurrents(g, rows, cols, r, v);
        double scale = 0;
        for (double c : direct) {
            scale = Math.max(scale, Math.abs(c));
        }
        for (int j = 0; j < cols; j++) {
            double fromGeff = 0;
            for (int i = 0; i < rows; i++) {
                fromGeff += v[i] * geff[i * cols + j];
            }
            assertEquals(direct[j], fromGeff, 1e-10 * scale, "column " + j);
        }
    }

    /**
     * Devices at g = 0 keep the node matrix positive definite (every node still reaches a source or ground
     * through wires); a column of open devices carries no current.
     */
    @Test
    void zeroConductanceDevicesAreAllowedAndAnOpenColumnCarriesNoCurrent() {
        final int rows = 8;
        final int cols = 6;
        final float[] g = randomConductances(rows * cols, 0, 1e-4, 41);
        for (int i = 0; i < rows; i++) {
            g[i * cols + 2] = 0;
        }
        g[5] = 0;
        final double[] geff = NodalCrossbarSolver.effectiveConductance(g, rows, cols, 10);
        for (int i = 0; i < rows; i++) {
            assertEquals(0.0, geff[i * cols + 2], 1e-18, "open column, row " + i);
        }
        final float[] open = new float[rows * cols];
        final double[] none = NodalCrossbarSolver.effectiveConductance(open, rows, cols, 10);
        for (double e : none) {
            assertEquals(0.0, e, 1e-18);
        }
    }

    @Test
    void rejectsNonPositiveWireResistance() {
        final float[] g = {1e-5f, 1e-5f};
        assertThrows(IllegalArgumentException.class, () -> NodalCrossbarSolver.effectiveConductance(g, 1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> NodalCrossbarSolver.effectiveConductance(g, 1, 2, -1));
        assertThrows(IllegalArgumentException.class,
                () -> NodalCrossbarSolver.effectiveConductance(g, 1, 2, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> NodalCrossbarSolver.columnCurrents(g, 1, 2, 0, new double[] {1}));
    }

    @Test
    void rejectsTilesAboveTheNodalCellLimit() {
        final float[] g = new float[129 * 128];
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodalCrossbarSolver.effectiveConductance(g, 129, 128, 1));
        assertTrue(e.getMessage().contains("NODAL_MAX_CELLS"), e.getMessage());
        assertTrue(e.getMessage().contains("16384"), e.getMessage());
    }

    @Test
    void rejectsNegativeConductanceAndShapeMismatch() {
        assertThrows(IllegalArgumentException.class,
                () -> NodalCrossbarSolver.effectiveConductance(new float[] {1e-5f, -1e-6f}, 1, 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> NodalCrossbarSolver.effectiveConductance(new float[3], 2, 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> NodalCrossbarSolver.columnCurrents(new float[4], 2, 2, 1, new double[] {1}));
    }
}
