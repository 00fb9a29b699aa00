package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.results.ResultStore;
import org.pfmsim.results.ResultTables;
import org.pfmsim.spark.SparkSessions;

/** {@code pfm scale} end to end: the shipped study, the table it commits, replacement, refusals. */
class PfmScaleTest {
    static final String SHIPPED = "../conf/scaling.conf";

    @TempDir
    Path dir;

    @Test
    void shippedStudyWritesEveryPlatformAtEveryDecadeAndARerunReplaces() throws IOException {
        String root = dir.resolve("results").toString();
        PfmCli.Result first = PfmCli.run("scale", SHIPPED, "--set", "output.root=" + root);
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().startsWith("scaling "), first.out());
        assertEquals(2 + 1 + 40, first.out().lines().count(),
                "header, location, column names, 4 x 10 rows: " + first.out());
        // A writer of the same study killed while staging left its staging behind: the next commit, under the
        // study's commit lock, reclaims it (the runs' commit protocol serves the scaling table too).
        String runId = first.out().lines().findFirst().orElseThrow().split("\\s+")[1];
        Path abandoned = dir.resolve("results/_staging/scaling-" + runId + "-" + java.util.UUID.randomUUID());
        Files.createDirectories(abandoned.resolve("scaling"));
        PfmCli.Result second = PfmCli.run("scale", SHIPPED, "--set", "output.root=" + root);
        assertEquals(0, second.status(), second.err());
        assertFalse(Files.exists(abandoned), "a dead writer's staging is reclaimed");

        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("pfm-scale-test")).getOrCreate();
        try {
            List<Row> rows = new ResultStore(spark, root).read(ResultTables.SCALING)
                    .orderBy("platform", "parameters").collectAsList();
            assertEquals(40, rows.size(), "a rerun of the same config replaces its rows");
            assertEquals(1, rows.stream().map(r -> r.getAs(ResultTables.RUN_ID)).distinct().count());
            for (String platform : List.of("crossbar", "optical-mvm", "glass-volume", "digital")) {
                List<Row> p = rows.stream().filter(r -> platform.equals(r.getAs("platform"))).toList();
                assertEquals(10, p.size(), platform);
                for (int i = 0; i < 10; i++) {
                    Row r = p.get(i);
                    assertEquals(Math.round(Math.pow(10, 9 + i)), (long) r.getAs("parameters"));
                    assertEquals((double) r.<Long>getAs("parameters") * 300e-15,
                            r.<Double>getAs("digital_energy_per_token_joules"), 1e-9 * r.<Double>getAs("digital_energy_per_token_joules"));
                    double advantage = r.getAs("advantage");
                    assertEquals(r.<Double>getAs("digital_energy_per_token_joules") / r.<Double>getAs("energy_per_token_joules"),
                            advantage, 1e-9 * advantage);
                    assertEquals(platform.equals("glass-volume"), r.getAs("area_m2") == null, platform + " area");
                    assertEquals(!platform.equals("glass-volume"), r.getAs("volume_m3") == null, platform + " volume");
                    assertTrue(r.<Long>getAs("tiles") >= 1);
                    assertTrue(r.<Double>getAs("latency_per_token_seconds") > 0);
                    assertTrue(r.getAs("calibration_key") == null);
                }
            }
            Row litre = rows.stream().filter(r -> "glass-volume".equals(r.getAs("platform"))
                    && r.<Long>getAs("parameters") == 1_000_000_000_000_000L).findFirst().orElseThrow();
            assertEquals(1e-3, litre.<Double>getAs("volume_m3"), 1e-15, "1e15 voxels of 1 um: one litre");
            Path partition;
            try (Stream<Path> s = Files.walk(dir.resolve("results/scaling"))) {
                partition = s.filter(p -> p.getFileName().toString().startsWith("run_id=")).findFirst().orElseThrow();
            }
            assertTrue(Files.exists(partition.resolve("_SUCCESS")));
            assertTrue(Files.readString(partition.resolve("_manifest.json")).contains(".parquet"));
            assertFalse(Files.exists(dir.resolve("results/_staging")), "no staging left behind");
        } finally {
            spark.stop();
        }
    }

    @Test
    void badConfigFailsWithOneExactLineAndWritesNothing() {
        Path root = dir.resolve("never");
        String set = "output.root=" + root;
        assertRefused("pfm: unknown config key platform.optical-mvm.output-snrr (did you mean "
                + "platform.optical-mvm.output-snr?): every key is listed with its default in optical-mvm-scaling-defaults.conf",
                "--set", set, "--set", "platform.optical-mvm.output-snrr=10");
        assertRefused("pfm: platform.glass-volume.detector-efficiency = 1.5: allowed a number > 0 and <= 1",
                "--set", set, "--set", "platform.glass-volume.detector-efficiency=1.5");
        assertRefused("pfm: grid.max-parameters = 1.0E19: allowed a number from grid.min-parameters (1.0E9) to 1.0E18",
                "--set", set, "--set", "grid.max-parameters=1e19");
        assertRefused("pfm: calibration.key = platform.crossbar.conductance-levels: allowed one of "
                + "platform.crossbar.adc.bits platform.optical-mvm.photons-per-mac (budgets the cost model depends on) "
                + "when calibration.results-root is set", "--set", set, "--set", "calibration.results-root=" + dir,
                "--set", "calibration.key=platform.crossbar.conductance-levels");
        assertRefused("pfm: calibration.metric = accuracy: allowed one of rel_error_chain rel_error_local "
                + "snr_db_chain snr_db_local cosine_chain cosine_local", "--set", set, "--set", "calibration.metric=accuracy");
        assertRefused("pfm: model.width = 100000: allowed a width whose square (one layer) is at most the smallest "
                + "parameter count 1000000000, or 0 to derive it from model.aspect-ratio",
                "--set", set, "--set", "model.width=100000");
        assertFalse(Files.exists(root), "nothing written");
    }

    private static void assertRefused(String line, String... options) {
        String[] args = Stream.concat(Stream.of("scale", SHIPPED), Stream.of(options)).toArray(String[]::new);
        Hostile.assertRefused(2, line, args);
    }
}
