package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/** Sweep files into points: every axis form, nested keys, grid and zip sizes, and each refusal's exact line. */
class SweepExpansionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path sweepFile(String axes, String settings) throws IOException {
        Path f = dir.resolve("sweep.conf");
        Files.writeString(f, String.join("\n",
                "sweep {",
                "  name = s1",
                "  base { model { width = 64, depth = 2 }, tiling { tile-rows = 32, tile-cols = 32 }",
                "         output.root = \"" + dir.resolve("results") + "\" }",
                "  axes = [ " + axes + " ]",
                settings,
                "}", ""));
        return f;
    }

    private List<SweepPlan.Point> expand(String... axes) throws IOException {
        return expandWith("", axes);
    }

    private List<SweepPlan.Point> expandWith(String settings, String... axes) throws IOException {
        return SweepPlan.expand(SweepConfig.load(sweepFile(String.join(", ", axes), settings).toString(), List.of()));
    }

    /**
     * A large sweep reports its checking every 10,000 points instead of staying silent for minutes, and its plan
     * keeps no resolved configs (several kB each: 2.5 GB for 10^6 points): points resolve theirs again to run.
     */
    @Test
    void aLargeSweepReportsItsCheckingAndKeepsNoResolvedConfigs() throws IOException {
        Path f = sweepFile("{ key = seed, range { from = 1, to = 10000, count = 10000 } }", "max-points = 10000");
        List<String> progress = new ArrayList<>();
        List<SweepPlan.Point> points = SweepPlan.expand(SweepConfig.load(f.toString(), List.of()), progress::add);
        assertEquals(List.of("checked 10,000 of 10,000 points"), progress);
        for (java.lang.reflect.RecordComponent c : SweepPlan.Point.class.getRecordComponents()) {
            assertFalse(RunConfig.class.isAssignableFrom(c.getType()), "a point holds no " + c.getType());
        }
        SweepPlan.Point last = points.get(9_999);
        assertEquals(10_000L, last.config().simulation().seed());
        assertEquals(last.runId(), last.config().runId());
    }

    /** The value of a dotted key in a point's resolved config JSON. */
    private static JsonNode value(SweepPlan.Point p, String key) throws IOException {
        JsonNode n = JSON.readTree(p.config().configJson());
        for (String part : key.split("\\.")) {
            n = n.get(part);
        }
        return n;
    }

    private static List<String> values(List<SweepPlan.Point> points, String key) throws IOException {
        List<String> v = new ArrayList<>();
        for (SweepPlan.Point p : points) {
            v.add(value(p, key).toString());
        }
        return v;
    }

    @Test
    void gridOfAListAndALogRangeRunsTheFirstAxisOutermostWithIntegerKeysRounded() throws IOException {
        List<SweepPlan.Point> points = expand(
                "{ key = platform.crossbar.adc.bits, values = [4, 6, 8] }",
                "{ key = platform.crossbar.conductance-levels, log-range { from = 4, to = 256, count = 4 } }");
        assertEquals(12, points.size());
        assertEquals(List.of("4", "4", "4", "4", "6", "6", "6", "6", "8", "8", "8", "8"),
                values(points, "platform.crossbar.adc.bits"));
        assertEquals(List.of("4", "16", "64", "256", "4", "16", "64", "256", "4", "16", "64", "256"),
                values(points, "platform.crossbar.conductance-levels"));
        Set<String> runIds = new HashSet<>();
        for (SweepPlan.Point p : points) {
            assertEquals("s1", p.config().sweepId());
            assertEquals(12, p.total());
            assertEquals(dir.resolve("results").toString(), p.config().outputRoot());
            assertTrue(p.config().runId().matches("[0-9a-f]{16}"), p.config().runId());
            runIds.add(p.config().runId());
        }
        assertEquals(12, runIds.size(), "every point is its own run");
        assertEquals(5, points.get(4).number());
        assertEquals("platform.crossbar.adc.bits=6, platform.crossbar.conductance-levels=4", points.get(4).describe());
    }

    @Test
    void linearRangeIncludesBothEndsAndPrintsDecimalsCleanly() throws IOException {
        List<SweepPlan.Point> points = expand(
                "{ key = platform.crossbar.variability.sigma, range { from = 0.1, to = 0.3, count = 5 } }");
        assertEquals(List.of("0.1", "0.15", "0.2", "0.25", "0.3"), values(points, "platform.crossbar.variability.sigma"));
    }

    @Test
    void randomSamplesAreSeededFromTheCounterStreamAndStayInRange() throws IOException {
        String axis = "{ key = platform.crossbar.read-noise-sigma, random { distribution = log-uniform, "
                + "min = 1e-4, max = 1e-1, count = 6, seed = 9 } }";
        List<SweepPlan.Point> points = expand(axis);
        assertEquals(6, points.size());
        CounterRng rng = CounterRng.stream(9, Purpose.SWEEP_SAMPLES, 0, 0, 0);
        for (int i = 0; i < 6; i++) {
            double v = value(points.get(i), "platform.crossbar.read-noise-sigma").asDouble();
            double expected = Math.exp(Math.log(1e-4) + (Math.log(1e-1) - Math.log(1e-4)) * rng.uniform(i));
            assertEquals(expected, v, 1e-11 * expected, "log-uniform sample " + i);
            assertTrue(v >= 1e-4 && v < 1e-1);
        }
        assertEquals(values(points, "platform.crossbar.read-noise-sigma"),
                values(expand(axis), "platform.crossbar.read-noise-sigma"), "the same file draws the same points");
        assertNotEquals(values(points, "platform.crossbar.read-noise-sigma"),
                values(expand(axis.replace("seed = 9", "seed = 10")), "platform.crossbar.read-noise-sigma"));
        List<SweepPlan.Point> uniform = expandWith("seed = 3", "{ key = seed, random { distribution = uniform, "
                + "min = 0, max = 1000000, count = 4 } }");
        CounterRng sweepSeeded = CounterRng.stream(3, Purpose.SWEEP_SAMPLES, 0, 0, 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(String.valueOf(Math.round(1e6 * sweepSeeded.uniform(i))), value(uniform.get(i), "seed").toString(),
                    "an integer key's samples are rounded; without its own seed an axis uses sweep.seed");
        }
    }

    @Test
    void nestedKeysAndBlocksOfKeysAreSweptTogether() throws IOException {
        List<SweepPlan.Point> points = expand(
                "{ key = platform.crossbar.adc, values = [ { bits = 4, headroom = 1.5 }, { bits = 10 } ] }",
                "{ key = model.depth, values = [2, 3] }");
        assertEquals(4, points.size());
        assertEquals(List.of("4", "4", "10", "10"), values(points, "platform.crossbar.adc.bits"));
        assertEquals(List.of("1.5", "1.5", "1", "1"), values(points, "platform.crossbar.adc.headroom"),
                "keys a block value leaves out keep their defaults");
        assertEquals(List.of(2, 3, 2, 3), points.stream().map(p -> p.config().simulation().model().depth()).toList());
    }

    @Test
    void gridSizeIsTheProductOfAxisSizesAndZipPairsValues() throws IOException {
        String a = "{ key = platform.crossbar.adc.bits, values = [4, 6, 8] }";
        String b = "{ key = platform.crossbar.dac.bits, range { from = 4, to = 10, count = 4 } }";
        String c = "{ key = batch.size, values = [2, 3] }";
        assertEquals(24, expand(a, b, c).size());
        List<SweepPlan.Point> zipped = expandWith("mode = zip", a, c.replace("[2, 3]", "[2, 3, 5]"));
        assertEquals(3, zipped.size());
        assertEquals(List.of("4", "6", "8"), values(zipped, "platform.crossbar.adc.bits"));
        assertEquals(List.of("2", "3", "5"), values(zipped, "batch.size"));
    }

    @Test
    void sweepOverridesChangeTheSweepAndRunOverridesEveryPoint() throws IOException {
        Path f = sweepFile("{ key = platform.crossbar.adc.bits, values = [4, 6] }", "");
        SweepConfig sweep = SweepConfig.load(f.toString(), List.of("sweep.name=other", "batch.size=7"));
        List<SweepPlan.Point> points = SweepPlan.expand(sweep);
        assertEquals("other", points.get(1).config().sweepId());
        assertEquals(7, points.get(1).config().simulation().batch());
    }

    @Test
    void baseMayBeAFileRelativeToTheSweepFile() throws IOException {
        Files.writeString(dir.resolve("base.conf"), "model { width = 48, depth = 2 }\ntiling { tile-rows = 16, "
                + "tile-cols = 16 }\noutput.root = \"" + dir.resolve("r2") + "\"\n");
        Path f = dir.resolve("from-file.conf");
        Files.writeString(f, "sweep { name = s2, base = \"base.conf\", axes = [ { key = seed, values = [1, 2] } ] }");
        List<SweepPlan.Point> points = SweepPlan.expand(SweepConfig.load(f.toString(), List.of()));
        assertEquals(48, value(points.get(0), "model.width").asInt());
        assertEquals(dir.resolve("r2").toString(), points.get(0).config().outputRoot());
    }

    /** A bad sweep: exit 2, exactly one line, nothing written, nothing on stdout. */
    private void refused(String expected, String... axes) throws IOException {
        refusedWith(expected, "", axes);
    }

    private void refusedWith(String expected, String settings, String... axes) throws IOException {
        Hostile.assertRefused(2, "pfm: " + expected, "sweep", sweepFile(String.join(", ", axes), settings).toString());
        assertFalse(Files.exists(dir.resolve("results")), "nothing written");
    }

    @Test
    void badAxesAreRefusedWithOneExactLine() throws IOException {
        refused("sweep.axes[1].key = platform.crossbar.adc.bitz: allowed a key of pfm-defaults.conf "
                + "(did you mean platform.crossbar.adc.bits?)",
                "{ key = seed, values = [1, 2] }", "{ key = platform.crossbar.adc.bitz, values = [4] }");
        refused("sweep.axes[0].values = []: allowed a list of at least one value",
                "{ key = platform.crossbar.adc.bits, values = [] }");
        refused("sweep.axes[0].range.count = 1: allowed integers 2 to 100000",
                "{ key = platform.crossbar.variability.sigma, range { from = 0, to = 0.1, count = 1 } }");
        refused("sweep.axes[0].range.to = \"lots\": allowed a number",
                "{ key = platform.crossbar.variability.sigma, range { from = 0, to = lots, count = 3 } }");
        refused("sweep.axes[0].log-range.from = 0.0: allowed a finite number > 0",
                "{ key = platform.crossbar.conductance-levels, log-range { from = 0, to = 64, count = 3 } }");
        refused("sweep.axes[0].log-range = [1,1,2,2,3]: allowed distinct values (1 repeats after rounding to "
                + "integers for an integer key)", "{ key = model.depth, log-range { from = 1, to = 3, count = 5 } }");
        refused("sweep.axes[0].random.distribution = normal: allowed uniform or log-uniform",
                "{ key = seed, random { distribution = normal, min = 0, max = 9, count = 2 } }");
        refused("sweep.axes[0].random.max = 1.0: allowed a number above random.min (2.0)",
                "{ key = seed, random { distribution = uniform, min = 2, max = 1, count = 2 } }");
        refused("sweep.axes[0].values and range = seed: allowed exactly one of values, range, log-range, random "
                + "for each axis", "{ key = seed, values = [1], range { from = 1, to = 2, count = 2 } }");
        refused("sweep.axes[0].valuez = [1,2]: allowed only the fields key, values, range, log-range, random",
                "{ key = seed, valuez = [1, 2] }");
        refused("sweep.axes[0].key = output.root: allowed a key outside output.* (every point shares the sweep's "
                + "output root, and its sweep id is sweep.name)", "{ key = output.root, values = [a, b] }");
        refused("sweep.axes[1].key = platform.crossbar.adc.bits: allowed a key no other axis sweeps "
                + "(sweep.axes[0] sweeps platform.crossbar.adc)",
                "{ key = platform.crossbar.adc, values = [{ bits = 4 }] }",
                "{ key = platform.crossbar.adc.bits, values = [6] }");
        refusedWith("sweep.mode = zip: allowed axes of one size (seed has 2, batch.size has 3)", "mode = zip",
                "{ key = seed, values = [1, 2] }", "{ key = batch.size, values = [1, 2, 3] }");
        refusedWith("sweep.max-points = 5: allowed at least the sweep's 6 points (raise it to run them)",
                "max-points = 5", "{ key = seed, values = [1, 2] }", "{ key = batch.size, values = [1, 2, 3] }");
        refused("sweep.axes[0].values = [5,5]: allowed distinct values (5 repeats)", "{ key = seed, values = [5, 5] }");
        refused("sweep.axes = []: allowed a list of at least one axis", "");
    }

    @Test
    void aBadPointRefusesTheWholeSweepNamingThePointAndItsValues() throws IOException {
        refused("sweep point 3/4 (platform.crossbar.adc.bits=0, seed=1): platform.crossbar.adc.bits = 0: "
                + "allowed integers 2 to 24",
                "{ key = platform.crossbar.adc.bits, values = [4, 0] }", "{ key = seed, values = [1, 2] }");
        String defaultsRunId = expand("{ key = platform.crossbar.adc.bits, values = [8] }").get(0).config().runId();
        refused("sweep points 1 (platform.crossbar.adc={\"bits\":8}) and 2 (platform.crossbar.adc={\"headroom\":1})"
                + " are the same run " + defaultsRunId + ": allowed points whose run configs differ",
                "{ key = platform.crossbar.adc, values = [{ bits = 8 }, { headroom = 1 }] }");
    }

    @Test
    void badSweepSettingsAreRefusedWithOneExactLine() throws IOException {
        String axis = "{ key = seed, values = [1] }";
        refusedWith("sweep.name = ../escape: allowed 1-128 letters, digits, '.', '_' or '-', starting with a "
                + "letter or digit, without '..'", "name = \"../escape\"", axis);
        refusedWith("unknown sweep config key sweep.mdoe (did you mean sweep.mode?): every key is listed with its "
                + "default in pfm-sweep-defaults.conf", "mdoe = zip", axis);
        refusedWith("sweep.mode = diagonal: allowed grid or zip", "mode = diagonal", axis);
        refusedWith("sweep.max-points = 0: allowed integers 1 to 1000000", "max-points = 0", axis);
        refusedWith("sweep.lock.stale-seconds = 10.0: allowed a finite number above twice "
                + "sweep.lock.heartbeat-seconds (15.0)", "lock.stale-seconds = 10", axis);
        refusedWith("sweep.base output.sweep-id = \"mine\": allowed it unset: a sweep names its points by "
                + "sweep.name (s1)", "base.output.sweep-id = mine", axis);
    }
}
