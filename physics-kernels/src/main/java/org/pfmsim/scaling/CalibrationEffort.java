package org.pfmsim.scaling;

/**
 * What characterizing a fabricated model costs before it serves ("calibration complexity scales with parameter
 * count", one of the PFM challenges): every physical tile is read with {@code probesPerTile} probes through the
 * device (the characterization of the compensation family: gains need O(1) probes per tile, a per-column
 * affine map a few, a full per-tile characterization as many as the tile has inputs; LIFETIME-ANCHORS.md,
 * section 2.11).
 *
 * <ul>
 *   <li>probe reads = probes per tile x tiles;</li>
 *   <li>energy = probes per tile x parameters x energy per MAC: each probe exercises each weight once, as a
 *       token does;</li>
 *   <li>device time = probes per tile x one layer's read time (latency per token / depth), with every tile
 *       probed in parallel through its own inputs: a lower bound that assumes per-tile access.</li>
 * </ul>
 * The digital baseline holds its weights exactly and needs none (all zero).
 *
 * @param probesPerTile  probes read through each tile
 * @param probeReads     tile reads in all
 * @param deviceSeconds  time the probing occupies the device, s
 * @param energyJoules   energy of the probe reads, J
 */
public record CalibrationEffort(long probesPerTile, double probeReads, double deviceSeconds, double energyJoules) {
    /** No characterization (the digital baseline). */
    public static final CalibrationEffort NONE = new CalibrationEffort(0, 0, 0, 0);

    /** The effort of probing every tile of {@code point}'s fabricated model {@code probesPerTile} times. */
    public static CalibrationEffort of(ScalingPoint point, long probesPerTile) {
        Workload w = point.workload();
        return new CalibrationEffort(probesPerTile, (double) probesPerTile * point.tiles(),
                probesPerTile * point.latencyPerTokenSeconds() / w.depth(),
                probesPerTile * (double) w.parameters() * point.energyPerMacJoules());
    }
}
