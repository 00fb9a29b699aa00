package org.pfmsim.digital;

import org.pfmsim.config.Checks;
import org.pfmsim.scaling.CostModel;
import org.pfmsim.scaling.ScalingPoint;
import org.pfmsim.scaling.Workload;

/**
 * The baseline: a digital accelerator with read-only weight memory. Every MAC costs
 * {@code energyPerMacJoules} including its weight fetch (300 fJ by default: the digital baseline of
 * Wright et al. 2026, arXiv:2604.27911; consistent with Horowitz, ISSCC 2014, where an 8-bit multiply and
 * add cost about 0.23 pJ at 45 nm and a local SRAM read dominates beyond that). Chips each hold
 * {@code weightsPerChip} weights and run {@code chipMacsPerSecond} MACs per second. (The simulator's
 * {@code platform.digital.macs-per-second} is one tile's engine; a chip is many of them, hence its own key,
 * {@code platform.digital.chip-macs-per-second}.)
 *
 * <ul>
 *   <li>chips = ceil(parameters / weights per chip); area = parameters x weight bits x bit-cell area;</li>
 *   <li>latency per token: layers in sequence; a layer spread over k chips runs on them in parallel,
 *       so one layer takes d^2 / (rate x max(1, d^2 / weights per chip));</li>
 *   <li>throughput: every chip busy on some token (layer pipelining): chips x rate / parameters.</li>
 * </ul>
 *
 * @param energyPerMacJoules       energy of one MAC with its weight fetch, J
 * @param chipMacsPerSecond        sustained MACs per second of one chip
 * @param weightsPerChip           weights one chip holds
 * @param weightBits               bits stored per weight
 * @param bitCellAreaSquareMeters  area of one stored bit, m^2
 */
public record DigitalCostModel(double energyPerMacJoules, double chipMacsPerSecond, double weightsPerChip,
                               int weightBits, double bitCellAreaSquareMeters) implements CostModel {
    private static final String P = "platform.digital.";

    public DigitalCostModel {
        Checks.nonNegative(P + "energy-per-mac-joules", energyPerMacJoules);
        Checks.positive(P + "chip-macs-per-second", chipMacsPerSecond);
        Checks.positive(P + "weights-per-chip", weightsPerChip);
        Checks.intRange(P + "weight-bits", weightBits, 1, 64);
        Checks.nonNegative(P + "bit-cell-area-square-meters", bitCellAreaSquareMeters);
    }

    @Override
    public String platform() {
        return DigitalPlatform.KIND;
    }

    @Override
    public ScalingPoint cost(Workload w) {
        double layerMacs = (double) w.width() * w.width();
        long chips = (long) Math.ceil(w.parameters() / weightsPerChip);
        double layerSeconds = layerMacs / (chipMacsPerSecond * Math.max(1, layerMacs / weightsPerChip));
        double area = (double) w.parameters() * weightBits * bitCellAreaSquareMeters;
        double throughput = chips * chipMacsPerSecond / w.parameters();
        return new ScalingPoint(platform(), w, chips, area, Double.NaN, energyPerMacJoules,
                w.depth() * layerSeconds, throughput);
    }
}
