package org.pfmsim.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named float32 tensors held in memory: for models built programmatically (tests, small synthetic
 * models). Serializable like every {@link TensorSource}, but unlike a checkpoint it carries its values,
 * so whatever holds it (a Spark closure) ships them: use it for models that fit comfortably in a heap.
 */
public final class InMemoryTensors implements TensorSource {
    private static final long serialVersionUID = 1L;

    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> values = new LinkedHashMap<>();

    /**
     * Adds a tensor (row-major values; 1-D or 2-D). Throws IllegalArgumentException naming the tensor
     * when it exists already or the values do not fill the shape.
     */
    public InMemoryTensors put(String name, long[] shape, float[] data) {
        if (shapes.containsKey(name)) {
            throw new IllegalArgumentException("tensor " + name + " is already defined");
        }
        if (shape.length < 1 || shape.length > 2) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                    + " is not 1-D or 2-D");
        }
        long count = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                        + " has a dimension <= 0");
            }
            count = Math.multiplyExact(count, d);
        }
        if (count != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " needs "
                    + count + " values, got " + data.length);
        }
        shapes.put(name, shape.clone());
        values.put(name, data);
        return this;
    }

    /** The named tensors only (sharing their values): what one matrix's tasks need to carry. */
    public InMemoryTensors select(java.util.Collection<String> names) {
        InMemoryTensors out = new InMemoryTensors();
        for (String name : names) {
            out.put(name, shape(name), values.get(name));
        }
        return out;
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(shapes.keySet());
    }

    @Override
    public long[] shape(String name) {
        long[] s = shapes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        return s.clone();
    }

    @Override
    public void read(String name, long row0, int rows, long col0, int cols, float[] out) {
        long[] s = shape(name);
        long height = s.length == 1 ? 1 : s[0];
        long width = s.length == 1 ? s[0] : s[1];
        if (row0 < 0 || rows < 0 || col0 < 0 || cols < 0 || row0 + rows > height || col0 + cols > width) {
            throw new IndexOutOfBoundsException("tensor " + name + " " + Arrays.toString(s) + ": block rows ["
                    + row0 + ", " + (row0 + rows) + ") x cols [" + col0 + ", " + (col0 + cols) + ") is outside it");
        }
        float[] v = values.get(name);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(v, Math.toIntExact((row0 + r) * width + col0), out, r * cols, cols);
        }
    }
}
