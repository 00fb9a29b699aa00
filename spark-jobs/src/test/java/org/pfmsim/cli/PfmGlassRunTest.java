package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;

/** {@code pfm run} of a glass volume on Spark: results independent of the partition count; refusals. */
class PfmGlassRunTest {
    private static final String CONFIG = String.join("\n",
            "seed = 5",
            "batch.size = 2",
            "platform.kind = glass-volume",
            "platform.glass-volume { volume { size-x = 64, size-y = 48, size-z = 12 }, tile-voxels = 40,"
                    + " segment-slices = 6, inputs = 4, outputs = 9 }",
            "");

    @TempDir
    Path dir;

    private String config() throws IOException {
        Path c = dir.resolve("glass.conf");
        Files.writeString(c, CONFIG);
        return c.toString();
    }

    @Test
    void sameResultsForDifferentPartitionCounts() throws IOException {
        String root = dir.resolve("results").toString();
        PfmCli.Result one = PfmCli.run("run", config(), "--set", "output.root=" + root, "--set", "tiling.partitions=1");
        assertEquals(0, one.status(), one.err());
        PfmCli.Result five = PfmCli.run("run", config(), "--set", "output.root=" + root,
                "--set", "tiling.partitions=5");
        assertEquals(0, five.status(), five.err());
        assertTrue(one.out().contains("glass volume "), one.out());
        assertTrue(one.err().contains("segment 2/2 done"), one.err());
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("pfm-glass-test")).getOrCreate();
        try {
            ResultStore store = new ResultStore(spark, root);
            List<Row> runs = store.read("runs").collectAsList();
            assertEquals(2, runs.size());
            for (Row r : runs) {
                assertEquals("glass-volume", r.getAs("platform"));
                assertEquals(64L * 48 * 12, (long) r.getAs("parameters"), "parameters = voxels");
            }
            List<Row> layers = store.read("layers").orderBy("layer", "run_id").collectAsList();
            assertEquals(4, layers.size(), "two segments per run");
            for (int seg = 0; seg < 2; seg++) {
                Row a = layers.get(2 * seg);
                Row b = layers.get(2 * seg + 1);
                assertEquals("glass-volume", a.getAs("kind"));
                assertEquals(6L, (long) a.getAs("tiles"), "ceil(96/40) x ceil(80/40) lateral tiles");
                for (String column : new String[] {"rel_error_local", "rel_error_chain", "cosine_chain",
                        "snr_db_chain", "energy_joules", "latency_seconds"}) {
                    assertEquals((double) a.getAs(column), (double) b.getAs(column), 0.0, column + " of segment " + seg);
                }
                double chain = a.getAs("rel_error_chain");
                assertTrue(chain > 0 && chain < 1, "fabrication error and noise are visible: " + chain);
            }
            assertEquals(9L, (long) layers.get(2).getAs("cols"), "the last segment's outputs are the detectors");
        } finally {
            spark.stop();
        }
    }

    @Test
    void badGlassConfigsFailWithOneLineAndWriteNothing() throws IOException {
        Path root = dir.resolve("never");
        String[][] cases = {
                {"platform.glass-volume.numerical-aperture=1.45",
                        "pfm: platform.glass-volume.numerical-aperture = 1.45: allowed a number below background-index"
                                + " 1.45 (it bounds the halo)\n"},
                {"platform.glass-volume.spot-waist-meters=1e-6",
                        "pfm: platform.glass-volume.spot-waist-meters = 1.0E-6: allowed at least 2.71e-06 m, so a spot's"
                                + " light stays inside numerical-aperture 0.45\n"},
                {"platform.glass-volume.volume.source=hdf5",
                        "pfm: platform.glass-volume.volume.source = hdf5: allowed one of synthetic npy safetensors\n"},
                {"platform.glass-volume.volume.source=npy",
                        "pfm: platform.glass-volume.volume.path = \"\": allowed the volume file's local path or Hadoop"
                                + " URI when platform.glass-volume.volume.source = npy\n"},
                {"platform.glass-volume.detector.adc-bits=1",
                        "pfm: platform.glass-volume.detector.adc-bits = 1: allowed integers 2 to 24\n"},
                {"platform.glass-volume.absorber-kappa=0.001",
                        "pfm: platform.glass-volume.absorber-kappa = 0.001: allowed a value with absorber-voxels 16 that"
                                + " keeps wrapped power below 1e-06 at the band limit (now 8.19e-01); raise either\n"},
        };
        for (String[] c : cases) {
            PfmCli.Result r = PfmCli.run("run", config(), "--set", "output.root=" + root, "--set", c[0]);
            assertEquals(2, r.status(), c[0] + ": " + r.err());
            assertEquals(c[1], r.err());
            assertEquals("", r.out());
        }
        Path npy = dir.resolve("lying.npy");
        Files.write(npy, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 4, 0, '{', '}', ' ', '\n'});
        PfmCli.Result r = PfmCli.run("run", config(), "--set", "output.root=" + root, "--set",
                "platform.glass-volume.volume.source=npy", "--set", "platform.glass-volume.volume.path=" + npy);
        assertEquals(2, r.status());
        assertEquals("pfm: platform.glass-volume.volume.path = " + npy + ": allowed a .npy header dict with exactly"
                + " 'descr', 'fortran_order' and 'shape'\n", r.err());
        assertFalse(Files.exists(root), "nothing written");
    }
}
