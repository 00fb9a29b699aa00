package org.pfmsim.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The digital model's matrix product y = x W, the reference every physical read is compared with.
 * Shapes: x is samples x rows, W is rows x cols, y is samples x cols, all row-major float32.
 * Uses {@code Nd4j.gemm} into a preallocated output (the fast path, STACK.md section 4.2), with native
 * buffers from {@link NativeArrays}.
 */
public final class IdealKernel {
    private IdealKernel() {
    }

    public static float[] multiply(float[] x, int samples, int rows, float[] w, int cols) {
        checkShape(x, (long) samples * rows, "x");
        checkShape(w, (long) rows * cols, "W");
        INDArray a = NativeArrays.borrow(x, samples, rows);
        INDArray b = NativeArrays.borrow(w, rows, cols);
        try {
            return multiply(a, b);
        } finally {
            NativeArrays.release(a);
            NativeArrays.release(b);
        }
    }

    /** y = a b for a (samples x rows) and b (rows x cols) already in native memory. */
    public static float[] multiply(INDArray a, INDArray b) {
        INDArray c = NativeArrays.borrow(a.rows(), b.columns());
        try {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            float[] y = new float[Math.toIntExact(c.length())];
            c.data().asNioFloat().get(0, y);
            return y;
        } finally {
            NativeArrays.release(c);
        }
    }

    private static void checkShape(float[] a, long expected, String name) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " has " + a.length + " elements, expected " + expected);
        }
    }
}
