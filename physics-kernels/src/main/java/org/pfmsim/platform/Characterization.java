package org.pfmsim.platform;

/**
 * What characterizing a tile before use cost and left behind: probe reads through the device, their energy
 * and device time, the tunable (digital) parameters fitted from them, and the verification figures.
 *
 * @param probeReads         reads of the tile spent on probes
 * @param energyJoules       energy of those reads, J
 * @param seconds            device time of those reads, s
 * @param tunableParameters  digital parameters the tile's correction stores
 * @param departure          relative residual power of the probe reads against the model (NaN: not probed)
 * @param noiseFloor         its read-noise floor from repeated reads (NaN: not probed)
 */
public record Characterization(long probeReads, double energyJoules, double seconds, long tunableParameters,
                               double departure, double noiseFloor) {
    /** A tile used as fabricated. */
    public static final Characterization NONE = new Characterization(0, 0, 0, 0, Double.NaN, Double.NaN);

    /**
     * This and {@code other} characterized side by side (tiles of one matrix, probed in parallel): reads,
     * energy and parameters add, device time is the longer; per-tile figures do not carry over.
     */
    public Characterization beside(Characterization other) {
        return new Characterization(probeReads + other.probeReads, energyJoules + other.energyJoules,
                Math.max(seconds, other.seconds), tunableParameters + other.tunableParameters, Double.NaN, Double.NaN);
    }

    /** This, then {@code other} (one matrix after another): device times add too. */
    public Characterization then(Characterization other) {
        return new Characterization(probeReads + other.probeReads, energyJoules + other.energyJoules,
                seconds + other.seconds, tunableParameters + other.tunableParameters, Double.NaN, Double.NaN);
    }
}
