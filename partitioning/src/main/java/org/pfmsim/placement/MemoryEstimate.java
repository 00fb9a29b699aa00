package org.pfmsim.placement;

import org.pfmsim.model.LayerSpec;
import org.pfmsim.model.ModelSpec;

/**
 * Peak memory of a forward pass, independent of the parameter count: weights are never held, only one
 * tile at a time per task and a few batch x width activation buffers.
 *
 * <p>Per task: the broadcast inputs of both chains (2 B rows float32), one tile's working set (weights,
 * G+, G-, effective difference on heap and, for reads beyond 64 samples, its native copy: at most 5 x 4
 * bytes per device pair), the read's temporaries (voltages heap + native, currents: 2B x (2 rows + 2 cols)
 * float32) and the unit's three
 * accumulators (3 B cols float64). On the driver: three chains of activations (physical, ideal, local)
 * as float32 and the collected partial sums as float64.
 *
 * @param taskBytes    peak bytes of one task (heap plus ND4J off-heap)
 * @param driverBytes  peak bytes of the driver's activations and collected results
 * @param resultBytes  largest total of task results one layer's job returns to the driver (its column blocks'
 *                     three partial-sum arrays, batch x cols float64 each), what Spark holds against
 *                     {@code spark.driver.maxResultSize}
 */
public record MemoryEstimate(long taskBytes, long driverBytes, long resultBytes) {
    public static MemoryEstimate of(ModelSpec model, TilingSpec tiling, int batch) {
        return of(model.layers(), tiling, batch);
    }

    /**
     * The same for any sequence of physical matrices (a decoder's, with batch = tokens); the digital work
     * between them is assumed to need no more than the matrices' activations.
     */
    public static MemoryEstimate of(Iterable<LayerSpec> matrices, TilingSpec tiling, int batch) {
        return of(matrices, tiling, batch, batch);
    }

    /**
     * The same for {@code samples} evaluated in one pass per matrix and read {@code microBatch} at a time:
     * activations, broadcast and accumulators hold every sample, a read's temporaries one micro-batch.
     */
    public static MemoryEstimate of(Iterable<LayerSpec> matrices, TilingSpec tiling, int samples, int microBatch) {
        int batch = samples;
        int micro = Math.min(microBatch, samples);
        long task = 0;
        long driver = 0;
        long results = 0;
        for (LayerSpec l : matrices) {
            int tr = Math.min(tiling.tileRows(), l.rows());
            int tc = Math.min(tiling.tileCols(), l.cols());
            long broadcast = 2L * batch * l.rows() * Float.BYTES;
            long tile = 5L * tr * tc * Float.BYTES;
            long read = 2L * micro * (2L * tr + 2L * tc) * Float.BYTES;
            long accumulators = 3L * batch * tc * Double.BYTES;
            task = Math.max(task, broadcast + tile + read + accumulators);
            long activations = 3L * batch * (l.rows() + (long) l.cols()) * Float.BYTES;
            long collected = 3L * batch * l.cols() * Double.BYTES;
            driver = Math.max(driver, broadcast + activations + collected);
            results = Math.max(results, collected);
        }
        return new MemoryEstimate(task, driver, results);
    }

    /** Human-readable, e.g. "task 12.3 MiB, driver 40.0 MiB". */
    public String describe() {
        return "task " + mib(taskBytes) + ", driver " + mib(driverBytes);
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
