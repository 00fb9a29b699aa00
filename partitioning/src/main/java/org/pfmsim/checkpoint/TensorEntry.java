package org.pfmsim.checkpoint;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One tensor of a safetensors header, validated.
 *
 * @param name   the tensor's name
 * @param dtype  element type in the file
 * @param shape  dimensions, C order (PyTorch: a linear weight is [out, in])
 * @param begin  first byte, relative to the start of the data area (the byte after the header)
 * @param end    one past the last byte, relative to the data area
 */
public record TensorEntry(String name, DType dtype, long[] shape, long begin, long end) implements Serializable {
    public TensorEntry {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements (1 for a scalar); validated not to overflow when the header was read. */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + shapeText() + " [" + begin + ", " + end + ")";
    }
}
