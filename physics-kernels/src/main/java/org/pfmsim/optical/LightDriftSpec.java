package org.pfmsim.optical;

import java.io.Serializable;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.config.ConfigView;

/**
 * The optical MVM's environment over its service life: drift of the laser's power and wavelength since the
 * tile was calibrated (config {@code platform.optical-mvm.aging.*}). Both act on the number of photons
 * detected per MAC while the digital back end still converts counts at the nominal budget phi:
 * <ul>
 *   <li>laser power P (1 + p): the detected photon rate scales by 1 + p, and so does the laser energy;</li>
 *   <li>wavelength lambda + d: at a fixed optical power the photon rate is P lambda / (h c), so the detected
 *       photons scale by (lambda + d) / lambda (photon energy h c / lambda). The voxels' transmission and
 *       the detector's quantum efficiency also depend on the wavelength, but no data exists for written
 *       glass voxels; they are taken as flat over the drift (a stated assumption).</li>
 * </ul>
 * Detected photons per MAC become phi g with g = (1 + p)(1 + d / lambda). With the differential encoding
 * (balanced pairs, dark counts cancelling) the output is y g: a pure gain, which a per-tile digital gain
 * removes. With the offset encoding the digital offset subtraction assumes phi, so the output becomes
 * g y + s r (g - 1)(R + sum_i v_i + sum_i W_ij): the gain plus an additive error proportional to the input
 * sum and the column's transmission sum. Shot noise follows the detected photons (relative noise
 * 1 / sqrt(g)); calibrated ADC ranges are set on the light as detected.
 *
 * <p>Temperature is not a key here: in this intensity-detection model a uniform temperature offset
 * changes the glass's index n0 by dn/dT dT (8.16-8.53e-6 /K for fused silica at 1.55 um, Sensors 23, 6023
 * (2023)), i.e. the optical path's phase 2 pi L dn/dT dT / lambda, which intensity detection does not see;
 * written voxels and unwritten glass sharing dn/dT, transmissions are unchanged to first order. It matters
 * for the coherent glass volume ({@code platform.kind = glass-volume}).
 *
 * @param laserPowerDrift       relative change p of the laser's optical power since calibration (&gt; -1; 0 = none)
 * @param wavelengthDriftMeters change d of the laser's wavelength since calibration, m (|d| below the
 *                              wavelength; 0 = none)
 */
public record LightDriftSpec(double laserPowerDrift, double wavelengthDriftMeters) implements Serializable {
    static final String KEY = OpticalMvmSpec.P + "aging.";

    public LightDriftSpec {
        Checks.finite(KEY + "laser-power-drift", laserPowerDrift);
        if (!(laserPowerDrift > -1)) {
            throw ConfigException.of(KEY + "laser-power-drift", laserPowerDrift, "a number > -1 (relative change of "
                    + "the laser power; -1 would be no light)");
        }
        Checks.finite(KEY + "wavelength-drift-meters", wavelengthDriftMeters);
    }

    /** No drift: the calibrated laser. */
    public static LightDriftSpec none() {
        return new LightDriftSpec(0, 0);
    }

    /** Binds {@code platform.optical-mvm.aging.*}. */
    public static LightDriftSpec bind(ConfigView c) {
        return new LightDriftSpec(c.number(KEY + "laser-power-drift"), c.number(KEY + "wavelength-drift-meters"));
    }

    /** Refuses a wavelength drift that would reach zero wavelength. */
    void checkWavelength(double wavelengthMeters) {
        if (!(Math.abs(wavelengthDriftMeters) < wavelengthMeters)) {
            throw ConfigException.of(KEY + "wavelength-drift-meters", wavelengthDriftMeters, "a drift smaller in "
                    + "magnitude than the wavelength (" + wavelengthMeters + " m)");
        }
    }

    /** g = (1 + p)(1 + d / lambda): detected photons per nominal photon (exactly 1 without drift). */
    public double detectedPhotonGain(double wavelengthMeters) {
        return (1 + laserPowerDrift) * (1 + wavelengthDriftMeters / wavelengthMeters);
    }

    /** 1 + p: the laser's energy per nominal energy. */
    public double laserEnergyGain() {
        return 1 + laserPowerDrift;
    }
}
