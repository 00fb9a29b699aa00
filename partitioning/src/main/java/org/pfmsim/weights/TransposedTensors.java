package org.pfmsim.weights;

import java.util.List;
import java.util.Set;

/**
 * A view of a {@link TensorSource} in which the named 2-D tensors appear transposed; every other tensor
 * is passed through. Used to present Hugging Face GPT-2 weights, which are stored by its {@code Conv1D}
 * module as {@code [in, out]} (y = x W + b), in PyTorch's {@code nn.Linear} layout {@code [out, in]}
 * (y = x W^T + b) that {@link TensorWeights} reads, so one reader serves both conventions.
 */
public final class TransposedTensors implements TensorSource {
    private static final long serialVersionUID = 1L;

    private final TensorSource base;
    private final Set<String> transposed;

    public TransposedTensors(TensorSource base, Set<String> transposed) {
        this.base = base;
        this.transposed = Set.copyOf(transposed);
        for (String name : this.transposed) {
            if (base.shape(name).length != 2) {
                throw new IllegalArgumentException("tensor " + name + " is not 2-D and cannot be transposed");
            }
        }
    }

    @Override
    public List<String> names() {
        return base.names();
    }

    @Override
    public long[] shape(String name) {
        long[] s = base.shape(name);
        return transposed.contains(name) ? new long[] {s[1], s[0]} : s;
    }

    @Override
    public void read(String name, long row0, int rows, long col0, int cols, float[] out) {
        if (!transposed.contains(name)) {
            base.read(name, row0, rows, col0, cols, out);
            return;
        }
        float[] block = new float[rows * cols];
        base.read(name, col0, cols, row0, rows, block);
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] = block[c * rows + r];
            }
        }
    }
}
