package org.pfmsim.glass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.config.ConfigException;

/** The .npy reader: files as NumPy writes them load; malformed, truncated or lying ones fail with one line. */
class NpyVolumeTest {
    @TempDir
    Path dir;

    /** Bytes of a .npy file as numpy.save writes them (version 1.0, header padded to 64 bytes). */
    static byte[] npy(String descr, boolean fortran, String shape, int major, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + shape + "), }";
        int preamble = major == 1 ? 10 : 12;
        int padded = ((preamble + dict.length() + 1 + 63) / 64) * 64 - preamble;
        String header = dict + " ".repeat(padded - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(preamble + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) padded);
        } else {
            b.putInt(padded);
        }
        b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    static byte[] values(int count, int itemBytes, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(count * itemBytes).order(order);
        for (int i = 0; i < count; i++) {
            if (itemBytes == 4) {
                b.putFloat((float) (i * 1e-4));
            } else {
                b.putDouble(i * 1e-4);
            }
        }
        return b.array();
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    @Test
    void float32AndFloat64FilesOfEitherEndiannessAndEveryVersionLoad() throws IOException {
        int nz = 3;
        int ny = 4;
        int nx = 5;
        float[] expected = new float[nz * ny * nx];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (i * 1e-4);
        }
        String[][] cases = {{"<f4", "1"}, {"<f8", "1"}, {">f4", "2"}, {">f8", "3"}};
        for (String[] c : cases) {
            ByteOrder order = c[0].startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int item = c[0].endsWith("4") ? 4 : 8;
            String f = write("v" + c[0].substring(1) + c[1] + ".npy",
                    npy(c[0], false, nz + ", " + ny + ", " + nx, Integer.parseInt(c[1]), values(60, item, order)));
            NpyVolume v = NpyVolume.open(f);
            assertEquals(nx, v.sizeX());
            assertEquals(ny, v.sizeY());
            assertEquals(nz, v.sizeZ());
            float[] all = new float[expected.length];
            v.read(0, 0, 0, nx, ny, nz, all);
            assertArrayEquals(expected, all, c[0] + " v" + c[1]);
            float[] block = new float[4 * 2 * 2];
            v.read(3, -1, 2, 4, 2, 2, block); // x 3..6 (5, 6 outside), y -1..0, z 2..3 (3 outside)
            float[] want = new float[16];
            want[4] = expected[(2 * ny) * nx + 3];
            want[5] = expected[(2 * ny) * nx + 4];
            assertArrayEquals(want, block, c[0] + " block");
        }
    }

    @Test
    void malformedTruncatedAndLyingFilesFailWithOneLine() throws IOException {
        byte[] data = values(60, 4, ByteOrder.LITTLE_ENDIAN);
        byte[] good = npy("<f4", false, "3, 4, 5", 1, data);
        byte[] notNpy = good.clone();
        notNpy[1] = 'X';
        byte[] version9 = good.clone();
        version9[6] = 9;
        byte[] hugeHeader = good.clone();
        hugeHeader[8] = (byte) 0xFF;
        hugeHeader[9] = (byte) 0x7F;
        String[][] cases = {
                {"magic", null, "not a NumPy .npy file (no \\x93NUMPY magic)"},
                {"version", null, "unsupported .npy format version 9.0 (1.0 to 3.0)"},
                {"header", null, "header length 32767 runs past the end of the 368-byte file"},
                {"truncated", null, "header says shape (3, 4, 5) of <f4 = 240 data bytes but the file holds 200 (truncated)"},
                {"lying", null, "header says shape (3, 4, 6) of <f4 = 288 data bytes but the file holds 240 (truncated)"},
                {"trailing", null, "header says shape (3, 4, 4) of <f4 = 192 data bytes but the file holds 240 (trailing bytes)"},
                {"fortran", null, "Fortran-ordered array; save a C-ordered one (numpy.ascontiguousarray)"},
                {"2d", null, "shape (12, 5) is not 3-D (z, y, x)"},
                {"int", null, "dtype '<i4' is not float32 or float64 ('<f4', '>f4', '<f8', '>f8')"},
                {"negative", null, "shape (3, -4, 5) has an empty or oversized axis"},
                {"noshape", null, "header has no valid 'shape' entry"},
                {"short", null, "file ends after 7 bytes, inside the header"},
        };
        byte[][] files = {
                notNpy, version9, hugeHeader, Arrays.copyOf(good, good.length - 40),
                npy("<f4", false, "3, 4, 6", 1, data), npy("<f4", false, "3, 4, 4", 1, data),
                npy("<f4", true, "3, 4, 5", 1, data), npy("<f4", false, "12, 5", 1, data),
                npy("<i4", false, "3, 4, 5", 1, data), npy("<f4", false, "3, -4, 5", 1, data),
                npy("<f4", false, "3, 4, 5", 1, data).clone(), Arrays.copyOf(good, 7)};
        String noShape = new String(files[10], StandardCharsets.ISO_8859_1).replace("'shape'", "'shope'");
        files[10] = noShape.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < cases.length; i++) {
            String f = write(cases[i][0] + ".npy", files[i]);
            ConfigException e = assertThrows(ConfigException.class, () -> NpyVolume.open(f), cases[i][0]);
            assertEquals("platform.glass-volume.volume.path = " + f + ": " + cases[i][2], e.getMessage());
        }
        String missing = dir.resolve("missing.npy").toString();
        assertEquals("platform.glass-volume.volume.path = " + missing + ": no such file",
                assertThrows(ConfigException.class, () -> NpyVolume.open(missing)).getMessage());
    }
}
