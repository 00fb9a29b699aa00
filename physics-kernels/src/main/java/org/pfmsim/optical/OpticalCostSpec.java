package org.pfmsim.optical;

import org.pfmsim.photonics.Photon;
import java.io.Serializable;
import org.pfmsim.config.Checks;

/**
 * Energy, latency and geometry inputs of an optical MVM tile (config {@code platform.optical-mvm.cost.*}).
 * The defaults and their sources are documented beside each key in {@code pfm-defaults.conf}.
 *
 * @param wavelengthMeters               laser wavelength, m (one photon carries h c / wavelength)
 * @param detectorQuantumEfficiency      photoelectrons per photon reaching a detector
 * @param laserWallPlugEfficiency        optical power out / electrical power in of the laser
 * @param couplingEfficiency             fraction of the laser's light coupled into the glass block
 * @param modulatorEnergyJoules          energy of one input conversion (DAC plus modulator), J
 * @param adcFomJoulesPerStep            Walden figure of merit: ADC energy = FOM x 2^bits per conversion, J
 * @param digitalAddEnergyJoules         one digital addition (partial sums, offset correction), J
 * @param refractiveIndex                group index of the glass along the optical path
 * @param pathLengthMeters               geometric path through the block, input plane to detector plane, m
 * @param voxelPitchMeters               lateral pitch of the transmission voxels, m
 */
public record OpticalCostSpec(
        double wavelengthMeters,
        double detectorQuantumEfficiency,
        double laserWallPlugEfficiency,
        double couplingEfficiency,
        double modulatorEnergyJoules,
        double adcFomJoulesPerStep,
        double digitalAddEnergyJoules,
        double refractiveIndex,
        double pathLengthMeters,
        double voxelPitchMeters) implements Serializable {

    private static final String P = OpticalMvmSpec.P + "cost.";

    public OpticalCostSpec {
        Checks.positive(P + "wavelength-meters", wavelengthMeters);
        efficiency(P + "detector-quantum-efficiency", detectorQuantumEfficiency);
        efficiency(P + "laser-wall-plug-efficiency", laserWallPlugEfficiency);
        efficiency(P + "coupling-efficiency", couplingEfficiency);
        Checks.nonNegative(P + "modulator-energy-joules", modulatorEnergyJoules);
        Checks.nonNegative(P + "adc-fom-joules-per-step", adcFomJoulesPerStep);
        Checks.nonNegative(P + "digital-add-energy-joules", digitalAddEnergyJoules);
        if (!(refractiveIndex >= 1) || !Double.isFinite(refractiveIndex)) {
            throw org.pfmsim.config.ConfigException.of(P + "refractive-index", refractiveIndex, "a finite number >= 1");
        }
        Checks.positive(P + "path-length-meters", pathLengthMeters);
        Checks.positive(P + "voxel-pitch-meters", voxelPitchMeters);
    }

    private static void efficiency(String key, double v) {
        if (!(v > 0 && v <= 1)) {
            throw org.pfmsim.config.ConfigException.of(key, v, "a number > 0 and <= 1");
        }
    }

    /** Energy of one photon, h c / wavelength, J (1.28e-19 J at 1550 nm). */
    public double photonEnergyJoules() {
        return Photon.energyJoules(wavelengthMeters);
    }

    /** Time of flight through the block, n L / c, s. */
    public double flightSeconds() {
        return Photon.transitSeconds(pathLengthMeters, refractiveIndex);
    }

    /**
     * Electrical laser energy per detected photon, J: h nu over the chain of efficiencies a photon passes
     * on its way from wall plug to photoelectron (wall plug, coupling, insertion loss, quantum efficiency).
     */
    public double laserJoulesPerDetectedPhoton(double lossTransmission) {
        return photonEnergyJoules()
                / (laserWallPlugEfficiency * couplingEfficiency * lossTransmission * detectorQuantumEfficiency);
    }

    public static OpticalCostSpec defaults() {
        return new OpticalCostSpec(1550e-9, 0.8, 0.2, 0.5, 100e-15, 5e-15, 30e-15, 1.444, 1e-3, 2e-6);
    }
}
