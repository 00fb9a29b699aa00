package org.pfmsim.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.config.ConfigException;

/** .npy files built byte by byte from the NumPy format description: values, ids, and every refusal. */
class NpyFileTest {
    @TempDir
    Path dir;

    /** Magic, version, header length (2 bytes for 1.0, 4 for 2.0), dict padded to 64 bytes, then data. */
    private Path npy(String name, int major, String dict, byte[] data) throws IOException {
        int prefix = major == 1 ? 10 : 12;
        int unpadded = prefix + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(prefix + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return Files.write(dir.resolve(name), b.array());
    }

    private static byte[] le(ByteOrder order, int bytes, Number... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * bytes).order(order);
        for (Number v : values) {
            switch (bytes) {
                case 4 -> {
                    if (v instanceof Float f) {
                        b.putFloat(f);
                    } else {
                        b.putInt(v.intValue());
                    }
                }
                default -> {
                    if (v instanceof Double d) {
                        b.putDouble(d);
                    } else {
                        b.putLong(v.longValue());
                    }
                }
            }
        }
        return b.array();
    }

    private static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    @Test
    void float32AndBigEndianFloat64FeaturesReadExactlyAndOnlyTheRowsAskedFor() throws IOException {
        Path f4 = npy("f4.npy", 1, dict("<f4", "(3, 2)"), le(ByteOrder.LITTLE_ENDIAN, 4, 1f, -2f, 0.5f, 3f, 7f, 8f));
        FileInputs two = NpyFile.features("inputs.path", f4.toString(), 2);
        assertEquals(2, two.rows());
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 3f}, two.values());
        Path f8 = npy("f8.npy", 2, dict(">f8", "(1, 3)"), le(ByteOrder.BIG_ENDIAN, 8, 0.25, -1.5, 1e3));
        assertArrayEquals(new float[] {0.25f, -1.5f, 1000f}, NpyFile.features("inputs.path", f8.toString(), 10).values());
    }

    @Test
    void int32AndInt64TokenIds() throws IOException {
        Path i4 = npy("i4.npy", 1, dict("<i4", "(2, 3)"), le(ByteOrder.LITTLE_ENDIAN, 4, 5, 0, 50256, 7, 8, 9));
        NpyFile.Header h = NpyFile.header("inputs.path", i4.toString());
        assertArrayEquals(new long[] {2, 3}, h.shape());
        assertArrayEquals(new long[] {5, 0, 50256, 7, 8, 9}, NpyFile.ids("inputs.path", i4.toString(), h, 2));
        Path i8 = npy("i8.npy", 1, dict("<i8", "(4,)"), le(ByteOrder.LITTLE_ENDIAN, 8, 1L, 2L, 3L, 1L << 40));
        NpyFile.Header h8 = NpyFile.header("inputs.path", i8.toString());
        assertArrayEquals(new long[] {1, 2}, NpyFile.ids("inputs.path", i8.toString(), h8, 2));
    }

    private String refused(Path p) {
        return assertThrows(ConfigException.class, () -> NpyFile.features("inputs.path", p.toString(), 8)).getMessage();
    }

    @Test
    void nonFiniteValuesAreRefusedNamingRowAndColumn() throws IOException {
        Path p = npy("inf.npy", 1, dict("<f4", "(2, 3)"),
                le(ByteOrder.LITTLE_ENDIAN, 4, 1f, 2f, 3f, 4f, Float.POSITIVE_INFINITY, 6f));
        assertEquals("inputs.path = " + p + ": allowed finite inputs (row 1, column 1 is Infinity)", refused(p));
    }

    @Test
    void malformedFilesAreRefusedWithOneLine() throws IOException {
        Path notNpy = Files.write(dir.resolve("x.npy"), "hello world!".getBytes(StandardCharsets.US_ASCII));
        assertEquals("inputs.path = " + notNpy + ": allowed a .npy file (it does not start with \\x93NUMPY)",
                refused(notNpy));
        Path missing = dir.resolve("missing.npy");
        assertEquals("inputs.path = " + missing + ": allowed an existing .npy file (there is no such file)",
                refused(missing));
        Path complex = npy("c.npy", 1, dict("<c8", "(1, 1)"), new byte[8]);
        assertEquals("inputs.path = " + complex + ": allowed a .npy array of float32, float64, int32 or int64 "
                + "(descr not supported)", refused(complex));
        Path fortran = npy("f.npy", 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", new byte[4]);
        assertEquals("inputs.path = " + fortran + ": allowed a .npy array in C order (this one is fortran_order; "
                + "save it with numpy.ascontiguousarray)", refused(fortran));
        Path extra = npy("e.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), 'x': 1}", new byte[4]);
        assertEquals("inputs.path = " + extra + ": allowed a .npy header dict with exactly 'descr', 'fortran_order' "
                + "and 'shape'", refused(extra));
        Path truncated = npy("t.npy", 1, dict("<f4", "(2, 2)"), new byte[12]);
        assertEquals("inputs.path = " + truncated + ": allowed a complete .npy file (shape [2, 2] needs 144 bytes; "
                + "the file has 140)", refused(truncated));
        Path oneD = npy("v.npy", 1, dict("<f4", "(3,)"), new byte[12]);
        assertEquals("inputs.path = " + oneD + ": allowed a 2-D float32 or float64 array [batch, width] (this one is "
                + "float32 [3])", refused(oneD));
        ByteBuffer huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(Integer.MAX_VALUE);
        Path lying = Files.write(dir.resolve("h.npy"), huge.array());
        assertEquals("inputs.path = " + lying + ": allowed a .npy header of at most 10000 bytes inside the file "
                + "(it declares 2147483647 bytes; the file has 16)", refused(lying));
    }
}
