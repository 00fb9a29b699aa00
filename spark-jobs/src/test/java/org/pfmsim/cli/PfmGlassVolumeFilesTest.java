package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.checkpoint.DType;
import org.pfmsim.checkpoint.SafetensorsWriter;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;

/**
 * {@code pfm run} of a glass volume read from files: the same volume as .npy and as safetensors runs bit for
 * bit identically (at different partition counts); a non-finite voxel fails the run naming it; bad
 * safetensors volumes are refused with one line before any work.
 */
class PfmGlassVolumeFilesTest {
    private static final int NX = 48;
    private static final int NY = 40;
    private static final int NZ = 8;
    private static final String CONFIG = String.join("\n",
            "seed = 11",
            "batch.size = 2",
            "platform.kind = glass-volume",
            "platform.glass-volume { tile-voxels = 40, segment-slices = 4, inputs = 4, outputs = 4 }",
            "");

    @TempDir
    Path dir;

    /** A smooth designed contrast (periods of 4-8 um, well inside the numerical aperture), |dn| <= 2e-3. */
    private static float[] volume() {
        float[] v = new float[NZ * NY * NX];
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    v[(z * NY + y) * NX + x] = (float) (2e-3 * Math.sin(2 * Math.PI * x / 17.0)
                            * Math.cos(2 * Math.PI * y / 13.0 + 0.3 * z));
                }
            }
        }
        return v;
    }

    /** A version 1.0 little-endian float32 .npy file of shape (NZ, NY, NX), built from the format description. */
    private Path npy(String name, float[] values) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + NZ + ", " + NY + ", " + NX + "), }";
        String header = dict + " ".repeat(118 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(128 + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) 118);
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (float f : values) {
            b.putFloat(f);
        }
        return Files.write(dir.resolve(name), b.array());
    }

    private String config() throws IOException {
        return Files.writeString(dir.resolve("glass.conf"), CONFIG).toString();
    }

    @Test
    void theSameVolumeAsNpyAndAsSafetensorsRunsBitForBit() throws IOException {
        float[] v = volume();
        Path npy = npy("design.npy", v);
        String st = dir.resolve("design.safetensors").toString();
        new SafetensorsWriter().add("other", DType.BF16, new long[] {3}, new float[3])
                .add("glass.dn", DType.F32, new long[] {NZ, NY, NX}, v).write(st);
        String npyRoot = dir.resolve("npy").toString();
        String stRoot = dir.resolve("st").toString();
        String p = "platform.glass-volume.volume.";
        PfmCli.Result a = PfmCli.run("run", config(), "--set", "output.root=" + npyRoot, "--set", p + "source=npy",
                "--set", p + "path=" + npy);
        assertEquals(0, a.status(), a.err());
        PfmCli.Result b = PfmCli.run("run", config(), "--set", "output.root=" + stRoot,
                "--set", p + "source=safetensors", "--set", p + "path=" + st, "--set", p + "tensor=glass.dn",
                "--set", "tiling.partitions=3");
        assertEquals(0, b.status(), b.err());
        v[(3 * NY + 6) * NX + 5] = Float.NaN; // voxel x 5, y 6, z 3
        Path nan = npy("nan.npy", v);
        String nanRoot = dir.resolve("nan").toString();
        PfmCli.Result c = PfmCli.run("run", config(), "--set", "output.root=" + nanRoot, "--set", p + "source=npy",
                "--set", p + "path=" + nan);
        assertEquals(1, c.status(), "a NaN voxel fails the task that reads it");
        assertTrue(c.err().contains("platform.glass-volume.volume.path = " + nan + ": allowed finite index contrast"
                + " (voxel x 5, y 6, z 3 is NaN)"), c.err());
        try (var files = Files.walk(Path.of(nanRoot))) {
            assertEquals(1, files.count(), "the failed run wrote nothing under its (empty) output root");
        }
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("pfm-glass-files-test")).getOrCreate();
        try {
            List<Row> fromNpy = new ResultStore(spark, npyRoot).read("layers").orderBy("layer").collectAsList();
            List<Row> fromSt = new ResultStore(spark, stRoot).read("layers").orderBy("layer").collectAsList();
            assertEquals(2, fromNpy.size(), "two segments of 4 slices");
            assertEquals(2, fromSt.size());
            for (int seg = 0; seg < 2; seg++) {
                for (String column : new String[] {"rows", "cols", "tiles", "rel_error_local", "rel_error_chain",
                        "cosine_chain", "snr_db_chain", "energy_joules", "latency_seconds"}) {
                    Object x = fromNpy.get(seg).getAs(column);
                    assertEquals(x, fromSt.get(seg).getAs(column), column + " of segment " + seg);
                }
                double local = fromNpy.get(seg).getAs("rel_error_local");
                assertTrue(local > 0, "the written volume differs from the design: " + local);
            }
            Row run = new ResultStore(spark, stRoot).read("runs").first();
            assertEquals((long) NX * NY * NZ, (long) run.getAs("parameters"), "parameters = the file's voxels");
        } finally {
            spark.stop();
        }
    }

    @Test
    void badSafetensorsVolumesFailWithOneLineAndWriteNothing() throws IOException {
        String st = dir.resolve("bad.safetensors").toString();
        new SafetensorsWriter().add("plane", DType.F16, new long[] {NY, NX}, new float[NY * NX]).write(st);
        Path root = dir.resolve("never");
        String p = "platform.glass-volume.volume.";
        String[][] cases = {
                {"", "pfm: " + p + "tensor = \"\": allowed the name of a 3-D tensor [z, y, x] in " + st + "\n"},
                {"glass.dn", "pfm: " + p + "tensor = glass.dn: allowed the name of a tensor in " + st
                        + " (it holds plane)\n"},
                {"plane", "pfm: " + p + "tensor = plane: allowed a 3-D tensor [z, y, x] with every axis 1 to 2147483647"
                        + " (this one is F16 [40, 48])\n"},
        };
        for (String[] c : cases) {
            PfmCli.Result r = PfmCli.run("run", config(), "--set", "output.root=" + root,
                    "--set", p + "source=safetensors", "--set", p + "path=" + st, "--set", p + "tensor=\"" + c[0] + "\"");
            assertEquals(2, r.status(), c[0] + ": " + r.err());
            assertEquals(c[1], r.err());
            assertEquals("", r.out());
        }
        PfmCli.Result r = PfmCli.run("run", config(), "--set", "output.root=" + root,
                "--set", p + "source=safetensors");
        assertEquals(2, r.status(), r.err());
        assertEquals("pfm: " + p + "path = \"\": allowed the volume file's local path or Hadoop URI when " + p
                + "source = safetensors\n", r.err());
        assertFalse(Files.exists(root), "nothing written");
    }
}
