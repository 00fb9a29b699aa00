package org.pfmsim.converters;

import java.io.Serializable;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigView;

/**
 * An input DAC, the same on every platform (crossbar row voltages, optical modulator drive): signed inputs in
 * [-range, range] quantized mid-tread to 2^(bits-1) - 1 levels per polarity ({@link Converters}).
 * {@code fixedRange} &le; 0 means the range is calibrated per layer as max |x| of the layer's ideal inputs.
 * Keys {@code platform.<kind>.dac.*}.
 *
 * @param enabled     false = ideal inputs (no quantization; a platform may still clip, e.g. a modulator)
 * @param bits        resolution, 2 to 24 bits
 * @param fixedRange  |x| mapped to full scale, or &le; 0 for a calibrated range
 */
public record DacSpec(boolean enabled, int bits, double fixedRange) implements Serializable {
    public DacSpec {
        Checks.intRange("dac.bits", bits, 2, 24);
        Checks.finite("dac.range", fixedRange);
    }

    public boolean calibrated() {
        return fixedRange <= 0;
    }

    public static DacSpec off() {
        return new DacSpec(false, 8, 0);
    }

    /** Binds {@code <prefix>dac.*} (prefix e.g. {@code platform.crossbar.}), naming the full key on refusal. */
    public static DacSpec bind(ConfigView c, String prefix) {
        int bits = Checks.intRange(prefix + "dac.bits", c.integer(prefix + "dac.bits"), 2, 24);
        return new DacSpec(c.bool(prefix + "dac.enabled"), bits,
                c.numberOr(prefix + "dac.range", "calibrated", "calibrated or a number > 0"));
    }
}
