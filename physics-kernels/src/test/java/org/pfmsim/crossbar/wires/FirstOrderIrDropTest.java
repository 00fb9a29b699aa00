package org.pfmsim.crossbar.wires;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * First-order IR drop against hand-derived sums and against the exact nodal solve.
 *
 * <p>Error bounds are stated in the dimensionless wire load &epsilon; = r g<sub>max</sub> rows cols (square
 * tiles, where it equals r g<sub>max</sub> times the squared line length that sets the drop), kept &le; 0.3.
 * Constants measured on these tiles (seeded g) and asserted with about 2x margin:
 * <ul>
 *   <li>g uniform in [g<sub>min</sub>, g<sub>max</sub>]: relative Frobenius error / &epsilon;<sup>2</sup> is
 *       0.18 (8 x 8), 0.14 (32 x 32), 0.14 (64 x 64); asserted &le; 0.5 &epsilon;<sup>2</sup>;</li>
 *   <li>every device at g<sub>max</sub> (the worst case): 0.73, 0.58, 0.56; asserted &le; 1.5
 *       &epsilon;<sup>2</sup>;</li>
 *   <li>the first-order drop ||Geff<sub>fo</sub> - g|| overshoots the exact one by a fraction 0.48 &epsilon;
 *       at most (uniform g); asserted &le; &epsilon;, i.e. within 10% for &epsilon; &le; 0.1.</li>
 * </ul>
 * The model is O(rows cols) by construction (single sweeps with running sums, see {@link FirstOrderIrDrop});
 * nothing here is timed.
 */
class FirstOrderIrDropTest {

    private static final double G_MIN = 1e-6;
    private static final double G_MAX = 1e-4;
    private static final int[] SIZES = {8, 32, 64};
    private static final double[] LOADS = {0.05, 0.1, 0.2, 0.3};

    /** ||a - b||_F / ||b||_F. */
    private static double relativeFrobenius(float[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int k = 0; k < a.length; k++) {
            diff += (a[k] - b[k]) * (a[k] - b[k]);
            norm += b[k] * b[k];
        }
        return Math.sqrt(diff / norm);
    }

    /** ||a - g||_F with a in float or double. */
    private static double dropNorm(float[] g, float[] a) {
        double s = 0;
        for (int k = 0; k < g.length; k++) {
            s += ((double) a[k] - g[k]) * ((double) a[k] - g[k]);
        }
        return Math.sqrt(s);
    }

    private static double dropNorm(float[] g, double[] a) {
        double s = 0;
        for (int k = 0; k < g.length; k++) {
            s += (a[k] - g[k]) * (a[k] - g[k]);
        }
        return Math.sqrt(s);
    }

    private static double resistanceForLoad(double eps, int n) {
        return eps / (G_MAX * n * n);
    }

    @Test
    void zeroWireResistanceReturnsACopyOfTheDeviceConductances() {
        final float[] g = NodalCrossbarSolverTest.randomConductances(5 * 7, G_MIN, G_MAX, 1);
        final float[] geff = FirstOrderIrDrop.effectiveConductance(g, 5, 7, 0);
        assertArrayEquals(g, geff, 0f);
        assertNotSame(g, geff);
    }

    /** 1 x 1: A = B = g, so Geff = g (1 - 2 r g), the first-order expansion of the exact g / (1 + 2 r g). */
    @Test
    void oneByOneTileIsTheFirstOrderExpansionOfTheSeriesLoop() {
        final float[] g = {1e-4f};
        final double r = 50;
        final double gd = g[0];
        final float geff = FirstOrderIrDrop.effectiveConductance(g, 1, 1, r)[0];
        assertEquals(gd * (1 - 2 * r * gd), geff, 1e-7 * gd);
        final double exact = gd / (1 + 2 * r * gd);
        // With x = 2 r g the remainder is g / (1 + x) - g (1 - x) = g x^2 / (1 + x), second order (1e-4 g here).
        final double x = 2 * r * gd;
        final double remainder = gd * x * x / (1 + x);
        assertEquals(remainder, exact - geff, 1e-3 * remainder);
    }

    /**
     * 2 x 2, all devices G: row sums T_i0 = 2G, T_i1 = G give A_i0 = 2G, A_i1 = 3G; column prefixes
     * P_0j = G, P_1j = 2G give B_0j = 3G, B_1j = 2G. Hence Geff = G (1 - r G c) with
     * c = [[5, 6], [4, 5]].
     */
    @Test
    void twoByTwoUniformTileMatchesTheHandEvaluatedSums() {
        final float conductance = 1e-4f;
        final double r = 10;
        final float[] g = {conductance, conductance, conductance, conductance};
        final float[] geff = FirstOrderIrDrop.effectiveConductance(g, 2, 2, r);
        final double[] c = {5, 6, 4, 5};
        for (int k = 0; k < 4; k++) {
            final double expected = conductance * (1 - r * conductance * c[k]);
            assertEquals(expected, geff[k], 1e-7 * expected, "Geff[" + k + "]");
        }
    }

    /**
     * The neglected terms are second order in the wire load: relative Frobenius error &le; 0.5 &epsilon;^2 for
     * g uniform in [gMin, gMax] (measured &le; 0.18 &epsilon;^2), and halving &epsilon; quarters the error.
     */
    @Test
    void firstOrderErrorIsBoundedByHalfTheSquaredWireLoad() {
        for (int n : SIZES) {
            final float[] g = NodalCrossbarSolverTest.randomConductances(n * n, G_MIN, G_MAX, 100 + n);
            double previousError = Double.NaN;
            double previousLoad = Double.NaN;
            for (double eps : LOADS) {
                final double r = resistanceForLoad(eps, n);
                final double error = relativeFrobenius(FirstOrderIrDrop.effectiveConductance(g, n, n, r),
                        NodalCrossbarSolver.effectiveConductance(g, n, n, r));
                assertTrue(error <= 0.5 * eps * eps,
                        n + "x" + n + " eps=" + eps + ": error " + error + " > 0.5 eps^2 = " + 0.5 * eps * eps);
                if (previousLoad == eps / 2) {
                    final double ratio = error / previousError;
                    assertTrue(ratio > 3.5 && ratio < 4.5, n + "x" + n + " error ratio for 2x load: " + ratio);
                }
                previousError = error;
                previousLoad = eps;
            }
        }
    }

    /** Worst case, every device at gMax (largest currents): error &le; 1.5 &epsilon;^2 (measured &le; 0.73). */
    @Test
    void firstOrderErrorBoundHoldsWithEveryDeviceAtMaximumConductance() {
        for (int n : SIZES) {
            final float[] g = new float[n * n];
            Arrays.fill(g, (float) G_MAX);
            for (double eps : LOADS) {
                final double r = resistanceForLoad(eps, n);
                final double error = relativeFrobenius(FirstOrderIrDrop.effectiveConductance(g, n, n, r),
                        NodalCrossbarSolver.effectiveConductance(g, n, n, r));
                assertTrue(error <= 1.5 * eps * eps,
                        n + "x" + n + " eps=" + eps + ": error " + error + " > 1.5 eps^2 = " + 1.5 * eps * eps);
            }
        }
    }

    /**
     * The first-order model captures the drop: ||Geff_fo - g|| is at least the exact ||Geff - g|| (it ignores
     * that the drops lower the currents that cause them) and exceeds it by at most &epsilon; relative
     * (measured &le; 0.48 &epsilon;), so within 10% for &epsilon; &le; 0.1.
     */
    @Test
    void firstOrderCapturesTheWireDropToWithinTheLoadFraction() {
        for (int n : SIZES) {
            final float[] g = NodalCrossbarSolverTest.randomConductances(n * n, G_MIN, G_MAX, 200 + n);
            for (double eps : LOADS) {
                final double r = resistanceForLoad(eps, n);
                final double firstOrder = dropNorm(g, FirstOrderIrDrop.effectiveConductance(g, n, n, r));
                final double exact = dropNorm(g, NodalCrossbarSolver.effectiveConductance(g, n, n, r));
                final double overshoot = firstOrder / exact - 1;
                final String where = n + "x" + n + " eps=" + eps + ": drop overshoot " + overshoot;
                assertTrue(overshoot >= 0 && overshoot <= eps, where);
                if (eps <= 0.1) {
                    assertTrue(overshoot <= 0.10, where);
                }
            }
        }
    }

    @Test
    void fusedDifferenceEqualsTheDifferenceOfTwoSingleArrayCorrections() {
        java.util.Random random = new java.util.Random(17);
        int rows = 37;
        int cols = 53;
        float[] gp = new float[rows * cols];
        float[] gn = new float[rows * cols];
        for (int k = 0; k < gp.length; k++) {
            gp[k] = (float) (1e-6 + 99e-6 * random.nextDouble());
            gn[k] = (float) (1e-6 + 99e-6 * random.nextDouble());
        }
        double r = 0.7;
        float[] ep = FirstOrderIrDrop.effectiveConductance(gp, rows, cols, r);
        float[] en = FirstOrderIrDrop.effectiveConductance(gn, rows, cols, r);
        float[] diff = FirstOrderIrDrop.effectiveDifference(gp, gn, rows, cols, r);
        for (int k = 0; k < diff.length; k++) {
            assertEquals(ep[k] - en[k], diff[k], 0.0f, "element " + k);
        }
    }

    /** The SIMD column pass and the scalar loop give the same bits; the row totals are the device sums. */
    @Test
    void simdAndScalarSweepsAgreeBitForBit() {
        java.util.Random random = new java.util.Random(5);
        for (int[] shape : new int[][] {{37, 53}, {512, 512}, {1, 17}, {3, 1}}) {
            int rows = shape[0];
            int cols = shape[1];
            float[] gp = new float[rows * cols];
            float[] gn = new float[rows * cols];
            for (int k = 0; k < gp.length; k++) {
                gp[k] = (float) (G_MIN + (G_MAX - G_MIN) * random.nextDouble());
                gn[k] = (float) (G_MIN + (G_MAX - G_MIN) * random.nextDouble());
            }
            assertSimdAndScalarSweepsAgree(gp, gn, rows, cols, 3);
        }
    }

    /**
     * Where the vector first pass (whole 16-column rows), the four-row groups and their remainder rows meet:
     * Geff and the row totals (double, summed in 16 stripes in a fixed order) are the same bits with SIMD
     * on and off, and the row totals are the device sums.
     */
    @Test
    void simdAndScalarAgreeBitForBitAcrossRowGroupsAndStripes() {
        java.util.Random random = new java.util.Random(9);
        for (int[] shape : new int[][] {{7, 32}, {5, 48}, {4, 16}, {9, 17}, {2, 64}}) {
            int rows = shape[0];
            int cols = shape[1];
            float[] gp = new float[rows * cols];
            float[] gn = new float[rows * cols];
            for (int k = 0; k < gp.length; k++) {
                gp[k] = (float) (G_MIN + (G_MAX - G_MIN) * random.nextDouble());
                gn[k] = k % 5 == 0 ? 0f : (float) (G_MIN + (G_MAX - G_MIN) * random.nextDouble());
            }
            assertSimdAndScalarSweepsAgree(gp, gn, rows, cols, 0);
        }
    }

    /**
     * The sweep with SIMD on and off, into outputs {@code padding} longer than the tile: the same Geff and
     * row totals bit for bit, and the row totals equal to the device sums.
     */
    private static void assertSimdAndScalarSweepsAgree(float[] gp, float[] gn, int rows, int cols, int padding) {
        double r = resistanceForLoad(0.2, Math.max(rows, cols));
        float[] simd = new float[gp.length + padding];
        float[] scalar = new float[gp.length + padding];
        double[] simdTotals = new double[rows];
        double[] scalarTotals = new double[rows];
        FirstOrderIrDrop.effectiveDifference(gp, gn, rows, cols, r, simd, simdTotals, true);
        FirstOrderIrDrop.effectiveDifference(gp, gn, rows, cols, r, scalar, scalarTotals, false);
        String where = rows + " x " + cols;
        assertArrayEquals(scalar, simd, 0f, where);
        assertArrayEquals(scalarTotals, simdTotals, 0.0, where);
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += (double) gp[i * cols + j] + gn[i * cols + j];
            }
            assertEquals(sum, simdTotals[i], 1e-12 * sum, where + " row total " + i);
        }
    }

    /**
     * The stripes are added by folding halves (k += k + 8, then k + 4, k + 2, k + 1), evaluated by hand for
     * stripe 0 = 1 and fifteen stripes of 2^-53 (half an ulp of 1): 1 + 2^-53 rounds to 1 (tie to even),
     * the other pairs make 2^-52, then 1 + 2^-52, 1 + 3 * 2^-52, 1 + 7 * 2^-52, all exact. Left-to-right
     * addition would give 1: the order is part of the result, and the vector reduction follows it.
     */
    @Test
    void stripeTotalFoldsHalvesInAFixedOrder() {
        int n = FirstOrderIrDrop.STRIPES;
        double[] stripes = new double[2 * n];
        for (int k = 0; k < n; k++) {
            stripes[n + k] = k == 0 ? 1.0 : 0x1p-53;
        }
        assertEquals(1 + 7 * 0x1p-52, FirstOrderIrDrop.stripeTotal(stripes, n), 0.0);
        assertEquals(0.0, stripes[0], 0.0, "stripes before the offset are untouched");
    }

    /**
     * The float sweep against the same first-order formula evaluated in double from its definition
     * (A_ij = sum_j' g_ij' (min(j, j') + 1), B_ij = sum_i' g_i'j (rows - max(i, i'))): the relative error of
     * Geff stays within the bound derived in the class comment, u rows^2 / 2 * epsilon (u = 2^-24).
     */
    @Test
    void floatSweepStaysWithinItsRoundingBoundOfTheDoubleFormula() {
        int n = 64;
        float[] g = NodalCrossbarSolverTest.randomConductances(n * n, G_MIN, G_MAX, 3);
        for (double eps : LOADS) {
            double r = resistanceForLoad(eps, n);
            float[] fast = FirstOrderIrDrop.effectiveConductance(g, n, n, r);
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double a = 0;
                    double b = 0;
                    for (int k = 0; k < n; k++) {
                        a += (double) g[i * n + k] * (Math.min(j, k) + 1);
                        b += (double) g[k * n + j] * (n - Math.max(i, k));
                    }
                    double gij = g[i * n + j];
                    double exact = gij * (1 - r * a - r * b);
                    diff += (fast[i * n + j] - exact) * (fast[i * n + j] - exact);
                    norm += exact * exact;
                }
            }
            double bound = 0x1p-24 * n * n / 2 * eps;
            assertTrue(Math.sqrt(diff / norm) <= bound, "eps " + eps + ": " + Math.sqrt(diff / norm) + " > " + bound);
        }
    }
}
