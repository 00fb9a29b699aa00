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
     * y = a b for a (samples x rows) and b (rows x cols) already in native memory.
     *
     * <p>For a small batch the product is written column-major, which makes ND4J hand OpenBLAS the
     * transposed problem y<sup>T</sup> = b<sup>T</sup> a<sup>T</sup> with the tile in the position its
     * packing routine handles best, and is then transposed into the row-major result. On the development
     * machine (OpenBLAS, one thread, 512 x 512 tile) that gemm takes 184 instead of 237 us at batch 16, 257
     * instead of 312 us at batch 32 and 1391 instead of 1437 us at batch 256, while transposing the output
     * costs about 0.3 ns per element: a gain up to {@link #COLUMN_MAJOR_MAX_SAMPLES} samples, a wash
     * beyond. (Batches up to {@link #SMALL_BATCH_MAX_SAMPLES} never get here.)
     */
    static float[] multiply(INDArray a, INDArray b) {
        int samples = Math.toIntExact(a.rows());
        int cols = Math.toIntExact(b.columns());
        boolean transposed = samples <= COLUMN_MAJOR_MAX_SAMPLES;
        INDArray c = NativeArrays.borrow(samples, cols, transposed ? 'f' : 'c');
        try {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            float[] y = new float[samples * cols];
            if (!transposed) {
                c.data().asNioFloat().get(0, y);
                return y;
            }
            float[] t = COLUMN_MAJOR.get();
            if (t.length < y.length) {
                t = new float[y.length];
                COLUMN_MAJOR.set(t);
            }
            c.data().asNioFloat().get(0, t, 0, y.length);
            for (int s = 0; s < samples; s++) {
                int row = s * cols;
                for (int j = 0; j < cols; j++) {
                    y[row + j] = t[j * samples + s];
                }
            }
            return y;
        } finally {
            NativeArrays.release(c);
        }
    }

    /**
     * Largest batch multiplied by {@link SmallBatchProduct} rather than {@code Nd4j.gemm}. Measured on the
     * development machine (one thread, 512 x 512, gemm with its faster column-major output, tile already in
     * native memory): 62 / 110 / 230 / 350 / 480 us against 130-146 / 172-185 / 250-253 / 332-339 / 414-423
     * us at 8 / 16 / 32 / 48 / 64 samples; the heap loop also spares copying the tile (26 us), so it wins up
     * to 32 samples and ties at 48.
     */
    public static final int SMALL_BATCH_MAX_SAMPLES = 32;

    /** Largest batch whose product is formed column-major (measured, see {@link #multiply(INDArray, INDArray)}). */
    static final int COLUMN_MAJOR_MAX_SAMPLES = 64;
    private static final ThreadLocal<float[]> COLUMN_MAJOR = ThreadLocal.withInitial(() -> new float[0]);

    private static void checkShape(float[] a, long expected, String name) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " has " + a.length + " elements, expected " + expected);
        }
    }
}
