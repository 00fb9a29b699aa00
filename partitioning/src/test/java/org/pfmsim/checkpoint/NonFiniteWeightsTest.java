package org.pfmsim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NaN or infinite weight is refused as the block holding it is read, naming the tensor and the element's
 * index in the tensor (not in the block), for every dtype; blocks that do not hold it read normally.
 */
class NonFiniteWeightsTest {
    @TempDir
    Path dir;

    private SafetensorsSource withBadElement(DType dtype, float bad) {
        float[] w = new float[6 * 10];
        for (int k = 0; k < w.length; k++) {
            w[k] = (k % 9 - 4) / 4f;
        }
        w[4 * 10 + 7] = bad; // element [4, 7]
        String file = dir.resolve(dtype + ".safetensors").toString();
        new SafetensorsWriter().add("w", dtype, new long[] {6, 10}, w)
                .add("b", dtype, new long[] {10}, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, bad}).write(file);
        return SafetensorsSource.open(file);
    }

    private static String refused(SafetensorsSource s, String name, long row0, int rows, long col0, int cols) {
        return assertThrows(MalformedCheckpointException.class,
                () -> s.read(name, row0, rows, col0, cols, new float[rows * cols])).getMessage();
    }

    @Test
    void nanInAnOffsetBlockIsNamedInTensorCoordinates() {
        SafetensorsSource s = withBadElement(DType.F32, Float.NaN);
        assertEquals("checkpoint " + s.location() + ": tensor w: element [4, 7] is NaN; weights must be finite",
                refused(s, "w", 3, 2, 5, 4));
        assertEquals("checkpoint " + s.location() + ": tensor w: element [4, 7] is NaN; weights must be finite",
                refused(s, "w", 0, 6, 0, 10), "a block of whole rows (one contiguous read)");
        float[] clean = new float[3 * 10];
        s.read("w", 0, 3, 0, 10, clean); // rows 0-2 hold no bad element
        assertEquals(-1f, clean[0]);
    }

    @Test
    void infinityInHalfPrecisionAndInABiasVector() {
        SafetensorsSource f16 = withBadElement(DType.F16, Float.POSITIVE_INFINITY);
        assertEquals("checkpoint " + f16.location() + ": tensor w: element [4, 7] is Infinity; weights must be finite",
                refused(f16, "w", 4, 1, 0, 10));
        assertEquals("checkpoint " + f16.location() + ": tensor b: element [9] is Infinity; weights must be finite",
                refused(f16, "b", 0, 1, 0, 10));
        SafetensorsSource bf16 = withBadElement(DType.BF16, Float.NEGATIVE_INFINITY);
        assertEquals("checkpoint " + bf16.location() + ": tensor w: element [4, 7] is -Infinity; weights must be "
                + "finite", refused(bf16, "w", 4, 2, 6, 2));
    }
}
