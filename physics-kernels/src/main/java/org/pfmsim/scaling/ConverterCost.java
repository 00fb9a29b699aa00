package org.pfmsim.scaling;

import org.pfmsim.config.ConfigView;
import org.pfmsim.config.Checks;

/**
 * The electronic edge of an optical layer: a DAC driving each input modulator and an ADC behind each
 * output detector, one sample each per token.
 *
 * @param dacEnergyJoules     energy of one input conversion including the modulator drive, J
 * @param adcFomJoulesPerStep Walden figure of merit: one conversion costs FOM x 2^bits
 *                            (Walden, IEEE JSAC 17(4), 1999; Murmann, ADC Performance Survey)
 * @param adcBits             ADC resolution, bits
 * @param sampleRateHertz     conversions per second of one DAC or ADC
 *
 * <p>Config input goes through the prefixed constructor, which checks each value and names its key.
 */
public record ConverterCost(double dacEnergyJoules, double adcFomJoulesPerStep, int adcBits, double sampleRateHertz) {

    /** Validates; {@code prefix} is the config path, e.g. {@code platform.optical-mvm.}. */
    public ConverterCost(String prefix, double dacEnergyJoules, double adcFomJoulesPerStep, int adcBits,
            double sampleRateHertz) {
        this(Checks.nonNegative(prefix + "dac-energy-joules", dacEnergyJoules),
                Checks.nonNegative(prefix + "adc-fom-joules-per-step", adcFomJoulesPerStep),
                Checks.intRange(prefix + "adc-bits", adcBits, 1, 24),
                Checks.positive(prefix + "converter-rate-hertz", sampleRateHertz));
    }

    /** Energy of one ADC conversion, J (Walden: FOM x 2^bits). */
    public double adcEnergyJoules() {
        return adcFomJoulesPerStep * Math.pow(2, adcBits);
    }

    /** One DAC sample followed by one ADC sample, s. */
    public double conversionSeconds() {
        return 2 / sampleRateHertz;
    }

    /** Binds the converter keys under {@code prefix} (DAC energy, ADC figure of merit and bits, rate). */
    public static ConverterCost bind(ConfigView c, String prefix) {
        return new ConverterCost(prefix, c.number(prefix + "dac-energy-joules"),
                c.number(prefix + "adc-fom-joules-per-step"), c.integer(prefix + "adc-bits"),
                c.number(prefix + "converter-rate-hertz"));
    }
}
