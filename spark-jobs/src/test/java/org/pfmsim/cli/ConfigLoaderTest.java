package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.crossbar.CrossbarPlatform;
import org.pfmsim.crossbar.CrossbarSpec;

/** Bad input fails before any work with one line naming the key, the value and what is allowed. */
class ConfigLoaderTest {
    private static final String SMALL = "model { width = 64, depth = 2 }\ntiling { tile-rows = 32, tile-cols = 32 }\n";

    private static RunConfig resolve(String hocon, String... overrides) {
        return ConfigLoader.resolve(ConfigFactory.parseString(hocon), List.of(overrides));
    }

    private static String error(String hocon, String... overrides) {
        String message = assertThrows(ConfigException.class, () -> resolve(hocon, overrides)).getMessage();
        assertTrue(!message.contains("\n"), "one line: " + message);
        return message;
    }

    @Test
    void defaultsAloneGiveTheDocumentedCrossbar() {
        RunConfig c = resolve("");
        CrossbarSpec spec = ((CrossbarPlatform) c.simulation().platform()).spec();
        assertEquals(8, spec.adc().bits());
        assertEquals(64, spec.conductanceLevels());
        assertEquals(CrossbarSpec.WireSpec.Model.FIRST_ORDER, spec.wires().model());
        assertEquals(16, c.simulation().batch());
        assertEquals("results", c.outputRoot());
        assertEquals(null, c.sweepId());
    }

    @Test
    void unknownKeyIsRefusedWithTheNearestKnownKey() {
        assertEquals("unknown config key platform.crossbar.adc.bitz (did you mean platform.crossbar.adc.bits?): "
                + "every key is listed with its default in crossbar-defaults.conf", error("platform.crossbar.adc.bitz = 6"));
        assertEquals("unknown config key modle.width (did you mean model.width?): every key is listed with its "
                + "default in pfm-defaults.conf", error("modle.width = 6"));
    }

    @Test
    void wrongTypesAreRefused() {
        assertEquals("model.width = \"wide\": allowed an integer", error("model.width = wide"));
        assertEquals("model.width = 12.5: allowed an integer", error("model.width = 12.5"));
        assertEquals("platform.crossbar.adc.enabled = \"maybe\": allowed true or false",
                error("platform.crossbar.adc.enabled = maybe"));
        assertEquals("model.width = [64,128]: allowed a single number value", error("model.width = [64, 128]"));
        assertEquals("unknown config key model.width.value (did you mean model.width?): every key is listed "
                + "with its default in pfm-defaults.conf", error("model.width { value = 64 }"));
    }

    @Test
    void outOfRangePhysicsIsRefused() {
        assertEquals("platform.crossbar.g-min-siemens = -1.0E-6: allowed a finite number >= 0",
                error("platform.crossbar.g-min-siemens = -1e-6"));
        assertEquals("platform.crossbar.adc.bits = 0: allowed integers 2 to 24", error("platform.crossbar.adc.bits = 0"));
        assertEquals("platform.crossbar.read-noise-sigma = NaN: allowed a finite number",
                error("platform.crossbar.read-noise-sigma = NaN"));
        assertEquals("platform.crossbar.read-noise-sigma = NaN: allowed a finite number",
                error("platform.crossbar.read-noise-sigma = \"NaN\""));
        assertEquals("platform.crossbar.g-max-siemens = 1.0E-7: allowed a value above platform.crossbar.g-min-siemens"
                + " (5.0E-7)", error("platform.crossbar.g-max-siemens = 1e-7"));
        assertEquals("platform.crossbar.stuck-on-rate = 1.5: allowed a number from 0 to 1",
                error("platform.crossbar.stuck-on-rate = 1.5"));
        assertEquals("platform.crossbar.dac.range = -2: allowed calibrated or a number > 0",
                error("platform.crossbar.dac.range = -2"));
        assertEquals("platform.crossbar.wires.model = spice: allowed one of none first-order nodal",
                error("platform.crossbar.wires.model = spice"));
        assertEquals("platform.kind = quantum: allowed one of crossbar digital glass-volume optical-mvm",
                error("platform.kind = quantum"));
        assertEquals("batch.size = 0: allowed integers 1 to 1048576", error("batch.size = 0"));
    }

    @Test
    void tileLargerThanALayerIsRefused() {
        assertEquals("tiling.tile-rows = 128: allowed at most the smallest layer input width (64, layer 0)",
                error(SMALL, "tiling.tile-rows=128"));
        assertEquals("tiling.tile-cols = 100: allowed at most the smallest layer output width (64, layer 0)",
                error(SMALL, "tiling.tile-cols=100"));
    }

    @Test
    void nodalWiresAreRefusedForLargeTiles() {
        assertEquals("platform.crossbar.wires.model = nodal: allowed only for tiles of at most 16384 cells "
                + "(tiling is 512x512); use first-order", error("platform.crossbar.wires.model = nodal"));
    }

    @Test
    void sweepIdsThatCouldEscapeTheOutputRootAreRefused() {
        assertTrue(error("output.sweep-id = \"../../etc\"").startsWith("output.sweep-id = ../../etc: allowed"));
        assertTrue(error("output.sweep-id = \"a/b\"").startsWith("output.sweep-id = a/b: allowed"));
        assertEquals("grid-7", resolve("output.sweep-id = grid-7").sweepId());
    }

    @Test
    void overridesWinOverTheFileAndKeepTheirTypes() {
        RunConfig c = resolve(SMALL + "platform.crossbar.adc.bits = 6", "platform.crossbar.adc.bits=10",
                "output.root=hdfs://127.0.0.1:9000/pfm");
        assertEquals(10, ((CrossbarPlatform) c.simulation().platform()).spec().adc().bits());
        assertEquals("hdfs://127.0.0.1:9000/pfm", c.outputRoot());
        assertEquals("--set adc.bits: allowed key=value", error(SMALL, "adc.bits"));
    }

    @Test
    void configHashNamesTheSimulationNotWhereResultsGo() {
        RunConfig a = resolve(SMALL, "output.root=/tmp/a");
        RunConfig b = resolve(SMALL, "output.root=/tmp/b");
        RunConfig c = resolve(SMALL, "seed=2");
        assertEquals(a.configHash(), b.configHash());
        assertNotEquals(a.configHash(), c.configHash());
        assertEquals(16, a.runId().length());
        assertTrue(a.configJson().contains("\"adc\""), "the stored config is the resolved one, defaults included");
    }
}
