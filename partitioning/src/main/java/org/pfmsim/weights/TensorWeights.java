package org.pfmsim.weights;

import java.util.List;

/**
 * The weights of an MLP-shaped stack read from named tensors with PyTorch's linear convention: a weight
 * tensor is {@code [out, in]}, so the tile W[in rows][out cols] this project multiplies (y = x W) is the
 * transpose of the tensor block.
 */
public final class TensorWeights implements WeightSource {
    private static final long serialVersionUID = 1L;

    /** The tensors of one linear layer; {@code bias} is null when the layer has none. */
    public record Linear(String weight, String bias) implements java.io.Serializable {
    }

    private final TensorSource tensors;
    private final List<Linear> layers;

    public TensorWeights(TensorSource tensors, List<Linear> layers) {
        this.tensors = tensors;
        this.layers = List.copyOf(layers);
    }

    public TensorSource tensors() {
        return tensors;
    }

    public List<Linear> layers() {
        return layers;
    }

    @Override
    public void weights(int layer, long rowStart, int rowCount, long colStart, int colCount, float[] out) {
        float[] block = new float[colCount * rowCount];
        tensors.read(layers.get(layer).weight(), colStart, colCount, rowStart, rowCount, block);
        for (int o = 0; o < colCount; o++) {
            for (int i = 0; i < rowCount; i++) {
                out[i * colCount + o] = block[o * rowCount + i];
            }
        }
    }

    @Override
    public void bias(int layer, long colStart, int colCount, float[] out) {
        String bias = layers.get(layer).bias();
        if (bias == null) {
            java.util.Arrays.fill(out, 0, colCount, 0f);
        } else {
            tensors.read(bias, 0, 1, colStart, colCount, out);
        }
    }
}
