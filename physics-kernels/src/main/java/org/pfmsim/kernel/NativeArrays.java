package org.pfmsim.kernel;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A per-thread pool of native float matrices. Allocating off-heap memory through ND4J costs about as
 * much as the 512x512 product it would hold at batch 16 (measured: 360 us to create a 256x512 array
 * against 1.4 ms for its gemm), and every tile needs the same few shapes again, so arrays are borrowed
 * and returned instead. Each thread (Spark task slot) keeps at most {@link #PER_SHAPE} idle arrays per
 * shape; borrowed contents are undefined.
 */
public final class NativeArrays {
    static final int PER_SHAPE = 4;
    private static final ThreadLocal<Map<Long, ArrayDeque<INDArray>>> POOL = ThreadLocal.withInitial(HashMap::new);

    private NativeArrays() {
    }

    /** A c-order (row-major) float32 rows x cols matrix owned by the caller until {@link #release}. */
    public static INDArray borrow(long rows, long cols) {
        ArrayDeque<INDArray> idle = POOL.get().get(key(rows, cols));
        INDArray a = idle == null ? null : idle.poll();
        return a != null ? a : Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, cols}, 'c');
    }

    /** A borrowed matrix filled with the first rows x cols of {@code values} (row-major). */
    public static INDArray borrow(float[] values, long rows, long cols) {
        int n = Math.toIntExact(rows * cols);
        if (values.length < n) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + " x " + cols + " matrix");
        }
        INDArray a = borrow(rows, cols);
        a.data().asNioFloat().put(0, values, 0, n);
        return a;
    }

    /** Returns a borrowed matrix; it must not be used afterwards. */
    public static void release(INDArray a) {
        ArrayDeque<INDArray> idle = POOL.get().computeIfAbsent(key(a.rows(), a.columns()), k -> new ArrayDeque<>());
        if (idle.size() < PER_SHAPE) {
            idle.push(a);
        } else {
            a.close();
        }
    }

    private static long key(long rows, long cols) {
        return rows << 32 | cols;
    }
}
