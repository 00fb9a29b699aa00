package org.pfmsim.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The digital model's matrix product y = x W, the reference every physical read is compared with.
 * Shapes: x is samples x rows, W is rows x cols, y is samples x cols, all row-major float32.
 * Uses {@code Nd4j.gemm} into a preallocated output (the fast path, STACK.md section 4.2).
 */
public final class IdealKernel {
    private IdealKernel() {
    }

    public static float[] multiply(float[] x, int samples, int rows, float[] w, int cols) {
        checkShape(x, (long) samples * rows, "x");
        checkShape(w, (long) rows * cols, "W");
        try (INDArray a = Nd4j.create(x, new long[] {samples, rows}, 'c');
             INDArray b = Nd4j.create(w, new long[] {rows, cols}, 'c')) {
            return multiply(a, b);
        }
    }

    /** y = a b for a (samples x rows) and b (rows x cols) already in native memory. */
    public static float[] multiply(INDArray a, INDArray b) {
        try (INDArray c = Nd4j.createUninitialized(DataType.FLOAT, a.rows(), b.columns())) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            return c.data().asFloat();
        }
    }

    private static void checkShape(float[] a, long expected, String name) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " has " + a.length + " elements, expected " + expected);
        }
    }
}
