package org.pfmsim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** y = x W against a plain triple loop in double, on ragged shapes (row-major everywhere). */
class IdealKernelTest {
    /**
     * Both paths: up to SMALL_BATCH_MAX_SAMPLES the heap loop (with twenty-four- and eight-column blocks,
     * scalar columns and padded samples), beyond that gemm.
     */
    private static final int[][] SHAPES = { // samples, rows, cols
        {7, 13, 5}, {64, 100, 37}, {1, 1, 1}, {1, 50, 1}, {3, 1, 4}, {1, 17, 9}, {33, 2, 65}, {5, 129, 3},
        {65, 31, 17}, {130, 9, 70}, {97, 1, 1}, {16, 64, 48}, {9, 20, 31}, {32, 50, 24}, {24, 33, 57},
    };

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (2 * r.nextDouble() - 1);
        }
        return a;
    }

    /** Plain triple loop in double: y[s][j] = sum_i x[s][i] W[i][j]. */
    static double[] reference(float[] x, int samples, int rows, float[] w, int cols) {
        double[] y = new double[samples * cols];
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < cols; j++) {
                double acc = 0;
                for (int i = 0; i < rows; i++) {
                    acc += (double) x[s * rows + i] * w[i * cols + j];
                }
                y[s * cols + j] = acc;
            }
        }
        return y;
    }

    /**
     * Each output within 1e-5 of the scale of its sum, sum_i |x_si W_ij| (the float32 accumulation error
     * bound is rows x 6e-8 of it), and the whole product within 1e-5 relative L2.
     */
    @Test
    void multiplyMatchesTripleLoopReferenceOnRaggedShapes() {
        long seed = 1;
        for (int[] shape : SHAPES) {
            int samples = shape[0], rows = shape[1], cols = shape[2];
            float[] x = random(samples * rows, seed++);
            float[] w = random(rows * cols, seed++);
            float[] xCopy = x.clone();
            float[] wCopy = w.clone();
            float[] y = IdealKernel.multiply(x, samples, rows, w, cols);
            String name = samples + "x" + rows + " * " + rows + "x" + cols;
            assertEquals(samples * cols, y.length, name);
            double[] ref = reference(x, samples, rows, w, cols);
            double err = 0, norm = 0;
            for (int s = 0; s < samples; s++) {
                for (int j = 0; j < cols; j++) {
                    double scale = 0;
                    for (int i = 0; i < rows; i++) {
                        scale += Math.abs((double) x[s * rows + i] * w[i * cols + j]);
                    }
                    double e = y[s * cols + j] - ref[s * cols + j];
                    assertTrue(Math.abs(e) <= 1e-5 * scale, name + " y[" + s + "][" + j + "] = " + y[s * cols + j]
                            + ", reference " + ref[s * cols + j]);
                    err += e * e;
                    norm += ref[s * cols + j] * ref[s * cols + j];
                }
            }
            assertTrue(Math.sqrt(err / norm) <= 1e-5, name + " relative L2 " + Math.sqrt(err / norm));
            assertArrayEquals(xCopy, x, 0f, "x modified");
            assertArrayEquals(wCopy, w, 0f, "W modified");
        }
    }

    /** A permutation-like W with integer entries gives exact results: checks orientation (x W, not W x or x W^T). */
    @Test
    void multiplyIsRowVectorTimesMatrixInRowMajorLayout() {
        // x: 2 x 3, W: 3 x 2
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] w = {1, 10, 100, 1000, 10000, 100000};
        float[] y = IdealKernel.multiply(x, 2, 3, w, 2);
        assertArrayEquals(new float[] {1 + 200 + 30000, 10 + 2000 + 300000, 4 + 500 + 60000, 40 + 5000 + 600000},
                y, 0f);
    }

    /** The heap loop and gemm give the same product to float rounding on one problem, either side of the switch. */
    @Test
    void heapAndGemmProductsAgree() {
        int samples = IdealKernel.SMALL_BATCH_MAX_SAMPLES + 1, rows = 40, cols = 23;
        float[] x = random(samples * rows, 99);
        float[] w = random(rows * cols, 100);
        float[] all = IdealKernel.multiply(x, samples, rows, w, cols);
        float[] head = IdealKernel.multiply(java.util.Arrays.copyOf(x, (samples - 1) * rows), samples - 1, rows, w,
                cols);
        for (int k = 0; k < head.length; k++) {
            assertEquals(all[k], head[k], 1e-5f * rows, "output " + k);
        }
    }

    @Test
    void multiplyRejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> IdealKernel.multiply(new float[5], 2, 3, new float[6], 2));
        assertThrows(IllegalArgumentException.class, () -> IdealKernel.multiply(new float[6], 2, 3, new float[5], 2));
    }
}
