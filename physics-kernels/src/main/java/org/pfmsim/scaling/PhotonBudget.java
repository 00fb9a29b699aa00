package org.pfmsim.scaling;

import org.pfmsim.config.ConfigView;
import org.pfmsim.photonics.Photon;
import org.pfmsim.config.Checks;

/**
 * The light an optical readout needs, in the shot-noise limit. An output that sums d products and
 * detects N photons in all has Poisson noise sqrt(N), so its signal-to-noise ratio is SNR = sqrt(N):
 * reaching a given SNR takes N = SNR^2 detected photons per output, i.e. SNR^2 / d photons per MAC.
 * The photons per MAC needed at fixed output SNR therefore fall as 1/d with the fan-in d (Wang et al.,
 * Nature Communications 13:123, 2022; Wright et al. 2026, arXiv:2604.27911). Detector noise and dark
 * counts are neglected (the shot-noise-limited regime).
 *
 * <p>Wall-plug energy of one detected photon = h nu / (detector efficiency x optical efficiency x laser
 * wall-plug efficiency): photons are lost to the optics (including the mean transmission of
 * intensity-encoded weights) and to the detector, and the laser turns only part of its electrical
 * power into light.
 *
 * @param wavelengthMeters        vacuum wavelength, m
 * @param outputSnr               required mean-to-standard-deviation ratio of each detected output (linear)
 * @param detectorEfficiency      detector quantum efficiency, 0 to 1
 * @param opticalEfficiency       fraction of emitted photons that reach the detectors, 0 to 1
 * @param laserWallPlugEfficiency optical power out / electrical power in of the source, 0 to 1
 *
 * <p>The canonical constructor takes values as they are (for tests and derived budgets); config input
 * goes through the prefixed constructor, which checks each value and names its key on failure.
 */
public record PhotonBudget(double wavelengthMeters, double outputSnr, double detectorEfficiency,
                           double opticalEfficiency, double laserWallPlugEfficiency) {

    /** Validates; {@code prefix} is the config path, e.g. {@code platform.optical-mvm.}. */
    public PhotonBudget(String prefix, double wavelengthMeters, double outputSnr, double detectorEfficiency,
            double opticalEfficiency, double laserWallPlugEfficiency) {
        this(Checks.positive(prefix + "wavelength-meters", wavelengthMeters),
                Checks.positive(prefix + "output-snr", outputSnr),
                efficiency(prefix + "detector-efficiency", detectorEfficiency),
                efficiency(prefix + "optical-efficiency", opticalEfficiency),
                efficiency(prefix + "laser-wall-plug-efficiency", laserWallPlugEfficiency));
    }

    /** Detected photons per output: SNR^2 (Poisson: SNR = sqrt(N)). */
    public double photonsPerOutput() {
        return outputSnr * outputSnr;
    }

    /** Detected photons per MAC for fan-in {@code fanIn}: SNR^2 / d. */
    public double photonsPerMac(double fanIn) {
        return photonsPerOutput() / fanIn;
    }

    /** Electrical energy spent per detected photon, J. */
    public double wallPlugJoulesPerDetectedPhoton() {
        return Photon.energyJoules(wavelengthMeters)
                / (detectorEfficiency * opticalEfficiency * laserWallPlugEfficiency);
    }

    /**
     * The output SNR a shot-noise-limited readout reaches with {@code photonsPerMac} detected photons per
     * MAC at fan-in {@code fanIn}: sqrt(photons x d). Used to carry a simulated photon budget over to
     * other widths.
     */
    public static double snrOf(double photonsPerMac, double fanIn) {
        return Math.sqrt(photonsPerMac * fanIn);
    }

    private static double efficiency(String key, double v) {
        if (!(v > 0 && v <= 1)) {
            throw org.pfmsim.config.ConfigException.of(key, v, "a number > 0 and <= 1");
        }
        return v;
    }

    /** Binds the photon-budget keys under {@code prefix} (wavelength, output SNR, efficiencies). */
    public static PhotonBudget bind(ConfigView c, String prefix) {
        return new PhotonBudget(prefix, c.number(prefix + "wavelength-meters"), c.number(prefix + "output-snr"),
                c.number(prefix + "detector-efficiency"), c.number(prefix + "optical-efficiency"),
                c.number(prefix + "laser-wall-plug-efficiency"));
    }
}
