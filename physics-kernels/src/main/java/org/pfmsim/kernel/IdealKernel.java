package org.pfmsim.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The digital model's matrix product y = x W, the reference every physical read is compared with.
 * Shapes: x is samples x rows, W is rows x cols, y is samples x cols, all row-major float32.
 * Up to {@link #SMALL_BATCH_MAX_SAMPLES} samples by {@link SmallBatchProduct} on the heap arrays; beyond,
 * {@code Nd4j.gemm} into a preallocated output (the fast path, STACK.md section 4.2), with native buffers
 * from {@link NativeArrays}.
 */
public final class IdealKernel {
    private IdealKernel() {
    }

    public static float[] multiply(float[] x, int samples, int rows, float[] w, int cols) {
        checkShape(x, (long) samples * rows, "x");
        checkShape(w, (long) rows * cols, "W");
        if (samples <= SMALL_BATCH_MAX_SAMPLES) {
            return SmallBatchProduct.multiply(x, samples, rows, w, cols);
        }
        INDArray a = NativeArrays.borrow(x, samples, rows);
        INDArray b = NativeArrays.borrow(w, rows, cols);
        try {
            return multiply(a, b);
        } finally {
            NativeArrays.release(a);
            NativeArrays.release(b);
        }
    }

    /**
     * y = a b for a (samples x rows) and b (rows x cols) already in native memory: a large batch (beyond
     * {@link #SMALL_BATCH_MAX_SAMPLES}), where gemm is the faster product.
     */
    static float[] multiply(INDArray a, INDArray b) {
        int samples = Math.toIntExact(a.rows());
        int cols = Math.toIntExact(b.columns());
        INDArray c = NativeArrays.borrow(samples, cols);
        try {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            float[] y = new float[samples * cols];
            c.data().asNioFloat().get(0, y);
            return y;
        } finally {
            NativeArrays.release(c);
        }
    }

    /**
     * Largest batch multiplied by {@link SmallBatchProduct} rather than {@code Nd4j.gemm}. Measured on the
     * development machine (one thread, 512 x 512; gemm with its faster, column-major output and the tile
     * already in native memory): 53-59 / 94-105 / 193-211 / 293-308 / 400-417 us against 130-150 / 171-176 /
     * 250-252 / 331-333 / 411-414 us at 8 / 16 / 32 / 48 / 64 samples: faster up to 48, level at 64, where
     * it still spares copying the tile into native memory (26 us) and transposing gemm's output. At 96 to
     * 256 samples gemm was faster (0.6-0.7 of the heap loop's time with its earlier 16-accumulator form).
     */
    public static final int SMALL_BATCH_MAX_SAMPLES = 64;

    private static void checkShape(float[] a, long expected, String name) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " has " + a.length + " elements, expected " + expected);
        }
    }
}
