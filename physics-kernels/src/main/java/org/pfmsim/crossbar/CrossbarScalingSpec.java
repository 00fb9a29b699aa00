package org.pfmsim.crossbar;

import org.pfmsim.config.Checks;
import org.pfmsim.crossbar.CrossbarCostSpec;

/**
 * Inputs of the crossbar cost model (config {@code platform.crossbar.*} of the scaling config; the keys
 * and defaults are those of the simulator's crossbar where they overlap).
 *
 * @param tileRows                   inputs per tile
 * @param tileCols                   outputs per tile
 * @param gMinSiemens                lowest device conductance, S
 * @param gMaxSiemens                highest device conductance, S
 * @param readVoltageVolts           read voltage of a full-scale input, V
 * @param adcBits                    ADC resolution, bits; fractional values (from an interpolated
 *                                   calibration) cost FOM 2^bits like any other
 * @param meanWeightFraction         mean |w| / (tile's max |w|): sets the mean conductance of a pair
 * @param meanInputSquareFraction    mean x^2 / (full-scale x)^2: sets the mean V^2 of a read
 * @param cost                       converters, timing and area (shared with the simulator)
 */
public record CrossbarScalingSpec(int tileRows, int tileCols, double gMinSiemens, double gMaxSiemens,
                                  double readVoltageVolts, double adcBits, double meanWeightFraction,
                                  double meanInputSquareFraction, CrossbarCostSpec cost) {
    private static final String P = "platform.crossbar.";

    public CrossbarScalingSpec {
        Checks.intRange(P + "tile-rows", tileRows, 1, 1 << 20);
        Checks.intRange(P + "tile-cols", tileCols, 1, 1 << 20);
        Checks.nonNegative(P + "g-min-siemens", gMinSiemens);
        if (!(gMaxSiemens > gMinSiemens) || !Double.isFinite(gMaxSiemens)) {
            throw org.pfmsim.config.ConfigException.of(P + "g-max-siemens", gMaxSiemens,
                    "a finite number > platform.crossbar.g-min-siemens (" + gMinSiemens + ")");
        }
        Checks.positive(P + "read-voltage-volts", readVoltageVolts);
        if (!(adcBits >= 1 && adcBits <= 24)) {
            throw org.pfmsim.config.ConfigException.of(P + "adc.bits", adcBits, "a number from 1 to 24");
        }
        Checks.fraction(P + "mean-weight-fraction", meanWeightFraction);
        Checks.fraction(P + "mean-input-square-fraction", meanInputSquareFraction);
    }
}
