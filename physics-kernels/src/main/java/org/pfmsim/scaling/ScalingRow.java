package org.pfmsim.scaling;

/**
 * One row of the {@code scaling} table: a platform's cost for one workload next to the digital
 * baseline's for the same workload.
 *
 * @param point                       the platform's cost
 * @param digitalEnergyPerTokenJoules the baseline's energy for the same token, J
 * @param calibration                 what characterizing the fabricated model costs
 */
public record ScalingRow(ScalingPoint point, double digitalEnergyPerTokenJoules, CalibrationEffort calibration) {
    /** How many times less energy per token than the digital baseline (1 for the baseline itself). */
    public double advantage() {
        return digitalEnergyPerTokenJoules / point.energyPerTokenJoules();
    }
}
