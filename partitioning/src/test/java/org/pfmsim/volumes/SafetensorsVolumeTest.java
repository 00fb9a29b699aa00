package org.pfmsim.volumes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.checkpoint.DType;
import org.pfmsim.checkpoint.SafetensorsWriter;
import org.pfmsim.config.ConfigException;
import org.pfmsim.glass.IndexVolume;

/** Volumes from a 3-D safetensors tensor [z, y, x]: block-exact reads in every dtype, and the refusals. */
class SafetensorsVolumeTest {
    private static final String PATH = "platform.glass-volume.volume.path";
    private static final String TENSOR = "platform.glass-volume.volume.tensor";
    private static final int NX = 9;
    private static final int NY = 7;
    private static final int NZ = 5;

    @TempDir
    Path dir;

    /** dn at (x, y, z): multiples of 2^-12 up to 48 x 2^-12, exact in F32, F16 and BF16 alike. */
    private static float dn(int x, int y, int z) {
        return (((x * 31 + y * 17 + z * 7) % 97) - 48) * 0x1p-12f;
    }

    private static float[] values() {
        float[] v = new float[NZ * NY * NX];
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    v[(z * NY + y) * NX + x] = dn(x, y, z);
                }
            }
        }
        return v;
    }

    private String checkpoint() {
        float[] v = values();
        String file = dir.resolve("volume.safetensors").toString();
        new SafetensorsWriter()
                .add("head.weight", DType.F32, new long[] {3, 2}, new float[6]) // so the volumes start past byte 0
                .add("dn.f32", DType.F32, new long[] {NZ, NY, NX}, v)
                .add("dn.f16", DType.F16, new long[] {NZ, NY, NX}, v)
                .add("dn.bf16", DType.BF16, new long[] {NZ, NY, NX}, v)
                .add("flat", DType.F32, new long[] {NY, NX}, new float[NY * NX])
                .add("empty", DType.F32, new long[] {NZ, 0, NX}, new float[0])
                .add("four", DType.F32, new long[] {1, NZ, NY, NX}, v)
                .write(file);
        return file;
    }

    private static float[] block(IndexVolume v, int x0, int y0, int z0, int w, int h, int d) {
        float[] out = new float[w * h * d];
        java.util.Arrays.fill(out, Float.NaN); // every voxel must be written, inside or outside the volume
        v.read(x0, y0, z0, w, h, d, out);
        return out;
    }

    @Test
    void anyBlockEqualsTheSameCutOfTheWholeVolumeInEveryDtype() {
        String file = checkpoint();
        int[][] blocks = {{0, 0, 0, NX, NY, NZ}, {2, 3, 1, 4, 2, 3}, {-3, -2, -1, 6, 5, 3}, {7, 5, 4, 5, 4, 3},
                {-4, 1, 0, NX + 8, 3, NZ}, {20, 0, 0, 2, 2, 2}, {0, 0, 5, 3, 3, 2}};
        for (String name : new String[] {"dn.f32", "dn.f16", "dn.bf16"}) {
            SafetensorsVolume v = SafetensorsVolume.open(PATH, file, TENSOR, name);
            assertEquals(NX, v.sizeX());
            assertEquals(NY, v.sizeY());
            assertEquals(NZ, v.sizeZ());
            assertArrayEquals(values(), block(v, 0, 0, 0, NX, NY, NZ), name + " whole");
            for (int[] b : blocks) {
                float[] want = new float[b[3] * b[4] * b[5]];
                for (int k = 0; k < b[5]; k++) {
                    for (int j = 0; j < b[4]; j++) {
                        for (int i = 0; i < b[3]; i++) {
                            int x = b[0] + i;
                            int y = b[1] + j;
                            int z = b[2] + k;
                            want[(k * b[4] + j) * b[3] + i] = v.contains(x, y, z) ? dn(x, y, z) : 0f;
                        }
                    }
                }
                assertArrayEquals(want, block(v, b[0], b[1], b[2], b[3], b[4], b[5]),
                        name + " block " + java.util.Arrays.toString(b));
            }
        }
    }

    @Test
    void aVolumeShippedToTasksReadsTheSameBlocks() throws IOException, ClassNotFoundException {
        SafetensorsVolume v = SafetensorsVolume.open(PATH, checkpoint(), TENSOR, "dn.bf16");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        }
        IndexVolume shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (IndexVolume) in.readObject();
        }
        assertArrayEquals(block(v, -1, 2, 1, 6, 6, 3), block(shipped, -1, 2, 1, 6, 6, 3));
    }

    @Test
    void absentFlatFourDimensionalEmptyAndMalformedTensorsAreRefusedWithOneLine() throws IOException {
        String file = checkpoint();
        String[][] cases = {
                {"dn", TENSOR + " = dn: allowed the name of a tensor in " + file + " (it holds head.weight, dn.f32,"
                        + " dn.f16, dn.bf16, flat, empty, four)"},
                {"flat", TENSOR + " = flat: allowed a 3-D tensor [z, y, x] with every axis 1 to 2147483647 (this one"
                        + " is F32 [7, 9])"},
                {"four", TENSOR + " = four: allowed a 3-D tensor [z, y, x] with every axis 1 to 2147483647 (this one"
                        + " is F32 [1, 5, 7, 9])"},
                {"empty", TENSOR + " = empty: allowed a 3-D tensor [z, y, x] with every axis 1 to 2147483647 (this"
                        + " one is F32 [5, 0, 9])"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], assertThrows(ConfigException.class,
                    () -> SafetensorsVolume.open(PATH, file, TENSOR, c[0])).getMessage(), c[0]);
        }
        String missing = dir.resolve("missing.safetensors").toString();
        assertEquals(PATH + ": checkpoint " + missing + ": no such file", assertThrows(ConfigException.class,
                () -> SafetensorsVolume.open(PATH, missing, TENSOR, "dn.f32")).getMessage());
        Path npy = Files.write(dir.resolve("not.safetensors"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        String message = assertThrows(ConfigException.class,
                () -> SafetensorsVolume.open(PATH, npy.toString(), TENSOR, "dn.f32")).getMessage();
        assertEquals(PATH + ": checkpoint " + npy + ": header length 379676406402707 bytes exceeds the limit of"
                + " 100000000 bytes", message, "a .npy file is not a safetensors file");
    }
}
