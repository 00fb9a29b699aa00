package org.pfmsim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading checkpoints (the project's writer and a file built from the specification) and block reads. */
class SafetensorsSourceTest {
    @TempDir
    Path dir;

    /** A file assembled byte by byte from the format description, values chosen to be exact. */
    @Test
    void aFileBuiltFromTheSpecificationLoadsWithExactValues() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[16,26]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[26,32]}}";
        byte[] data = CheckpointFiles.bytes(
                0x00, 0x00, 0x80, 0x3f,   // F32 1.0 = 0x3f800000, little-endian
                0x00, 0x00, 0x20, 0xc0,   // -2.5 = 0xc0200000
                0x00, 0x00, 0x20, 0x3e,   // 0.15625 = 0x3e200000
                0x01, 0x00, 0x00, 0x00,   // the smallest float32 subnormal, 2^-149
                0x00, 0x3c,               // F16 1.0 = 0x3c00
                0x01, 0x00,               // F16 smallest subnormal 2^-24
                0xff, 0x7b,               // F16 65504, largest finite
                0x00, 0xfc,               // F16 -infinity
                0x00, 0x7e,               // F16 NaN
                0x80, 0x3f,               // BF16 1.0 = 0x3f80
                0x49, 0xc0,               // BF16 -3.140625 = 0xc049
                0x01, 0x00);              // BF16 2^-133 (a float32 subnormal)
        Path file = CheckpointFiles.write(dir.resolve("spec.safetensors"), header, data);
        SafetensorsSource source = SafetensorsSource.open(file.toString());
        assertEquals(List.of("w", "h", "b"), source.names());
        assertEquals(Map.of("format", "pt"), source.header().metadata());
        assertArrayEquals(new long[] {2, 2}, source.shape("w"));
        assertArrayEquals(new float[] {1f, -2.5f, 0.15625f, Float.MIN_VALUE}, read(source, "w", 2, 2));
        assertArrayEquals(new float[] {1f, 0x1p-24f, 65504f}, read(source, "h", 1, 3));
        // -infinity and NaN decode exactly (HalfFloatsTest), but a weight that is not finite is refused where read
        assertEquals("checkpoint " + file + ": tensor h: element [3] is -Infinity; weights must be finite",
                assertThrows(MalformedCheckpointException.class, () -> read(source, "h", 1, 5)).getMessage());
        assertArrayEquals(new float[] {1f, -3.140625f, 0x1p-133f}, read(source, "b", 1, 3));
    }

    @Test
    void theProjectsWriterRoundTripsEveryDtypeExactlyThroughAFileUri() {
        float[] f32 = {0.1f, -7.25f, 3e-38f, Float.MIN_VALUE, -0f, 1e30f};
        float[] f16 = {1f, -0.5f, 65504f, 0x1p-24f, 0.333251953125f, -1024f}; // all exactly representable
        float[] bf16 = {1f, -3.140625f, 0x1p-133f, 0x1.fep127f, -2f, 0.0078125f}; // 0x1.fep127 = largest finite
        String uri = dir.resolve("writer.safetensors").toUri().toString();
        assertTrue(uri.startsWith("file:"));
        new SafetensorsWriter().metadata("made-by", "test")
                .add("a", DType.F32, new long[] {2, 3}, f32)
                .add("b", DType.F16, new long[] {3, 2}, f16)
                .add("c", DType.BF16, new long[] {6}, bf16)
                .add("empty", DType.F32, new long[] {0, 4}, new float[0])
                .write(uri);
        SafetensorsSource source = SafetensorsSource.open(uri);
        assertEquals(List.of("a", "b", "c", "empty"), source.names());
        assertEquals("test", source.header().metadata().get("made-by"));
        assertEquals(0, (8 + source.header().headerLength()) % 8, "data area aligned to 8 bytes");
        assertEquals(DType.F16, source.tensor("b").dtype());
        assertArrayEquals(f32, read(source, "a", 2, 3));
        assertArrayEquals(f16, read(source, "b", 3, 2));
        assertArrayEquals(bf16, read(source, "c", 1, 6));
    }

    @Test
    void blocksEqualTheSliceOfTheWholeTensorForEveryDtype() {
        int rows = 37;
        int cols = 23;
        float[] values = new float[rows * cols];
        for (int k = 0; k < values.length; k++) {
            values[k] = (k % 97 - 48) / 16f; // exact in every dtype
        }
        String file = dir.resolve("blocks.safetensors").toString();
        SafetensorsWriter writer = new SafetensorsWriter();
        for (DType d : DType.values()) {
            writer.add("t." + d, d, new long[] {rows, cols}, values);
        }
        writer.write(file);
        SafetensorsSource source = SafetensorsSource.open(file);
        for (DType d : DType.values()) {
            assertArrayEquals(values, read(source, "t." + d, rows, cols));
            int[][] blocks = {{0, 5, 0, 7}, {30, 7, 16, 7}, {11, 13, 0, 23}, {36, 1, 22, 1}, {5, 20, 3, 11}};
            for (int[] b : blocks) {
                float[] block = new float[b[1] * b[3]];
                source.read("t." + d, b[0], b[1], b[2], b[3], block);
                for (int i = 0; i < b[1]; i++) {
                    for (int j = 0; j < b[3]; j++) {
                        assertEquals(values[(b[0] + i) * cols + b[2] + j], block[i * b[3] + j], d + " block "
                                + java.util.Arrays.toString(b) + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    /** Counted by Hadoop's own per-thread statistics of the local file system: what really left the disk. */
    @Test
    @SuppressWarnings("deprecation")
    void aBlockReadsOnlyItsByteRanges() {
        int rows = 64;
        int cols = 48;
        String file = dir.resolve("ranges.safetensors").toString();
        new SafetensorsWriter().add("w", DType.F16, new long[] {rows, cols}, new float[rows * cols]).write(file);
        SafetensorsSource source = SafetensorsSource.open(file);
        FileSystem.Statistics.StatisticsData thread = FileSystem.getStatistics("file", RawLocalFileSystem.class)
                .getThreadStatistics();

        long before = thread.getBytesRead();
        source.read("w", 10, 5, 7, 3, new float[15]);
        assertEquals(5 * 3 * 2, thread.getBytesRead() - before, "5 rows of 3 F16 elements");

        before = thread.getBytesRead();
        source.read("w", 20, 4, 0, cols, new float[4 * cols]);
        assertEquals(4 * cols * 2, thread.getBytesRead() - before, "whole rows: exactly their bytes");
    }

    @Test
    void aSourceSurvivesJavaSerializationAndReadsTheSameBlocks() throws Exception {
        String file = dir.resolve("ser.safetensors").toString();
        float[] values = {1, 2, 3, 4, 5, 6};
        new SafetensorsWriter().add("w", DType.BF16, new long[] {2, 3}, values).write(file);
        SafetensorsSource source = SafetensorsSource.open(file);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(source);
        }
        SafetensorsSource copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SafetensorsSource) in.readObject();
        }
        assertEquals(source.header(), copy.header());
        assertArrayEquals(values, read(copy, "w", 2, 3));
    }

    @Test
    void blocksOutsideTheTensorAndUnknownNamesAreRefusedNamingThem() {
        String file = dir.resolve("bounds.safetensors").toString();
        new SafetensorsWriter().add("w", DType.F32, new long[] {2, 3}, new float[6])
                .add("s", DType.F32, new long[] {1, 1, 1}, new float[1]).write(file);
        SafetensorsSource source = SafetensorsSource.open(file);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> source.read("w", 1, 2, 0, 3, new float[6]));
        assertEquals("checkpoint " + file + ": tensor w [2, 3]: block rows [1, 3) x cols [0, 3) into 6 floats",
                e.getMessage());
        assertEquals("checkpoint " + file + " has no tensor v",
                assertThrows(IllegalArgumentException.class, () -> source.shape("v")).getMessage());
        assertEquals("checkpoint " + file + ": tensor s has shape [1, 1, 1]; blocks are read from 1-D and 2-D "
                + "tensors only", assertThrows(IllegalArgumentException.class,
                        () -> source.read("s", 0, 1, 0, 1, new float[1])).getMessage());
    }

    @Test
    void aFileCutShortAfterItsHeaderWasReadIsReportedNamingTheTensor() throws IOException {
        Path file = dir.resolve("shrinks.safetensors");
        new SafetensorsWriter().add("a", DType.F32, new long[] {2, 2}, new float[4])
                .add("b", DType.F32, new long[] {2, 2}, new float[4]).write(file.toString());
        SafetensorsSource source = SafetensorsSource.open(file.toString());
        long dataStart = 8 + source.header().headerLength();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(dataStart + 20); // b's second row is gone
        }
        assertArrayEquals(new float[4], read(source, "a", 2, 2), "what is still there reads");
        MalformedCheckpointException e = assertThrows(MalformedCheckpointException.class,
                () -> source.read("b", 1, 1, 0, 2, new float[2]));
        assertEquals("checkpoint " + file + ": tensor b: file ends before byte " + (dataStart + 32)
                + " (was it truncated or replaced after its header was read?)", e.getMessage());
    }

    private static float[] read(SafetensorsSource source, String name, int rows, int cols) {
        float[] out = new float[rows * cols];
        source.read(name, 0, rows, 0, cols, out);
        return out;
    }
}
