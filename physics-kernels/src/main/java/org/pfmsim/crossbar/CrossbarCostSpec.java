package org.pfmsim.crossbar;

import org.pfmsim.config.ConfigView;
import java.io.Serializable;
import org.pfmsim.config.Checks;

/**
 * Energy, latency and area inputs of a crossbar tile (config {@code platform.crossbar.cost.*}).
 * Defaults follow the survey figures quoted in each field's comment in {@code defaults.conf}.
 *
 * @param integrationTimeSeconds     time the read voltage is applied per sample, s
 * @param dacEnergyJoules            energy per DAC conversion (one row, one sample), J
 * @param adcFomJoulesPerStep        Walden figure of merit: ADC energy = FOM x 2^bits per conversion, J
 * @param adcSampleRateHertz         conversions per second of one ADC
 * @param adcsPerTile                ADCs shared by the tile's columns (column multiplexing)
 * @param digitalAddEnergyJoules     energy of one digital addition of a row-tile partial sum, J
 * @param featureSizeMeters          lithographic feature size F, m
 * @param cellAreaF2                 area of one device in units of F^2 (4 for a 1R crosspoint)
 * @param converterAreaSquareMeters  area of one DAC or ADC, m^2
 */
public record CrossbarCostSpec(
        double integrationTimeSeconds,
        double dacEnergyJoules,
        double adcFomJoulesPerStep,
        double adcSampleRateHertz,
        int adcsPerTile,
        double digitalAddEnergyJoules,
        double featureSizeMeters,
        double cellAreaF2,
        double converterAreaSquareMeters) implements Serializable {

    private static final String P = "platform.crossbar.cost.";

    public CrossbarCostSpec {
        Checks.positive(P + "integration-time-seconds", integrationTimeSeconds);
        Checks.nonNegative(P + "dac-energy-joules", dacEnergyJoules);
        Checks.nonNegative(P + "adc-fom-joules-per-step", adcFomJoulesPerStep);
        Checks.positive(P + "adc-sample-rate-hertz", adcSampleRateHertz);
        Checks.intRange(P + "adcs-per-tile", adcsPerTile, 1, 1 << 20);
        Checks.nonNegative(P + "digital-add-energy-joules", digitalAddEnergyJoules);
        Checks.positive(P + "feature-size-meters", featureSizeMeters);
        Checks.positive(P + "cell-area-f2", cellAreaF2);
        Checks.nonNegative(P + "converter-area-square-meters", converterAreaSquareMeters);
    }

    public static CrossbarCostSpec defaults() {
        return new CrossbarCostSpec(10e-9, 50e-15, 5e-15, 1e9, 8, 30e-15, 20e-9, 4, 1e-10);
    }

    /**
     * Time to read one sample on a tile of {@code cols} columns, s: the integration time, then the columns
     * multiplexed onto the tile's ADCs, ceil(cols / ADCs) conversions one after another.
     */
    public double readSecondsPerSample(double cols) {
        return integrationTimeSeconds + Math.ceil(cols / adcsPerTile) / adcSampleRateHertz;
    }

    /**
     * Footprint of a tile of {@code rows} x {@code cols} device pairs, m^2: 2 rows cols devices of
     * cellAreaF2 F^2 each, plus one DAC per row and the tile's ADCs.
     */
    public double tileAreaSquareMeters(double rows, double cols) {
        double f = featureSizeMeters;
        return 2.0 * rows * cols * cellAreaF2 * f * f + (rows + adcsPerTile) * converterAreaSquareMeters;
    }

    /** Binds {@code platform.crossbar.cost.*} (the same keys in a run and in the scaling model). */
    public static CrossbarCostSpec bind(ConfigView c) {
        String k = "platform.crossbar.cost.";
        return new CrossbarCostSpec(c.number(k + "integration-time-seconds"), c.number(k + "dac-energy-joules"),
                c.number(k + "adc-fom-joules-per-step"), c.number(k + "adc-sample-rate-hertz"),
                c.integer(k + "adcs-per-tile"), c.number(k + "digital-add-energy-joules"),
                c.number(k + "feature-size-meters"), c.number(k + "cell-area-f2"),
                c.number(k + "converter-area-square-meters"));
    }
}
