package org.pfmsim.scaling;

/**
 * What one platform costs for one workload (one row of the {@code scaling} table, before the comparison
 * with the digital baseline is attached).
 *
 * @param platform                   platform kind: crossbar, optical-mvm, glass-volume or digital
 * @param workload                   the model costed
 * @param tiles                      physical units: crossbar tiles, optical MVM tiles, glass blocks or chips
 * @param areaSquareMeters           footprint of the weights' medium, m^2, or NaN where a volume is the measure
 * @param volumeCubicMeters          volume of the medium, m^3, or NaN where an area is the measure
 * @param energyPerMacJoules         energy per multiply-accumulate, J (energy per token / parameters)
 * @param latencyPerTokenSeconds     time from a token's input to its output, s (layers in sequence)
 * @param throughputTokensPerSecond  tokens per second with every layer's hardware busy on its own token
 */
public record ScalingPoint(String platform, Workload workload, long tiles, double areaSquareMeters,
                           double volumeCubicMeters, double energyPerMacJoules, double latencyPerTokenSeconds,
                           double throughputTokensPerSecond) {

    /** Energy of one token, J: one MAC per parameter. */
    public double energyPerTokenJoules() {
        return energyPerMacJoules * workload.parameters();
    }

    /** Power at full throughput, W. */
    public double powerWatts() {
        return energyPerTokenJoules() * throughputTokensPerSecond;
    }
}
