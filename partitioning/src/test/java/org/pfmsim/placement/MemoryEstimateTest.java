package org.pfmsim.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;

class MemoryEstimateTest {
    private static final TilingSpec TILING = new TilingSpec(128, 64, 2, Placement.BALANCED, 0);

    private static ModelSpec mlp(int input, int width, int output, int depth) {
        return ModelSpec.mlp(input, width, output, depth, true, Activation.RELU, Activation.IDENTITY);
    }

    @Test
    void estimateDoesNotGrowWithDepth() {
        for (int width : new int[] {64, 256, 1000}) {
            MemoryEstimate shallow = MemoryEstimate.of(mlp(784, width, 10, 4), TILING, 32);
            MemoryEstimate deep = MemoryEstimate.of(mlp(784, width, 10, 400), TILING, 32);
            assertEquals(shallow, deep, "width " + width);
        }
    }

    @Test
    void estimateGrowsLinearlyInBatch() {
        ModelSpec m = mlp(784, 256, 10, 3);
        MemoryEstimate one = MemoryEstimate.of(m, TILING, 1);
        MemoryEstimate[] e = new MemoryEstimate[6];
        for (int k = 1; k <= 5; k++) {
            e[k] = MemoryEstimate.of(m, TILING, 16 * k);
        }
        for (int k = 2; k <= 5; k++) {
            // Constant increments: affine in the batch (tasks also hold one tile, independent of the batch).
            assertEquals(e[2].taskBytes() - e[1].taskBytes(), e[k].taskBytes() - e[k - 1].taskBytes());
            // The driver holds only batch-sized buffers: proportional to the batch.
            assertEquals(k * e[1].driverBytes(), e[k].driverBytes());
        }
        assertTrue(e[2].taskBytes() > e[1].taskBytes());
        assertEquals(16 * one.driverBytes(), e[1].driverBytes());
        // The per-sample slope of a task is the batch-dependent part of the widest layer's formula.
        long perSample = 2L * 784 * 4 + 2L * (2 * 128 + 2 * 64) * 4 + 3L * 64 * 8;
        assertEquals(16 * perSample, e[2].taskBytes() - e[1].taskBytes());
    }

    @Test
    void estimateEqualsTheDocumentedFormula() {
        int b = 32;
        MemoryEstimate e = MemoryEstimate.of(mlp(784, 256, 10, 3), TILING, b);
        // Layer 0 (784 x 256, tile 128 x 64) dominates both.
        long broadcast = 2L * b * 784 * 4;             // 2 B rows float32
        long tile = 5L * 128 * 64 * 4;                 // 5 x 4 bytes per device pair
        long read = 2L * b * (2 * 128 + 2 * 64) * 4;   // 2B x (2 rows + 2 cols) float32
        long accumulators = 3L * b * 64 * 8;           // 3 B cols float64
        assertEquals(200_704 + 163_840 + 98_304 + 49_152, broadcast + tile + read + accumulators);
        assertEquals(512_000L, e.taskBytes());
        long activations = 3L * b * (784 + 256) * 4;   // three float32 chains of inputs and outputs
        long collected = 3L * b * 256 * 8;             // float64 partial sums of the three chains
        assertEquals(broadcast + activations + collected, e.driverBytes());
        assertEquals(796_672L, e.driverBytes());
        assertEquals("task 0.5 MiB, driver 0.8 MiB", e.describe());
    }

    @Test
    void tileIsClippedToSmallLayers() {
        // A 100 x 10 layer uses only 100 x 10 of a 128 x 64 tile.
        int b = 4;
        MemoryEstimate e = MemoryEstimate.of(mlp(100, 1, 10, 1), TILING, b);
        long task = 2L * b * 100 * 4 + 5L * 100 * 10 * 4 + 2L * b * (2 * 100 + 2 * 10) * 4 + 3L * b * 10 * 8;
        assertEquals(task, e.taskBytes());
    }

    @Test
    void teraParameterModelNeedsOnlyBatchTimesWidthMemory() {
        ModelSpec tera = ModelSpec.mlp(1_000_000, 1_000_000, 1_000_000, 1, false, Activation.RELU, Activation.IDENTITY);
        TilingSpec tiling = new TilingSpec(512, 512, 16, Placement.BALANCED, 0);
        MemoryEstimate e = MemoryEstimate.of(tera, tiling, 8);
        long task = 2L * 8 * 1_000_000 * 4 + 5L * 512 * 512 * 4 + 2L * 8 * (4 * 512) * 4 + 3L * 8 * 512 * 8;
        assertEquals(task, e.taskBytes());
        assertTrue(e.taskBytes() < 128L << 20, e.describe());
        assertTrue(e.driverBytes() < 1L << 30, e.describe());
    }
}
