package org.pfmsim.optical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pfmsim.optical.OpticalIdealityTest.ADDRESS;
import static org.pfmsim.optical.OpticalIdealityTest.gaussian;
import static org.pfmsim.optical.OpticalIdealityTest.read;

import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.platform.ReadRequest;

/**
 * Laser power and wavelength drift against their closed forms: detected photons per MAC phi g with
 * g = (1 + p)(1 + d / lambda) while counts are converted at phi, so the differential encoding's output is
 * g y exactly, and the offset encoding's is g y + s r (g - 1)(R + sum_i v_i + sum_i W_ij) (noiseless
 * detection: shot noise, dark counts, read noise and converters off, so only the drift acts).
 */
class LaserDriftTest {
    private static final int ROWS = 48;
    private static final int COLS = 20;
    private static final int SAMPLES = 7;

    private static float[] inputs() {
        float[] x = gaussian(SAMPLES * ROWS, 1, 31);
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.max(-1.5f, Math.min(1.5f, x[k])); // inside the range: no modulator clipping
        }
        return x;
    }

    @Test
    void differentialOutputIsScaledByTheDetectedPhotonGain() {
        float[] w = gaussian(ROWS * COLS, 1, 30);
        float[] x = inputs();
        OpticalMvmSpec calibrated = OpticalMvmSpec.ideal(OpticalMvmSpec.Encoding.DIFFERENTIAL);
        OpticalMvmSpec drifted = calibrated.withDrift(new LightDriftSpec(-0.05, 2e-9));
        double g = 0.95 * (1 + 2e-9 / 1550e-9);
        float[] y = read(calibrated, w, ROWS, COLS, ReadRequest.of(x, SAMPLES, 2f)).outputs();
        float[] yd = read(drifted, w, ROWS, COLS, ReadRequest.of(x, SAMPLES, 2f)).outputs();
        for (int k = 0; k < y.length; k++) {
            assertEquals(g * y[k], yd[k], 1e-5 * (1 + Math.abs(y[k])), "output " + k);
        }
    }

    @Test
    void offsetOutputGainsAnInputSumAndColumnSumError() {
        float[] w = gaussian(ROWS * COLS, 1, 32);
        float[] x = inputs();
        float range = 2f;
        OpticalMvmSpec calibrated = OpticalMvmSpec.ideal(OpticalMvmSpec.Encoding.OFFSET);
        double p = 0.1;
        OpticalMvmSpec drifted = calibrated.withDrift(new LightDriftSpec(p, 0));
        float[] y = read(calibrated, w, ROWS, COLS, ReadRequest.of(x, SAMPLES, range)).outputs();
        float[] yd = read(drifted, w, ROWS, COLS, ReadRequest.of(x, SAMPLES, range)).outputs();
        double s = OpticalIdealityTest.maxAbs(w);
        double g = 1 + p;
        for (int n = 0; n < SAMPLES; n++) {
            double inputSum = 0;
            for (int i = 0; i < ROWS; i++) {
                inputSum += x[n * ROWS + i] / range;
            }
            for (int j = 0; j < COLS; j++) {
                double columnSum = 0; // sum_i W_ij, W = 2T - 1 = w / s for exact transmissions
                for (int i = 0; i < ROWS; i++) {
                    columnSum += w[i * COLS + j] / s;
                }
                double expected = g * y[n * COLS + j] + s * range * (g - 1) * (ROWS + inputSum + columnSum);
                assertEquals(expected, yd[n * COLS + j], 1e-4 * s * range * ROWS, "sample " + n + ", output " + j);
            }
        }
    }

    /** The laser's energy follows its power; without drift everything is bit-identical. */
    @Test
    void laserEnergyFollowsThePowerAndNoDriftChangesNothing() {
        float[] w = gaussian(ROWS * COLS, 1, 33);
        float[] x = inputs();
        OpticalMvmSpec spec = OpticalMvmSpec.ideal(OpticalMvmSpec.Encoding.DIFFERENTIAL).withPhotons(50, true);
        OpticalMvmSpec same = spec.withDrift(new LightDriftSpec(0, 0));
        assertArrayEquals(read(spec, w, ROWS, COLS, ReadRequest.of(x, SAMPLES, 2f)).outputs(),
                read(same, w, ROWS, COLS, ReadRequest.of(x, SAMPLES, 2f)).outputs());
        try (OpticalMvmTile a = (OpticalMvmTile) new OpticalMvmPlatform(spec).program(w, ROWS, COLS, ADDRESS);
             OpticalMvmTile b = (OpticalMvmTile) new OpticalMvmPlatform(spec.withDrift(new LightDriftSpec(0.2, 0)))
                     .program(w, ROWS, COLS, ADDRESS)) {
            double modulators = 2.0 * ROWS * spec.cost().modulatorEnergyJoules();
            assertEquals(1.2 * (a.energyJoules(1) - modulators), b.energyJoules(1) - modulators,
                    1e-12 * a.energyJoules(1));
        }
    }

    @Test
    void impossibleDriftIsRefusedInOneLine() {
        assertEquals("platform.optical-mvm.aging.laser-power-drift = -1.0: allowed a number > -1 (relative change of "
                + "the laser power; -1 would be no light)", assertThrows(ConfigException.class,
                () -> new LightDriftSpec(-1, 0)).getMessage());
        assertEquals("platform.optical-mvm.aging.wavelength-drift-meters = -2.0E-6: allowed a drift smaller in "
                + "magnitude than the wavelength (1.55E-6 m)", assertThrows(ConfigException.class,
                () -> OpticalMvmSpec.ideal(OpticalMvmSpec.Encoding.OFFSET).withDrift(new LightDriftSpec(0, -2e-6)))
                .getMessage());
        assertEquals("platform.optical-mvm.aging.wavelength-drift-meters = NaN: allowed a finite number",
                assertThrows(ConfigException.class, () -> new LightDriftSpec(0, Double.NaN)).getMessage());
    }
}
