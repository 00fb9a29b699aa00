package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.calibration.Calibration;
import org.pfmsim.calibration.CalibrationReader;
import org.pfmsim.calibration.CalibrationSpec;
import org.pfmsim.config.ConfigException;
import org.pfmsim.results.LayerRecord;
import org.pfmsim.results.ResultStore;
import org.pfmsim.results.ResultTables;
import org.pfmsim.results.RunRecord;
import org.pfmsim.scaling.FidelityMetric;
import org.pfmsim.scaling.ScalingRow;
import org.pfmsim.spark.SparkSessions;

/**
 * The scaling-study workflow on a small crossbar sweep over ADC bits, simulated here with {@code pfm run}:
 * calibration (the smallest budget meeting a fidelity target, fed into {@code pfm scale}) and
 * {@code pfm report} (plots and summary of the sweep and the scaling table).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdcSweepStudyTest {
    private static final int[] BITS = {4, 6, 8};
    // Every other non-ideality off, so the ADC sets the error.
    private static final String RUN = String.join("\n",
            "seed = 5", "batch.size = 8",
            "model { width = 48, depth = 2 }",
            "tiling { tile-rows = 16, tile-cols = 16, partitions = 2 }",
            "platform.crossbar { conductance-levels = 0, variability.sigma = 0, stuck-on-rate = 0, stuck-off-rate = 0,",
            "  read-noise-sigma = 0, dac.enabled = false, wires.model = none }",
            "output { sweep-id = adc, tile-sample-rate = 0 }", "");

    @TempDir
    static Path dir;
    static String root;
    /** rel_error_chain at the last layer, by ADC bits, read straight from the layers table. */
    static final Map<Integer, Double> ERROR = new HashMap<>();
    static SparkSession spark;

    @BeforeAll
    static void simulateAnAdcSweep() throws IOException {
        root = dir.resolve("sweep").toString();
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, RUN);
        for (int bits : BITS) {
            PfmCli.Result r = PfmCli.run("run", conf.toString(), "--set", "output.root=" + root,
                    "--set", "platform.crossbar.adc.bits=" + bits);
            assertEquals(0, r.status(), r.err());
        }
        spark = SparkSession.builder().config(SparkSessions.conf("calibration-test")).getOrCreate();
        ResultStore store = new ResultStore(spark, root);
        Map<String, Integer> bitsOfRun = new HashMap<>();
        for (Row r : store.read(ResultTables.RUNS).collectAsList()) {
            String config = r.getAs("config");
            for (int bits : BITS) {
                if (config.contains("\"bits\":" + bits + "}") || config.contains("\"bits\":" + bits + ",")) {
                    bitsOfRun.merge(r.getAs(ResultTables.RUN_ID), bits, (a, b) -> a);
                }
            }
        }
        for (Row l : store.read(ResultTables.LAYERS).filter("layer = 1").collectAsList()) {
            ERROR.put(bitsOfRun.get(l.<String>getAs(ResultTables.RUN_ID)), l.getAs("rel_error_chain"));
        }
        assertEquals(3, ERROR.size(), "one last layer per run: " + ERROR);
        for (int i = 1; i < BITS.length; i++) {
            assertTrue(ERROR.get(BITS[i]) < ERROR.get(BITS[i - 1]), "more ADC bits, less error: " + ERROR);
        }
    }

    @AfterAll
    static void stop() {
        // Each pfm command stops the session it used; stop whatever a reading step started after it.
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    private static CalibrationSpec adc(double target, boolean interpolate) {
        return new CalibrationSpec(root, CalibrationSpec.ADC_BITS, FidelityMetric.REL_ERROR_CHAIN, target, "adc",
                interpolate);
    }

    @Test
    @Order(1)
    void readerTakesEachRunsBudgetFromItsConfigAndFidelityFromItsLastLayer() {
        List<CalibrationReader.Sample> samples = CalibrationReader.read(spark, adc(0.05, false));
        assertEquals(3, samples.size());
        for (int i = 0; i < BITS.length; i++) {
            assertEquals(BITS[i], samples.get(i).budget());
            assertEquals(ERROR.get(BITS[i]), samples.get(i).value());
            assertEquals(48, samples.get(i).width());
        }
        CalibrationSpec otherSweep = new CalibrationSpec(root, CalibrationSpec.ADC_BITS, FidelityMetric.REL_ERROR_CHAIN,
                0.05, "not-this-one", false);
        assertTrue(CalibrationReader.read(spark, otherSweep).isEmpty());
    }

    @Test
    @Order(2)
    void picksTheSmallestAdcResolutionMeetingTheTarget() {
        double between = Math.sqrt(ERROR.get(4) * ERROR.get(6));
        Calibration c = Calibration.of(adc(between, false), CalibrationReader.read(spark, adc(between, false)));
        assertEquals(6, c.pick().budget());
        assertEquals(CalibrationSpec.ADC_BITS, c.scalingKey());
        assertEquals(6, c.scalingValue());
        Calibration interpolated = Calibration.of(adc(between, true), CalibrationReader.read(spark, adc(between, true)));
        // Halfway between the two errors in log space is halfway between 4 and 6 bits in log space.
        assertEquals(Math.sqrt(4 * 6), interpolated.pick().budget(), 1e-9);
        assertTrue(interpolated.pick().interpolated());
    }

    @Test
    @Order(3)
    void aTargetNoRunMeetsFailsWithTheBestReached() {
        double strict = ERROR.get(8) / 2;
        ConfigException e = assertThrows(ConfigException.class,
                () -> Calibration.of(adc(strict, false), CalibrationReader.read(spark, adc(strict, false))));
        assertTrue(e.getMessage().startsWith(String.format(Locale.ROOT,
                "calibration target rel_error_chain <= %s not reached: the best is rel_error_chain = %.6g at "
                        + "platform.crossbar.adc.bits = 8 (run ", strict, ERROR.get(8))), e.getMessage());
        assertTrue(e.getMessage().endsWith(") over 3 budgets from 4 to 8"), e.getMessage());
    }

    @Test
    @Order(4)
    void photonBudgetsBecomeTheOutputSnrTheyReachAtTheSimulatedWidth() {
        // Runs as the optical platform will write them: the budget in the resolved config, the
        // fidelity in layers. Shot noise makes the error fall as 1 / sqrt(photons x width).
        String optical = dir.resolve("optical").toString();
        ResultStore store = new ResultStore(spark, optical);
        for (double photons : new double[] {0.01, 0.1, 1, 10}) {
            String id = "p" + photons;
            String config = "{\"model\":{\"width\":256},\"platform\":{\"kind\":\"optical-mvm\",\"optical-mvm\":"
                    + "{\"photons-per-mac\":" + photons + "}}}";
            store.commit(new RunRecord(id, "photons", "h" + id, config, "optical-mvm", 65536, 8, "complete", 1,
                    Instant.now(), "test"), List.of(layer(id, 0, 0.9), layer(id, 1, 1 / Math.sqrt(photons * 256))),
                    List.of());
        }
        CalibrationSpec spec = new CalibrationSpec(optical, CalibrationSpec.PHOTONS_PER_MAC,
                FidelityMetric.REL_ERROR_CHAIN, 0.05, "", false);
        Calibration c = Calibration.of(spec, CalibrationReader.read(spark, spec));
        assertEquals(10, c.pick().budget(), "errors 0.625, 0.198, 0.0625, 0.0198: 10 photons is the first below 0.05");
        assertEquals("platform.optical-mvm.output-snr", c.scalingKey());
        assertEquals(Math.sqrt(10 * 256), c.scalingValue(), 1e-9);
        CalibrationSpec interpolated = new CalibrationSpec(optical, CalibrationSpec.PHOTONS_PER_MAC,
                FidelityMetric.REL_ERROR_CHAIN, 0.05, "photons", true);
        Calibration exact = Calibration.of(interpolated, CalibrationReader.read(spark, interpolated));
        // On the shot-noise law the interpolation is exact: 1 / (0.05^2 x 256) photons, an SNR of 1 / 0.05.
        assertEquals(1 / (0.05 * 0.05 * 256), exact.pick().budget(), 1e-9);
        assertEquals(20, exact.scalingValue(), 1e-9);
    }

    private static LayerRecord layer(String runId, int layer, double relErrorChain) {
        return new LayerRecord(runId, layer, "linear", 256, 256, 1, relErrorChain, relErrorChain, 0.99, 20, 0.1,
                0.99, 20, 1e-9, 1e-9, 1e-6, 0, 0, 0.1);
    }

    @Test
    @Order(5)
    void pfmScaleFeedsTheCalibratedBudgetIntoTheCostModel() {
        double between = Math.sqrt(ERROR.get(4) * ERROR.get(6));
        String out = dir.resolve("scaling").toString();
        List<String> common = List.of("scale", PfmScaleTest.SHIPPED, "--set", "output.root=" + out,
                "--set", "grid.max-parameters=1e12", "--set", "calibration.results-root=" + root,
                "--set", "calibration.key=platform.crossbar.adc.bits", "--set", "calibration.sweep-id=adc",
                "--set", "calibration.target=" + between);
        PfmCli.Result r = PfmCli.run(common.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("calibration: platform.crossbar.adc.bits = 6 meets rel_error_chain <= "), r.out());
        SparkSession s = SparkSession.builder().config(SparkSessions.conf("calibration-test")).getOrCreate();
        List<Row> crossbar = new ResultStore(s, out).read(ResultTables.SCALING).filter("platform = 'crossbar'")
                .collectAsList();
        assertEquals(4, crossbar.size());
        for (Row row : crossbar) {
            assertEquals(CalibrationSpec.ADC_BITS, row.getAs("calibration_key"));
            assertEquals(6.0, row.<Double>getAs("calibration_value"));
        }
        // The same study at the default 8 bits, costed without Spark: the ADC share of a MAC is FOM 2^bits / 512 rows.
        ScalingRow at8 = ScalingBinder.study(new TypedConfig(ConfigLoader.loadAgainst(PfmScaleTest.SHIPPED, List.of(),
                ScaleCommand.DEFAULTS_RESOURCE))).rows().stream().filter(x -> x.point().platform().equals("crossbar")
                && x.point().workload().parameters() == 1_000_000_000_000L).findFirst().orElseThrow();
        Row at6 = crossbar.stream().filter(x -> x.<Long>getAs("parameters") == 1_000_000_000_000L).findFirst().orElseThrow();
        assertEquals(5e-15 * (256 - 64) / 512, at8.point().energyPerMacJoules() - at6.<Double>getAs("energy_per_mac_joules"),
                1e-25);
        assertFalse(r.out().contains("sets "), "the crossbar key feeds itself");
    }

    @Test
    @Order(6)
    void reportDrawsFidelityAndCostAndReplacesOnlyItsOwnPreviousReport() throws IOException {
        PfmCli.Result scale = PfmCli.run("scale", PfmScaleTest.SHIPPED, "--set", "output.root=" + root,
                "--set", "grid.max-parameters=1e12");
        assertEquals(0, scale.status(), scale.err());
        String study = scale.out().substring("scaling ".length(), "scaling ".length() + 16);
        PfmCli.Result first = PfmCli.run("report", root);
        assertEquals(0, first.status(), first.err());
        Path report = Path.of(root, "report");
        assertTrue(first.out().startsWith("report in " + report + ": "), first.out());
        List<String> pngs = List.of("fidelity-platform-crossbar-adc-bits.png", "cost-energy-per-token-joules-" + study
                + ".png", "cost-latency-per-token-seconds-" + study + ".png");
        for (String png : pngs) {
            byte[] bytes = Files.readAllBytes(report.resolve(png));
            assertTrue(bytes.length > 1000, png + " has " + bytes.length + " bytes");
            assertEquals(List.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), signature(bytes), png);
            assertEquals("IHDR", new String(bytes, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
            java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bytes, 16, 8);
            assertEquals(900, header.getInt(), png + " width");
            assertEquals(600, header.getInt(), png + " height");
        }
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("### platform.crossbar.adc.bits"), md);
        assertTrue(md.contains("![fidelity versus platform.crossbar.adc.bits](fidelity-platform-crossbar-adc-bits.png)"), md);
        for (int bits : BITS) {
            assertTrue(md.contains(String.format(Locale.ROOT, "| adc | %d | ", bits)), "a table row per run: " + md);
        }
        assertTrue(md.contains("| crossbar | 1e+09 | "), md);
        assertTrue(md.contains("| digital | 1e+12 | 0.300 | "), "300 fJ x 1e12 MACs: " + md);

        PfmCli.Result again = PfmCli.run("report", root);
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().startsWith("replaced the previous report in " + report + ": "), again.out());
        try (var leftovers = Files.list(Path.of(root))) {
            assertEquals(List.of(), leftovers.filter(p -> p.getFileName().toString().startsWith(".report")).toList());
        }

        Path notAReport = dir.resolve("mine");
        Files.createDirectories(notAReport);
        Files.writeString(notAReport.resolve("notes.txt"), "keep me");
        PfmCli.Result refused = PfmCli.run("report", root, "--out", notAReport.toString());
        assertEquals(2, refused.status());
        assertEquals("pfm: --out " + notAReport + " exists and is not a report written by pfm report: refusing to "
                + "overwrite it. usage: pfm report RESULTS_ROOT [--out DIR]\n", refused.err());
        assertEquals(List.of(notAReport.resolve("notes.txt")), Files.list(notAReport).toList());

        Path empty = Files.createDirectories(dir.resolve("empty-root"));
        PfmCli.Result nothing = PfmCli.run("report", empty.toString());
        assertEquals(2, nothing.status());
        assertEquals("pfm: " + empty + " holds neither a runs nor a scaling table. usage: pfm report RESULTS_ROOT "
                + "[--out DIR]\n", nothing.err());
    }

    private static List<Integer> signature(byte[] bytes) {
        List<Integer> s = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            s.add(bytes[i] & 0xff);
        }
        return s;
    }
}
