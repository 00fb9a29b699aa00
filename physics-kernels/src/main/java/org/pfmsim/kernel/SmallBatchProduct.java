package org.pfmsim.kernel;

/**
 * y = x W for a small batch, in Java, on the heap arrays the tile already lives in: x is samples x rows,
 * W rows x cols, y samples x cols, all row-major float32.
 *
 * <p>Each output is the sum over rows in ascending order of fused multiply-adds, y[s, j] = fma(x[s, i],
 * W[i, j], y[s, j]) for i = 0, 1, ..., from 0: one fixed order, so the product is the same to the bit on
 * every machine and with or without SIMD ({@link SmallBatchVector}; tests compare the two), unlike a BLAS
 * whose blocking depends on the CPU it detects.
 *
 * <p>Why not ND4J at small batch: measured, this loop is faster there, and it spares copying every tile into
 * native memory (1 MB and about 26 us for 512 x 512). On the development machine (Zen 4, one thread, 512 x 512) this
 * loop takes 94-105 us at 16 samples and 193-211 us at 32 against 171-176 and 250-252 us for
 * {@code Nd4j.gemm} with its faster (column-major) output; at large batches gemm is faster, see
 * {@link IdealKernel#SMALL_BATCH_MAX_SAMPLES}.
 */
public final class SmallBatchProduct {
    private SmallBatchProduct() {
    }

    /** y = x W (see the class comment), SIMD when the JVM allows. */
    public static float[] multiply(float[] x, int samples, int rows, float[] w, int cols) {
        return multiply(x, samples, rows, w, cols, Simd.ENABLED);
    }

    /** As above, with the SIMD loop on or off (identical results). */
    static float[] multiply(float[] x, int samples, int rows, float[] w, int cols, boolean simd) {
        float[] y;
        int done = 0;
        if (simd) {
            int padded = (samples + SmallBatchVector.SAMPLES - 1) / SmallBatchVector.SAMPLES * SmallBatchVector.SAMPLES;
            float[] xT = transposed(x, samples, rows, padded);
            // The vector loop fills whole blocks of eight samples: the padding samples' rows, at the end, are
            // cut off (no copy when the batch is a multiple of eight).
            y = new float[padded * cols];
            done = SmallBatchVector.multiply(xT, padded, rows, w, cols, y);
            if (padded != samples) {
                y = java.util.Arrays.copyOf(y, samples * cols);
            }
        } else {
            y = new float[samples * cols];
        }
        if (done < cols) {
            // Row by row: y[s, j] gets x[s, i] W[i, j] for i = 0, 1, ..., the vector loop's order.
            for (int s = 0; s < samples; s++) {
                int out = s * cols;
                for (int i = 0; i < rows; i++) {
                    float xi = x[s * rows + i];
                    int wi = i * cols;
                    for (int j = done; j < cols; j++) {
                        y[out + j] = Math.fma(xi, w[wi + j], y[out + j]);
                    }
                }
            }
        }
        return y;
    }

    /** xT[i padded + s] = x[s, i], zero for the padding samples; per thread, reused. */
    private static float[] transposed(float[] x, int samples, int rows, int padded) {
        float[] t = TRANSPOSED.get();
        if (t.length < rows * padded) {
            t = new float[rows * padded];
            TRANSPOSED.set(t);
        }
        for (int i = 0; i < rows; i++) {
            int base = i * padded;
            for (int s = 0; s < samples; s++) {
                t[base + s] = x[s * rows + i];
            }
            for (int s = samples; s < padded; s++) {
                t[base + s] = 0f;
            }
        }
        return t;
    }

    private static final ThreadLocal<float[]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[0]);
}
