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

/**
 * {@code compensation.*} end to end: a year-old PCM crossbar recalibrated in service with per-column gains
 * fitted on probe reads; the same on any partitioning; its tunable parameters and probing cost reported.
 */
class CompensationRunTest {
    private static final String CONFIG = String.join("\n",
            "seed = 4",
            "batch.size = 8",
            "model { width = 96, input-width = 64, output-width = 32, depth = 2 }",
            "tiling { tile-rows = 32, tile-cols = 32 }",
            "platform.crossbar.aging { model = pcm, seconds = 3.156e7 }",
            "");

    @TempDir
    Path dir;

    private Path config() throws IOException {
        Path c = dir.resolve("aged.conf");
        Files.writeString(c, CONFIG);
        return c;
    }

    private List<Row> layers(String root) {
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("compensation-test")).getOrCreate();
        try {
            return new ResultStore(spark, root).read("layers").orderBy("layer").collectAsList();
        } finally {
            spark.stop();
        }
    }

    private Row run(String root) {
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("compensation-test")).getOrCreate();
        try {
            return new ResultStore(spark, root).read("runs").collectAsList().get(0);
        } finally {
            spark.stop();
        }
    }

    @Test
    void columnGainsRecalibratedInServiceTakeBackMuchOfAYearOfDriftOnAnyPartitioning() throws IOException {
        String none = dir.resolve("none").toString();
        String[] gain = {"--set", "compensation.kind=column-gain", "--set", "compensation.at-seconds=3.156e7"};
        PfmCli.succeed("run", config().toString(), "--set", "output.root=" + none);
        String two = dir.resolve("two").toString();
        String five = dir.resolve("five").toString();
        PfmCli.succeed(concat(new String[] {"run", config().toString(), "--set", "output.root=" + two, "--set",
                "tiling.partitions=2"}, gain));
        PfmCli.succeed(concat(new String[] {"run", config().toString(), "--set", "output.root=" + five, "--set",
                "tiling.partitions=5"}, gain));
        List<Row> raw = layers(none);
        List<Row> corrected = layers(two);
        List<Row> again = layers(five);
        for (int l = 0; l < 2; l++) {
            double before = raw.get(l).getAs("rel_error_local");
            double after = corrected.get(l).getAs("rel_error_local");
            assertTrue(after < before / 2, "layer " + l + ": " + after + " vs " + before + " uncorrected");
            for (String column : List.of("rel_error_local", "rel_error_chain", "energy_joules",
                    "calibration_energy_joules", "calibration_seconds")) {
                assertEquals((double) corrected.get(l).getAs(column), (double) again.get(l).getAs(column),
                        "partition-invariant " + column);
            }
            long tiles = corrected.get(l).getAs("tiles");
            assertEquals(tiles * 2 * 64, (long) corrected.get(l).getAs("calibration_probe_reads"),
                    "64 probes read twice per tile");
            assertEquals(tiles * 32, (long) corrected.get(l).getAs("tunable_parameters"), "a gain per tile column");
            assertEquals(0L, (long) raw.get(l).getAs("tunable_parameters"));
        }
        Row r = run(two);
        long tunable = (long) corrected.get(0).getAs("tunable_parameters") + (long) corrected.get(1).getAs(
                "tunable_parameters");
        assertEquals(tunable, (long) r.getAs("tunable_parameters"));
        assertEquals((double) tunable / (long) r.getAs("parameters"), (double) r.getAs("tunable_fraction"), 1e-15);
        assertTrue((double) r.getAs("calibration_energy_joules") > 0);
    }

    @Test
    void aCharacterizationAfterTheEvaluationAgeIsRefused() throws IOException {
        Path root = dir.resolve("never");
        PfmCli.Result r = PfmCli.run("run", config().toString(), "--set", "output.root=" + root,
                "--set", "compensation.kind=column-gain", "--set", "compensation.at-seconds=4e7");
        assertEquals(2, r.status());
        assertEquals("pfm: compensation.at-seconds = 4.0E7: allowed at most the evaluation age 3.156E7 s (a device "
                + "is characterized before it is used, not after)\n", r.err());
        assertFalse(Files.exists(root));
        PfmCli.Result few = PfmCli.run("run", config().toString(), "--set", "output.root=" + root,
                "--set", "compensation.kind=column-affine", "--set", "compensation.probes=2");
        assertEquals(2, few.status());
        assertEquals("pfm: compensation.probes = 2: allowed at least 3 for compensation.kind = column-affine\n",
                few.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
