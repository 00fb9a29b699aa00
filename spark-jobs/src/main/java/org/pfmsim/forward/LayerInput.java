package org.pfmsim.forward;

/**
 * What every task of a layer needs, broadcast once per layer: the layer's input activations on the
 * physical chain and on the ideal chain (each batch x rows, row-major), and the calibrated DAC range.
 * Activations are 10^3 - 10^5 times smaller than the layer's weights, so they travel, weights never do.
 */
public final class LayerInput {
    final int layer;
    final int batch;
    final int rows;
    final float[] physical;
    final float[] ideal;
    final float inputRange;

    public LayerInput(int layer, int batch, int rows, float[] physical, float[] ideal, float inputRange) {
        if (physical.length != (long) batch * rows || ideal.length != physical.length) {
            throw new IllegalArgumentException("layer " + layer + " input is not " + batch + " x " + rows);
        }
        this.layer = layer;
        this.batch = batch;
        this.rows = rows;
        this.physical = physical;
        this.ideal = ideal;
        this.inputRange = inputRange;
    }

    /** Whether the physical and the ideal chain carry the same activations into this layer. */
    boolean chainsAgree() {
        return java.util.Arrays.equals(physical, ideal);
    }

    /**
     * The read's input for rows [rowStart, rowStart + count): the physical batch stacked on the ideal
     * batch, 2 batch x count, so one tile read serves both the physical chain and the local error.
     */
    float[] stackedSlice(int rowStart, int count) {
        float[] out = new float[2 * batch * count];
        for (int s = 0; s < batch; s++) {
            System.arraycopy(physical, s * rows + rowStart, out, s * count, count);
            System.arraycopy(ideal, s * rows + rowStart, out, (batch + s) * count, count);
        }
        return out;
    }
}
