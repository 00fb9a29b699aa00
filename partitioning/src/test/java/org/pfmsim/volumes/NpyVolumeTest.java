package org.pfmsim.volumes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.config.ConfigException;

/**
 * Volumes from .npy files: files as NumPy writes them load (every version, dtype and byte order); malformed,
 * truncated or lying ones, and arrays that are not volumes, fail with one line from the project's one .npy
 * validator ({@code NpyFile}) naming the key and the file.
 */
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

    private static final String KEY = "platform.glass-volume.volume.path";

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
            NpyVolume v = NpyVolume.open(KEY, f);
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
            float[] viaUri = new float[expected.length];
            NpyVolume.open(KEY, Path.of(f).toUri().toString()).read(0, 0, 0, nx, ny, nz, viaUri);
            assertArrayEquals(expected, viaUri, "the same file as a Hadoop file: URI");
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
                {"magic", "a .npy file (it does not start with \\x93NUMPY)"},
                {"version", "a .npy file of format version 1, 2 or 3 (this one is 9)"},
                {"header", "a .npy header of at most 10000 bytes inside the file (it declares 32767 bytes; the file"
                        + " has 368)"},
                {"truncated", "a complete .npy file (shape [3, 4, 5] needs 368 bytes; the file has 328)"},
                {"lying", "a complete .npy file (shape [3, 4, 6] needs 416 bytes; the file has 368)"},
                {"trailing", "a complete .npy file (shape [3, 4, 4] needs 320 bytes; the file has 368)"},
                {"fortran", "a .npy array in C order (this one is fortran_order; save it with numpy.ascontiguousarray)"},
                {"2d", "a 3-D float32 or float64 array (z, y, x) with every axis 1 to 2147483647 (this one is"
                        + " float32 [12, 5])"},
                {"int", "a 3-D float32 or float64 array (z, y, x) with every axis 1 to 2147483647 (this one is"
                        + " int32 [3, 4, 5])"},
                {"negative", "a .npy shape of dimensions 0 to 2^63 - 1 (-4)"},
                {"noshape", "a .npy header dict with exactly 'descr', 'fortran_order' and 'shape'"},
                {"short", "a complete .npy file (it ends after 9 bytes, inside the 10-byte preamble)"},
                {"cut", "a complete .npy file (it ends after 7 bytes, inside the 10-byte preamble)"},
                {"empty", "a 3-D float32 or float64 array (z, y, x) with every axis 1 to 2147483647 (this one is"
                        + " float32 [3, 0, 5])"},
                {"wide", "a 3-D float32 or float64 array (z, y, x) with every axis 1 to 2147483647 (this one is"
                        + " float32 [1, 1, 4294967296])"},
        };
        byte[][] files = {
                notNpy, version9, hugeHeader, Arrays.copyOf(good, good.length - 40),
                npy("<f4", false, "3, 4, 6", 1, data), npy("<f4", false, "3, 4, 4", 1, data),
                npy("<f4", true, "3, 4, 5", 1, data), npy("<f4", false, "12, 5", 1, data),
                npy("<i4", false, "3, 4, 5", 1, data), npy("<f4", false, "3, -4, 5", 1, data),
                npy("<f4", false, "3, 4, 5", 1, data).clone(), Arrays.copyOf(good, 9), Arrays.copyOf(good, 7),
                npy("<f4", false, "3, 0, 5", 1, new byte[0]), null};
        String noShape = new String(files[10], StandardCharsets.ISO_8859_1).replace("'shape'", "'shope'");
        files[10] = noShape.getBytes(StandardCharsets.ISO_8859_1);
        // 2^32 float32 voxels in one row: declared, and the file really is that long (sparse, no disk used)
        Path wide = dir.resolve("wide.npy");
        Files.write(wide, npy("<f4", false, "1, 1, 4294967296", 1, new byte[0]));
        try (RandomAccessFile r = new RandomAccessFile(wide.toFile(), "rw")) {
            r.setLength(r.length() + 4L * 4294967296L);
        }
        for (int i = 0; i < cases.length; i++) {
            String f = files[i] == null ? dir.resolve(cases[i][0] + ".npy").toString() : write(cases[i][0] + ".npy", files[i]);
            ConfigException e = assertThrows(ConfigException.class, () -> NpyVolume.open(KEY, f), cases[i][0]);
            assertEquals(KEY + " = " + f + ": allowed " + cases[i][1], e.getMessage());
        }
        String missing = dir.resolve("missing.npy").toString();
        assertEquals(KEY + " = " + missing + ": allowed an existing .npy file (there is no such file)",
                assertThrows(ConfigException.class, () -> NpyVolume.open(KEY, missing)).getMessage());
        assertEquals(KEY + " = " + dir + ": allowed an existing .npy file (this is a directory)",
                assertThrows(ConfigException.class, () -> NpyVolume.open(KEY, dir.toString())).getMessage());
    }

    @Test
    void aNonFiniteVoxelIsRefusedWhenItsBlockIsReadNamingTheVoxel() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * 3 * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 24; i++) {
            b.putFloat(i == (1 * 3 + 2) * 4 + 1 ? Float.NaN : 1e-3f);
        }
        String f = write("nan.npy", npy("<f4", false, "2, 3, 4", 1, b.array()));
        NpyVolume v = NpyVolume.open(KEY, f);
        float[] clean = new float[2 * 3 * 4];
        v.read(0, 0, 0, 4, 3, 1, clean); // slice z = 0 holds no NaN
        assertEquals(KEY + " = " + f + ": allowed finite index contrast (voxel x 1, y 2, z 1 is NaN)",
                assertThrows(ConfigException.class, () -> v.read(-2, 1, 1, 4, 4, 1, clean)).getMessage());
    }
}
