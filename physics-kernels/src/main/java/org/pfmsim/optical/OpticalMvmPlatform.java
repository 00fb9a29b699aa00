package org.pfmsim.optical;

import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.TileAddress;

/**
 * Optical matrix-vector multiply in glass: weights as voxel transmissions, inputs as modulated light
 * intensities, outputs as photodetector counts under a photon budget (DESIGN.md, "Optical
 * matrix-vector multiply in glass"; the photon-limited regime follows Wang et al., "An optical neural
 * network using less than 1 photon per multiplication", Nat. Commun. 13, 123 (2022)).
 */
public record OpticalMvmPlatform(OpticalMvmSpec spec) implements Platform {
    /** The config name, {@code platform.kind = optical-mvm}. */
    public static final String KIND = "optical-mvm";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public PhysicalTile program(float[] weights, int rows, int cols, TileAddress address) {
        TransmissionProgrammer.Transmissions t = TransmissionProgrammer.program(spec, weights, rows, cols, address);
        return new OpticalMvmTile(spec, rows, cols, t, new Photodetection(spec, rows, cols, t, address));
    }

    @Override
    public double fixedInputRange() {
        return spec.dac().calibrated() ? 0 : spec.dac().fixedRange();
    }

    @Override
    public double partialSumAddEnergyJoules() {
        return spec.cost().digitalAddEnergyJoules();
    }
}
