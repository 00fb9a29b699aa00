package org.pfmsim.model;

import java.io.Serializable;

/**
 * One linear layer y = activation(x W + b) of an MLP-shaped stack. W is rows x cols: rows are the layer's
 * inputs (crossbar rows / word lines), cols its outputs (columns / bit lines), as in y = x W.
 *
 * @param index       position in the model, from 0
 * @param rows        input width
 * @param cols        output width
 * @param bias        whether a bias is added in the digital periphery
 * @param activation  nonlinearity applied in the digital periphery
 */
public record LayerSpec(int index, int rows, int cols, boolean bias, Activation activation) implements Serializable {
    public long weightCount() {
        return (long) rows * cols;
    }

    public long parameterCount() {
        return weightCount() + (bias ? cols : 0);
    }
}
