package org.pfmsim.weights;

import java.io.Serializable;

/**
 * Where a tile's weights come from. Tiles are produced where they are used (inside Spark tasks), so a
 * source is a small serializable description, never the weights themselves.
 */
public interface WeightSource extends Serializable {
    /**
     * Fills {@code out} (rowCount x colCount, row-major) with W[rowStart + i][colStart + j] of the layer,
     * W being rows (inputs) x cols (outputs).
     */
    void weights(int layer, long rowStart, int rowCount, long colStart, int colCount, float[] out);

    /** Fills {@code out} with b[colStart + j] of the layer. */
    void bias(int layer, long colStart, int colCount, float[] out);
}
