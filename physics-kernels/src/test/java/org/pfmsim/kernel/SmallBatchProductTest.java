package org.pfmsim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pfmsim.kernel.IdealKernelTest.random;

import org.junit.jupiter.api.Test;

/** The heap product of small batches and the tile matrix that chooses between it and Nd4j.gemm. */
class SmallBatchProductTest {
    /** samples, rows, cols: twenty-four-column blocks, eight-column blocks, scalar columns, padded samples. */
    private static final int[][] SHAPES = {
        {16, 64, 48}, {9, 20, 31}, {32, 50, 24}, {1, 1, 1}, {8, 7, 8}, {3, 1, 17}, {12, 3, 7}, {17, 33, 40},
        {64, 12, 61}, {40, 5, 512},
    };

    @Test
    void simdAndScalarLoopsGiveIdenticalBits() {
        assumeTrue(Simd.ENABLED, "this JVM runs the scalar loop only");
        long seed = 11;
        for (int[] shape : SHAPES) {
            int samples = shape[0], rows = shape[1], cols = shape[2];
            float[] x = random(samples * rows, seed++);
            float[] w = random(rows * cols, seed++);
            assertArrayEquals(SmallBatchProduct.multiply(x, samples, rows, w, cols, false),
                    SmallBatchProduct.multiply(x, samples, rows, w, cols, true),
                    samples + "x" + rows + " * " + rows + "x" + cols);
        }
    }

    /**
     * The documented order, ascending rows from zero, where float rounding tells orders apart (1e8 + 1 rounds
     * to 1e8): with x = (1, 1, 1) the columns (1e8, 1, -1e8), (1, 1e8, -1e8) and (-1e8, 1e8, 1) sum to 0, 0
     * and 1 in that order; summed from the last row up, the last two would give 1 and 0.
     */
    @Test
    void outputsAreSummedInAscendingRowOrder() {
        float[] x = {1, 1, 1};
        for (boolean simd : new boolean[] {false, Simd.ENABLED}) {
            // 32 columns, cycling through the three: the SIMD path takes a 24- and an 8-column block.
            float[] w = new float[3 * 32];
            float[][] columns = {{1e8f, 1f, -1e8f}, {1f, 1e8f, -1e8f}, {-1e8f, 1e8f, 1f}};
            for (int j = 0; j < 32; j++) {
                float[] c = columns[j % 3];
                for (int i = 0; i < 3; i++) {
                    w[i * 32 + j] = c[i];
                }
            }
            float[] y = SmallBatchProduct.multiply(x, 1, 3, w, 32, simd);
            for (int j = 0; j < 32; j++) {
                assertEquals(j % 3 == 2 ? 1f : 0f, y[j], "simd " + simd + ", column " + j);
            }
        }
    }

    /** Small (heap) and large (native gemm) batches of one tile agree to float rounding, sample by sample. */
    @Test
    void tileMatrixGivesTheSameProductAtSmallAndLargeBatches() {
        int rows = 70, cols = 45, large = IdealKernel.SMALL_BATCH_MAX_SAMPLES + 9;
        float[] w = random(rows * cols, 5);
        float[] x = random(large * rows, 6);
        try (TileMatrix m = TileMatrix.copyOf(w, rows, cols)) {
            float[] all = m.multiply(x, large);
            float[] small = m.multiply(x, IdealKernel.SMALL_BATCH_MAX_SAMPLES); // its first rows x samples
            double[] ref = IdealKernelTest.reference(x, large, rows, w, cols);
            for (int k = 0; k < small.length; k++) {
                assertEquals(ref[k], small[k], 1e-5 * rows, "small batch, output " + k);
                assertEquals(all[k], small[k], 2e-5f * rows, "output " + k);
            }
        }
    }

    /** A closed blank matrix's array is lent again to the next blank matrix of its size on this thread. */
    @Test
    void blankMatricesReuseTheirThreadsArrays() {
        TileMatrix a = TileMatrix.blank(4, 6);
        float[] values = a.values();
        a.close();
        a.close(); // idempotent: the array is pooled once
        TileMatrix b = TileMatrix.blank(4, 6);
        TileMatrix c = TileMatrix.blank(4, 6);
        assertSame(values, b.values());
        assertNotSame(values, c.values());
        b.close();
        c.close();
        float[] own = new float[24];
        TileMatrix adopted = TileMatrix.adopt(own, 4, 6);
        adopted.close();
        assertTrue(TileMatrix.blank(4, 6).values() != own, "an adopted array is never pooled");
    }

    @Test
    void tileMatrixRejectsBadUse() {
        TileMatrix m = TileMatrix.blank(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.multiply(new float[5], 2));
        assertEquals("inputs have 5 values, expected 2 x 3", e.getMessage());
        m.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> m.multiply(new float[6], 2));
        assertEquals("tile matrix used after close", closed.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> TileMatrix.adopt(new float[5], 2, 3));
        assertEquals("5 values for a 2 x 3 matrix", small.getMessage());
    }
}
