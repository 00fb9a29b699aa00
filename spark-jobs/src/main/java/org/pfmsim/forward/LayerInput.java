package org.pfmsim.forward;

/**
 * What every task of a layer needs, broadcast once per layer: the layer's input activations on the
 * physical chain and on the ideal chain (each batch x rows, row-major; the batch is every sample the run
 * evaluates), the calibrated DAC range, and the micro-batch: how many samples one tile read takes, so
 * that a tile is programmed once per layer and read micro-batch after micro-batch.
 * Activations are 10^3 - 10^5 times smaller than the layer's weights, so they travel, weights never do.
 */
public final class LayerInput {
    final int layer;
    final int batch;
    final int rows;
    final float[] physical;
    final float[] ideal;
    final float inputRange;
    final int microBatch;

    /** One read per tile of the whole batch. */
    public LayerInput(int layer, int batch, int rows, float[] physical, float[] ideal, float inputRange) {
        this(layer, batch, rows, physical, ideal, inputRange, batch);
    }

    /** @param microBatch samples per tile read, &ge; 1 (the last read takes the remainder) */
    public LayerInput(int layer, int batch, int rows, float[] physical, float[] ideal, float inputRange,
                      int microBatch) {
        if (physical.length != (long) batch * rows || ideal.length != physical.length) {
            throw new IllegalArgumentException("layer " + layer + " input is not " + batch + " x " + rows);
        }
        this.layer = layer;
        this.batch = batch;
        this.rows = rows;
        this.physical = physical;
        this.ideal = ideal;
        this.inputRange = inputRange;
        if (microBatch < 1) {
            throw new IllegalArgumentException("micro-batch must be >= 1, got " + microBatch);
        }
        this.microBatch = Math.min(microBatch, batch);
    }

    /** Whether the physical and the ideal chain carry the same activations into this layer. */
    boolean chainsAgree() {
        return java.util.Arrays.equals(physical, ideal);
    }

    /**
     * The read's input for rows [rowStart, rowStart + count) of samples [from, to): the physical samples
     * stacked on the ideal ones, 2 (to - from) x count, so one tile read serves both the physical chain and
     * the local error.
     */
    float[] stackedSlice(int rowStart, int count, int from, int to) {
        int n = to - from;
        float[] out = new float[2 * n * count];
        for (int s = 0; s < n; s++) {
            System.arraycopy(physical, (from + s) * rows + rowStart, out, s * count, count);
            System.arraycopy(ideal, (from + s) * rows + rowStart, out, (n + s) * count, count);
        }
        return out;
    }
}
