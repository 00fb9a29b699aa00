package org.pfmsim.digital;

import java.io.Serializable;
import org.pfmsim.config.Checks;

/**
 * A digital accelerator with read-only weight memory, the baseline PFMs are compared with
 * (config {@code platform.digital.*}).
 *
 * @param energyPerMacJoules      energy of one multiply-accumulate including weight fetch, J
 *                                (300 fJ: the digital baseline the PFM scaling argument uses)
 * @param macsPerSecond           sustained multiply-accumulates per second of one tile's engine
 * @param weightBits              bits stored per weight
 * @param bitCellAreaSquareMeters area of one stored bit (ROM/SRAM cell), m^2
 */
public record DigitalSpec(double energyPerMacJoules, double macsPerSecond, int weightBits,
                          double bitCellAreaSquareMeters) implements Serializable {
    private static final String P = "platform.digital.";

    public DigitalSpec {
        Checks.nonNegative(P + "energy-per-mac-joules", energyPerMacJoules);
        Checks.positive(P + "macs-per-second", macsPerSecond);
        Checks.intRange(P + "weight-bits", weightBits, 1, 64);
        Checks.nonNegative(P + "bit-cell-area-square-meters", bitCellAreaSquareMeters);
    }

    public static DigitalSpec defaults() {
        return new DigitalSpec(300e-15, 1e12, 8, 0.05e-12);
    }
}
