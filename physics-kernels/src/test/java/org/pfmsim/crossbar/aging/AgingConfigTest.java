package org.pfmsim.crossbar.aging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.config.ConfigView;
import org.pfmsim.crossbar.CrossbarSpec;

/** Binding {@code platform.crossbar.aging.*}: the published defaults, and bad input refused in one line. */
class AgingConfigTest {
    /** The keys of pfm-defaults.conf's aging block, as spark-jobs resolves them. */
    private static Map<String, Object> defaults() {
        Map<String, Object> m = new HashMap<>();
        String p = AgingSpec.KEY;
        m.put(p + "model", "none");
        m.put(p + "seconds", 0.0);
        for (String model : List.of("pcm", "hermes", "rram-cmo")) {
            m.put(p + model + ".prog-noise-scale", 1.0);
            m.put(p + model + ".read-noise-scale", 1.0);
            m.put(p + model + ".drift-scale", 1.0);
        }
        m.put(p + "pcm.t0-seconds", 20.0);
        m.put(p + "pcm.t-read-seconds", 250e-9);
        m.put(p + "hermes.num-devices", 2);
        m.put(p + "hermes.t-read-seconds", 512e-9);
        m.put(p + "rram-cmo.acceptance-range-percent", 2.0);
        m.put(p + "rram-cmo.t-read-seconds", 1e-6);
        return m;
    }

    private static AgingSpec bind(String key, Object value, String... more) {
        Map<String, Object> m = defaults();
        m.put(key.startsWith("platform.") ? key : AgingSpec.KEY + key, value);
        for (int k = 0; k < more.length; k += 2) {
            m.put(AgingSpec.KEY + more[k], more[k + 1]);
        }
        return AgingSpec.bind(new MapView(m));
    }

    private static String refused(String key, Object value, String... more) {
        return assertThrows(ConfigException.class, () -> bind(key, value, more)).getMessage();
    }

    @Test
    void publishedDefaultsBindToEachModel() {
        assertInstanceOf(NoAging.class, bind("model", "none").model());
        PcmAging pcm = (PcmAging) bind("model", "pcm", "seconds", "3600").model();
        assertEquals(20.0, pcm.t0Seconds());
        assertEquals(250e-9, pcm.tReadSeconds());
        assertEquals(3600, bind("model", "pcm", "seconds", "3600").seconds());
        HermesAging hermes = (HermesAging) bind("model", "hermes").model();
        assertEquals(300.0, hermes.t0Seconds());
        assertEquals(2, hermes.devices());
        assertInstanceOf(CmoReRamAging.class, bind("model", "rram-cmo", "seconds", "86400").model());
    }

    @Test
    void badInputIsOneLineNamingKeyValueAndAllowed() {
        assertEquals("platform.crossbar.aging.seconds = -1.0: allowed a finite number >= 0",
                refused("seconds", -1.0, "model", "pcm"));
        assertEquals("platform.crossbar.aging.seconds = NaN: allowed a finite number >= 0",
                refused("seconds", Double.NaN));
        assertEquals("platform.crossbar.aging.model = drift: allowed one of none pcm hermes rram-cmo",
                refused("model", "drift"));
        assertEquals("platform.crossbar.aging.pcm.t0-seconds = 0.0: allowed a finite number > 0",
                refused("pcm.t0-seconds", 0.0, "model", "pcm"));
        assertEquals("platform.crossbar.aging.pcm.drift-scale = -0.5: allowed a finite number >= 0",
                refused("pcm.drift-scale", -0.5, "model", "pcm"));
        assertEquals("platform.crossbar.aging.hermes.num-devices = 4: allowed 1 or 2 (HERMES fits)",
                refused("hermes.num-devices", 4, "model", "hermes"));
        assertEquals("platform.crossbar.aging.rram-cmo.acceptance-range-percent = 1.0: allowed 0.2 or 2 (the two "
                + "characterized program-and-verify ranges)", refused("rram-cmo.acceptance-range-percent", 1.0,
                "model", "rram-cmo"));
        assertEquals("platform.crossbar.aging.seconds = 0.5: allowed 0 or at least 1 with aging model rram-cmo (its "
                + "relaxation is fitted in ln t from seconds on)", refused("seconds", 0.5, "model", "rram-cmo"));
        for (String message : List.of(refused("seconds", -1.0), refused("model", "x\ny"))) {
            assertEquals(1, message.lines().count(), message);
        }
    }

    /** rram-cmo needs the crossbar window inside the characterized 8-90 uS. */
    @Test
    void cmoWindowOutsideItsCharacterizationIsRefused() {
        AgingSpec cmo = new AgingSpec(CmoReRamAging.published(), 86400);
        CrossbarSpec ideal = CrossbarSpec.ideal(); // 1-100 uS
        assertEquals("platform.crossbar.g-min-siemens = 1.0E-6: allowed at least 8e-6 S with aging model rram-cmo "
                + "(characterized on 8-90 uS)", assertThrows(ConfigException.class,
                () -> ideal.withAging(cmo)).getMessage());
        CrossbarSpec wide = new CrossbarSpec(10e-6, 100e-6, 0.2, 0, ideal.variability(), 0, 0, 0, ideal.dac(),
                ideal.wires(), ideal.adc(), ideal.cost());
        assertEquals("platform.crossbar.g-max-siemens = 1.0E-4: allowed at most 9e-5 S with aging model rram-cmo "
                + "(characterized on 8-90 uS)", assertThrows(ConfigException.class,
                () -> wide.withAging(cmo)).getMessage());
    }

    /** A map-backed view with the same refusals as spark-jobs' TypedConfig for the getters used here. */
    private record MapView(Map<String, Object> m) implements ConfigView {
        private Object get(String key) {
            if (!m.containsKey(key)) {
                throw new ConfigException("missing " + key);
            }
            return m.get(key);
        }

        @Override
        public boolean has(String key) {
            return m.containsKey(key);
        }

        @Override
        public String string(String key) {
            return String.valueOf(get(key));
        }

        @Override
        public boolean bool(String key) {
            return Boolean.parseBoolean(string(key));
        }

        @Override
        public int integer(String key) {
            return Integer.parseInt(string(key));
        }

        @Override
        public long longInteger(String key) {
            return Long.parseLong(string(key));
        }

        @Override
        public double number(String key) {
            return Double.parseDouble(string(key));
        }

        @Override
        public List<String> strings(String key) {
            return List.of(string(key).split(","));
        }

        @Override
        public double numberOr(String key, String word, String allowed) {
            return string(key).equals(word) ? 0 : number(key);
        }

        @Override
        public <E extends Enum<E>> E choice(String key, Class<E> type) {
            return Enum.valueOf(type, string(key).toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }
}
