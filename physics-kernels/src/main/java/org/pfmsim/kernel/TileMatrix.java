package org.pfmsim.kernel;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A programmed tile's matrix M (rows x cols, float32, row-major, on the heap) and its products y = x M by
 * the kernels of {@link IdealKernel}: a small batch by {@link SmallBatchProduct} straight from the heap
 * array, a large one by {@code Nd4j.gemm} on a native copy made at the first large read and kept until
 * {@link #close}. A tile
 * read once at a small batch (every tile of a forward pass) is thus never copied into native memory.
 *
 * <p>{@link #blank} matrices come from a per-thread pool and go back to it on close, so a forward pass
 * that programs one tile after another reuses the same few megabytes instead of allocating (and zeroing)
 * a fresh array per tile.
 */
public final class TileMatrix implements AutoCloseable {
    static final int PER_SIZE = 4;
    private static final ThreadLocal<Map<Integer, ArrayDeque<float[]>>> POOL = ThreadLocal.withInitial(HashMap::new);

    private final float[] values;
    private final int rows;
    private final int cols;
    private final boolean pooled;
    private INDArray nativeCopy;
    private boolean closed;

    private TileMatrix(float[] values, int rows, int cols, boolean pooled) {
        if (rows < 1 || cols < 1 || values.length < (long) rows * cols) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + " x " + cols + " matrix");
        }
        this.values = values;
        this.rows = rows;
        this.cols = cols;
        this.pooled = pooled;
    }

    /** A matrix of undefined contents, which the caller fills through {@link #values()} before any product. */
    public static TileMatrix blank(int rows, int cols) {
        ArrayDeque<float[]> idle = POOL.get().get(rows * cols);
        float[] a = idle == null ? null : idle.poll();
        return new TileMatrix(a != null ? a : new float[rows * cols], rows, cols, true);
    }

    /** A copy of the first rows x cols of {@code values}. */
    public static TileMatrix copyOf(float[] values, int rows, int cols) {
        TileMatrix m = blank(rows, cols);
        System.arraycopy(values, 0, m.values, 0, rows * cols);
        return m;
    }

    /** Takes {@code values} (its first rows x cols) as the matrix: the caller must not change it afterwards. */
    public static TileMatrix adopt(float[] values, int rows, int cols) {
        return new TileMatrix(values, rows, cols, false);
    }

    /** The matrix, row-major, the first rows x cols values: written only before the first product. */
    public float[] values() {
        return values;
    }

    /** y = x M for x of {@code samples} x rows (its first samples x rows values), row-major. */
    public float[] multiply(float[] x, int samples) {
        if (closed) {
            throw new IllegalStateException("tile matrix used after close");
        }
        if (samples < 1 || x.length < (long) samples * rows) {
            throw new IllegalArgumentException("inputs have " + x.length + " values, expected " + samples + " x "
                    + rows);
        }
        if (samples <= IdealKernel.SMALL_BATCH_MAX_SAMPLES) {
            return SmallBatchProduct.multiply(x, samples, rows, values, cols);
        }
        if (nativeCopy == null) {
            nativeCopy = NativeArrays.borrow(values, rows, cols);
        }
        INDArray a = NativeArrays.borrow(x, samples, rows);
        try {
            return IdealKernel.multiply(a, nativeCopy);
        } finally {
            NativeArrays.release(a);
        }
    }

    /** Returns the native copy, and a pooled array to its thread's pool; the matrix must not be used afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (nativeCopy != null) {
            NativeArrays.release(nativeCopy);
            nativeCopy = null;
        }
        if (pooled) {
            ArrayDeque<float[]> idle = POOL.get().computeIfAbsent(values.length, k -> new ArrayDeque<>());
            if (idle.size() < PER_SIZE) {
                idle.push(values);
            }
        }
    }
}
