package org.pfmsim.crossbar;

import org.pfmsim.converters.DacSpec;
import java.io.Serializable;
import java.util.Objects;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.crossbar.aging.AgingSpec;

/**
 * Physics of one nanoelectronic crossbar platform, all in SI units. Config keys live under
 * {@code platform.crossbar.*}; each field's key is named in its validation message.
 *
 * @param gMinSiemens        lowest programmable conductance (high-resistance state), S
 * @param gMaxSiemens        highest programmable conductance (low-resistance state), S
 * @param readVoltageVolts   full-scale read voltage the DAC applies for |x| = input range, V
 * @param conductanceLevels  programmable levels L between gMin and gMax; 0 = continuous (no quantization)
 * @param variability        fabrication / programming error, fixed at program time
 * @param stuckOnRate        probability that a device is stuck at gMax
 * @param stuckOffRate       probability that a device is stuck at gMin
 * @param readNoiseSigma     per-device, per-read conductance noise, as a fraction of (gMax - gMin)
 * @param dac                input converter
 * @param wires              wire resistance model
 * @param adc                output converter
 * @param cost               energy, latency and area inputs
 * @param aging              the devices' aging law and the age they are read at ({@code platform.crossbar.aging.*})
 */
public record CrossbarSpec(
        double gMinSiemens,
        double gMaxSiemens,
        double readVoltageVolts,
        int conductanceLevels,
        Variability variability,
        double stuckOnRate,
        double stuckOffRate,
        double readNoiseSigma,
        DacSpec dac,
        WireSpec wires,
        AdcSpec adc,
        CrossbarCostSpec cost,
        AgingSpec aging) implements Serializable {

    private static final String P = "platform.crossbar.";

    public CrossbarSpec {
        Checks.nonNegative(P + "g-min-siemens", gMinSiemens);
        Checks.positive(P + "g-max-siemens", gMaxSiemens);
        if (gMaxSiemens <= gMinSiemens) {
            throw ConfigException.of(P + "g-max-siemens", gMaxSiemens,
                    "a value above platform.crossbar.g-min-siemens (" + gMinSiemens + ")");
        }
        Checks.positive(P + "read-voltage-volts", readVoltageVolts);
        if (conductanceLevels != 0) {
            Checks.intRange(P + "conductance-levels", conductanceLevels, 2, 1 << 20);
        }
        Checks.fraction(P + "stuck-on-rate", stuckOnRate);
        Checks.fraction(P + "stuck-off-rate", stuckOffRate);
        if (stuckOnRate + stuckOffRate > 1) {
            throw ConfigException.of(P + "stuck-on-rate", stuckOnRate,
                    "stuck-on-rate + stuck-off-rate <= 1 (stuck-off-rate is " + stuckOffRate + ")");
        }
        Checks.nonNegative(P + "read-noise-sigma", readNoiseSigma);
        Objects.requireNonNull(variability);
        Objects.requireNonNull(dac);
        Objects.requireNonNull(wires);
        Objects.requireNonNull(adc);
        Objects.requireNonNull(cost);
        Objects.requireNonNull(aging);
        aging.model().checkWindow(gMinSiemens, gMaxSiemens);
    }

    /** A crossbar whose devices do not age ({@link AgingSpec#none()}). */
    public CrossbarSpec(double gMinSiemens, double gMaxSiemens, double readVoltageVolts, int conductanceLevels,
                        Variability variability, double stuckOnRate, double stuckOffRate, double readNoiseSigma,
                        DacSpec dac, WireSpec wires, AdcSpec adc, CrossbarCostSpec cost) {
        this(gMinSiemens, gMaxSiemens, readVoltageVolts, conductanceLevels, variability, stuckOnRate, stuckOffRate,
                readNoiseSigma, dac, wires, adc, cost, AgingSpec.none());
    }

    public CrossbarSpec withAging(AgingSpec a) {
        return new CrossbarSpec(gMinSiemens, gMaxSiemens, readVoltageVolts, conductanceLevels, variability,
                stuckOnRate, stuckOffRate, readNoiseSigma, dac, wires, adc, cost, a);
    }

    /** Conductance window gMax - gMin, S: the span one unit of normalized weight maps onto. */
    public double windowSiemens() {
        return gMaxSiemens - gMinSiemens;
    }

    /** A crossbar with every non-ideality off: continuous levels, no variability, defects, noise, wires or converters. */
    public static CrossbarSpec ideal() {
        return new CrossbarSpec(1e-6, 100e-6, 0.2, 0, Variability.none(), 0, 0, 0,
                DacSpec.off(), WireSpec.none(), AdcSpec.off(), CrossbarCostSpec.defaults());
    }

    public CrossbarSpec withVariability(Variability v) {
        return new CrossbarSpec(gMinSiemens, gMaxSiemens, readVoltageVolts, conductanceLevels, v, stuckOnRate,
                stuckOffRate, readNoiseSigma, dac, wires, adc, cost, aging);
    }

    public CrossbarSpec withLevels(int levels) {
        return new CrossbarSpec(gMinSiemens, gMaxSiemens, readVoltageVolts, levels, variability, stuckOnRate,
                stuckOffRate, readNoiseSigma, dac, wires, adc, cost, aging);
    }

    public CrossbarSpec withStuckAt(double onRate, double offRate) {
        return new CrossbarSpec(gMinSiemens, gMaxSiemens, readVoltageVolts, conductanceLevels, variability, onRate,
                offRate, readNoiseSigma, dac, wires, adc, cost, aging);
    }

    public CrossbarSpec withReadNoise(double sigma) {
        return new CrossbarSpec(gMinSiemens, gMaxSiemens, readVoltageVolts, conductanceLevels, variability,
                stuckOnRate, stuckOffRate, sigma, dac, wires, adc, cost, aging);
    }

    public CrossbarSpec withDac(DacSpec d) {
        return new CrossbarSpec(gMinSiemens, gMaxSiemens, readVoltageVolts, conductanceLevels, variability,
                stuckOnRate, stuckOffRate, readNoiseSigma, d, wires, adc, cost, aging);
    }

    public CrossbarSpec withWires(WireSpec w) {
        return new CrossbarSpec(gMinSiemens, gMaxSiemens, readVoltageVolts, conductanceLevels, variability,
                stuckOnRate, stuckOffRate, readNoiseSigma, dac, w, adc, cost, aging);
    }

    public CrossbarSpec withAdc(AdcSpec a) {
        return new CrossbarSpec(gMinSiemens, gMaxSiemens, readVoltageVolts, conductanceLevels, variability,
                stuckOnRate, stuckOffRate, readNoiseSigma, dac, wires, a, cost, aging);
    }

    /** Fabrication / programming error of each device, drawn once at program time. */
    public record Variability(Model model, double sigma) implements Serializable {
        public enum Model {
            /** G + N(0, (sigma * (gMax - gMin))^2): state-independent, as aihwkit's StateIndependentNoiseModel. */
            ADDITIVE,
            /** G * (1 + N(0, sigma^2)): proportional, as CrossSim's "Proportional" programming error. */
            PROPORTIONAL
        }

        public Variability {
            Objects.requireNonNull(model);
            Checks.nonNegative(P + "variability.sigma", sigma);
        }

        public static Variability none() {
            return new Variability(Model.ADDITIVE, 0);
        }
    }

    /** Output ADC: codes over [-fullScale, fullScale] with 2^(bits-1) - 1 levels per polarity. */
    public record AdcSpec(boolean enabled, int bits, RangeMode range, double headroom) implements Serializable {
        public enum RangeMode {
            /** Full scale = headroom x max |I| of the tile over the layer's ideal inputs (a calibration set). */
            CALIBRATED,
            /** Full scale = headroom x V_read x max_j sum_i |G+ - G-|: the largest current the tile can give. */
            MAX_CURRENT
        }

        public AdcSpec {
            Checks.intRange(P + "adc.bits", bits, 2, 24);
            Objects.requireNonNull(range);
            Checks.positive(P + "adc.headroom", headroom);
        }

        public static AdcSpec off() {
            return new AdcSpec(false, 8, RangeMode.CALIBRATED, 1.0);
        }
    }

    /** Wire (interconnect) resistance of the row and column lines, per cell-to-cell segment. */
    public record WireSpec(Model model, double segmentResistanceOhms) implements Serializable {
        public enum Model {
            /** Ideal wires. */
            NONE,
            /** First-order IR drop folded into effective conductances: one linearized correction, any tile size. */
            FIRST_ORDER,
            /** Exact nodal analysis of the resistive network; O(rows * cols^3), for small tiles only. */
            NODAL
        }

        /** Largest tile (rows x cols) the exact nodal solve accepts. */
        public static final long NODAL_MAX_CELLS = 128L * 128L;

        public WireSpec {
            Objects.requireNonNull(model);
            Checks.nonNegative(P + "wires.segment-resistance-ohms", segmentResistanceOhms);
        }

        public static WireSpec none() {
            return new WireSpec(Model.NONE, 0);
        }
    }
}
