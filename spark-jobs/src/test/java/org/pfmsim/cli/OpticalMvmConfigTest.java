package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.optical.OpticalMvmPlatform;
import org.pfmsim.optical.OpticalMvmSpec;

/** {@code platform.optical-mvm.*}: the documented defaults bind, and bad values fail with their one-line error. */
class OpticalMvmConfigTest {
    private static final String OPTICAL = "platform.kind = optical-mvm\n";

    private static RunConfig resolve(String hocon, String... overrides) {
        return ConfigLoader.resolve(ConfigFactory.parseString(OPTICAL + hocon), List.of(overrides));
    }

    private static String error(String hocon) {
        String message = assertThrows(ConfigException.class, () -> resolve(hocon)).getMessage();
        assertTrue(!message.contains("\n"), "one line: " + message);
        return message;
    }

    @Test
    void defaultsBindToTheDocumentedOpticalMvm() {
        OpticalMvmPlatform platform = (OpticalMvmPlatform) resolve("").simulation().platform();
        OpticalMvmSpec spec = platform.spec();
        assertEquals("optical-mvm", platform.kind());
        assertEquals(1000, spec.photonsPerMac());
        assertTrue(spec.shotNoise());
        assertEquals(OpticalMvmSpec.Encoding.DIFFERENTIAL, spec.encoding());
        assertEquals(64, spec.transmissionLevels());
        assertEquals(1550e-9, spec.cost().wavelengthMeters());
        assertEquals(1.28e-19, spec.cost().photonEnergyJoules(), 0.005e-19);
        assertEquals(0, platform.fixedInputRange());
        OpticalMvmSpec offset = ((OpticalMvmPlatform) resolve("", "platform.optical-mvm.encoding=offset",
                "platform.optical-mvm.dac.range=2.5").simulation().platform()).spec();
        assertEquals(OpticalMvmSpec.Encoding.OFFSET, offset.encoding());
        assertEquals(2.5, new OpticalMvmPlatform(offset).fixedInputRange());
    }

    @Test
    void badOpticalValuesAreRefusedWithTheirOneLineError() {
        String p = "platform.optical-mvm.";
        assertEquals(p + "photons-per-mac = -5.0: allowed a finite number > 0", error(p + "photons-per-mac = -5"));
        assertEquals(p + "photons-per-mac = 0.0: allowed a finite number > 0", error(p + "photons-per-mac = 0"));
        assertEquals(p + "adc.bits = 0: allowed integers 2 to 24", error(p + "adc.bits = 0"));
        assertEquals(p + "dac.bits = 25: allowed integers 2 to 24", error(p + "dac.bits = 25"));
        assertEquals(p + "fabrication-sigma = NaN: allowed a finite number", error(p + "fabrication-sigma = NaN"));
        assertEquals(p + "fabrication-sigma = -0.1: allowed a finite number >= 0", error(p + "fabrication-sigma = -0.1"));
        assertEquals(p + "crosstalk = 0.6: allowed a number from 0 to 0.5", error(p + "crosstalk = 0.6"));
        assertEquals(p + "loss-db = -3.0: allowed a finite number >= 0", error(p + "loss-db = -3"));
        assertEquals(p + "transmission-levels = 1: allowed integers 2 to 1048576", error(p + "transmission-levels = 1"));
        assertEquals(p + "encoding = quadrature: allowed one of differential offset", error(p + "encoding = quadrature"));
        assertEquals(p + "detector.dark-counts = -1.0: allowed a finite number >= 0", error(p + "detector.dark-counts = -1"));
        assertEquals(p + "detector.rate-hertz = 0.0: allowed a finite number > 0", error(p + "detector.rate-hertz = 0"));
        assertEquals(p + "cost.detector-quantum-efficiency = 1.2: allowed a number > 0 and <= 1",
                error(p + "cost.detector-quantum-efficiency = 1.2"));
        assertEquals(p + "cost.refractive-index = 0.5: allowed a finite number >= 1", error(p + "cost.refractive-index = 0.5"));
        assertEquals(p + "cost.wavelength-meters = 0.0: allowed a finite number > 0", error(p + "cost.wavelength-meters = 0"));
        assertEquals(p + "dac.range = -1: allowed calibrated or a number > 0", error(p + "dac.range = -1"));
        assertEquals(p + "shot-noise = \"sometimes\": allowed true or false", error(p + "shot-noise = sometimes"));
        assertEquals("unknown config key platform.optical-mvm.photons-per-mak (did you mean "
                + "platform.optical-mvm.photons-per-mac?): every key is listed with its default in optical-mvm-defaults.conf",
                error(p + "photons-per-mak = 5"));
    }
}
