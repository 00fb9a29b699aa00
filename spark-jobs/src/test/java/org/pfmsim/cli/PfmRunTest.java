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

/** {@code pfm run} end to end: exit status, summary, Parquet tables, replacement on rerun, refusals. */
class PfmRunTest {
    private static final String CONFIG = String.join("\n",
            "seed = 3",
            "batch.size = 4",
            "model { width = 96, input-width = 80, output-width = 40, depth = 3 }",
            "tiling { tile-rows = 32, tile-cols = 32, partitions = 3 }",
            "output.tile-sample-rate = 1.0",
            "");

    @TempDir
    Path dir;

    private Path config() throws IOException {
        Path c = dir.resolve("run.conf");
        Files.writeString(c, CONFIG);
        return c;
    }

    @Test
    void runWritesTablesPrintsTheSummaryAndARerunReplacesInsteadOfDuplicating() throws IOException {
        String root = dir.resolve("results").toString();
        PfmCli.Result first = PfmCli.run("run", config().toString(), "--set", "output.root=" + root);
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().startsWith("run_id "), first.out());
        assertTrue(first.out().contains("rel_error_chain"), first.out());
        assertTrue(first.err().contains("layer 3/3 done"), "progress is shown while it runs: " + first.err());
        PfmCli.Result second = PfmCli.run("run", config().toString(), "--set", "output.root=" + root);
        assertEquals(0, second.status(), second.err());

        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("pfm-run-test")).getOrCreate();
        try {
            ResultStore store = new ResultStore(spark, root);
            List<Row> runs = store.read("runs").collectAsList();
            assertEquals(1, runs.size(), "the same config twice is one run");
            Row run = runs.get(0);
            assertEquals("complete", run.getAs("status"));
            assertEquals(80L * 96 + 96 + 96L * 96 + 96 + 96L * 40 + 40, (long) run.getAs("parameters"));
            assertEquals(4, (int) run.getAs("batch"));
            assertEquals("crossbar", run.getAs("platform"));
            assertTrue(((String) run.getAs("config")).contains("\"tile-rows\":32"));
            List<Row> layers = store.read("layers").orderBy("layer").collectAsList();
            assertEquals(3, layers.size());
            assertEquals(80L, (long) layers.get(0).getAs("rows"));
            assertEquals(96L, (long) layers.get(0).getAs("cols"));
            assertEquals(9L, (long) layers.get(0).getAs("tiles"), "ceil(80/32) x ceil(96/32)");
            for (Row l : layers) {
                double local = l.getAs("rel_error_local");
                double chain = l.getAs("rel_error_chain");
                assertTrue(local > 0 && local < 1, "local error " + local);
                assertTrue(chain > 0 && chain < 1, "chain error " + chain);
                assertTrue((double) l.getAs("energy_joules") > 0);
                assertTrue((double) l.getAs("latency_seconds") > 0);
            }
            assertEquals(9 + 9 + 6, store.read("tiles").count(), "sample rate 1 keeps every tile");
        } finally {
            spark.stop();
        }
    }

    @Test
    void badConfigFailsWithOneLineAndWritesNothing() throws IOException {
        Path root = dir.resolve("never");
        PfmCli.Result r = PfmCli.run("run", config().toString(), "--set", "output.root=" + root,
                "--set", "platform.crossbar.g-min-siemens=-1");
        assertEquals(2, r.status());
        assertEquals("pfm: platform.crossbar.g-min-siemens = -1.0: allowed a finite number >= 0\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(root), "nothing written");
    }

    @Test
    void usageErrorsAreOneLineWithExitStatusTwo() throws IOException {
        assertEquals(2, PfmCli.run().status());
        PfmCli.Result unknown = PfmCli.run("fly");
        assertEquals(2, unknown.status());
        assertEquals("pfm: unknown command fly: allowed " + String.join(" ", Pfm.COMMANDS.keySet()) + ". "
                + Pfm.USAGE + "\n", unknown.err());
        PfmCli.Result missing = PfmCli.run("run", dir.resolve("nope.conf").toString());
        assertEquals(2, missing.status());
        assertEquals("pfm: config file " + dir.resolve("nope.conf") + " does not exist or is not a file\n",
                missing.err());
    }

    @Test
    void unwritableOutputRootFailsBeforeAnyWork() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        PfmCli.Result r = PfmCli.run("run", config().toString(), "--set", "output.root=" + file);
        assertEquals(1, r.status());
        assertTrue(r.err().contains(file.toString()), r.err());
        assertFalse(r.err().contains("layer 1/"), "no layer ran: " + r.err());
        assertEquals("not a directory", Files.readString(file));
    }
}
