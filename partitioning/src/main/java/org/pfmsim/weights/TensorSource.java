package org.pfmsim.weights;

import java.io.Serializable;
import java.util.List;

/**
 * Named tensors read on demand, block by block: a checkpoint on any Hadoop filesystem, or tensors held
 * in memory. A source is a small serializable description; tasks open what they read.
 *
 * <p>Shapes follow the file (PyTorch order: a linear layer's weight is {@code [out, in]}).
 */
public interface TensorSource extends Serializable {
    /** Every tensor name, in a stable order. */
    List<String> names();

    /** The shape of a tensor; throws IllegalArgumentException naming it when there is no such tensor. */
    long[] shape(String name);

    /**
     * Fills {@code out} (rows x cols, row-major, float32) with the block [row0, row0 + rows) x
     * [col0, col0 + cols) of a 2-D tensor; a 1-D tensor is read as a single row (row0 = 0, rows = 1).
     */
    void read(String name, long row0, int rows, long col0, int cols, float[] out);
}
