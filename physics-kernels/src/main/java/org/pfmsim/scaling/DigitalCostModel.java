package org.pfmsim.scaling;

import org.pfmsim.config.Checks;
import org.pfmsim.digital.DigitalSpec;

/**
 * The baseline: a digital accelerator with read-only weight memory. Every MAC costs
 * {@code energyPerMacJoules} including its weight fetch (300 fJ by default: the digital baseline of
 * Wright et al. 2026, arXiv:2604.27911; consistent with Horowitz, ISSCC 2014, where an 8-bit multiply and
 * add cost about 0.23 pJ at 45 nm and a local SRAM read dominates beyond that). Chips each hold
 * {@code weightsPerChip} weights and run {@code spec.macsPerSecond()} MACs per second.
 *
 * <ul>
 *   <li>chips = ceil(parameters / weights per chip); area = parameters x weight bits x bit-cell area;</li>
 *   <li>latency per token: layers in sequence; a layer spread over k chips runs on them in parallel,
 *       so one layer takes d^2 / (rate x max(1, d^2 / weights per chip));</li>
 *   <li>throughput: every chip busy on some token (layer pipelining): chips x rate / parameters.</li>
 * </ul>
 */
public record DigitalCostModel(DigitalSpec spec, double weightsPerChip) implements CostModel {

    public DigitalCostModel {
        Checks.positive("platform.digital.weights-per-chip", weightsPerChip);
    }

    @Override
    public String platform() {
        return "digital";
    }

    @Override
    public ScalingPoint cost(Workload w) {
        double layerMacs = (double) w.width() * w.width();
        long chips = (long) Math.ceil(w.parameters() / weightsPerChip);
        double layerSeconds = layerMacs / (spec.macsPerSecond() * Math.max(1, layerMacs / weightsPerChip));
        double area = (double) w.parameters() * spec.weightBits() * spec.bitCellAreaSquareMeters();
        double throughput = chips * spec.macsPerSecond() / w.parameters();
        return new ScalingPoint(platform(), w, chips, area, Double.NaN, spec.energyPerMacJoules(),
                w.depth() * layerSeconds, throughput);
    }
}
