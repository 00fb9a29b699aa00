package org.pfmsim.glass;

import org.pfmsim.photonics.Photon;
import java.io.Serializable;
import org.pfmsim.config.Checks;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Poisson;

/**
 * The output detectors of a glass volume: photodiodes integrating the optical power on their region for
 * {@code integrationSeconds}, with shot noise, read noise and an ADC.
 *
 * <p>Mean photoelectrons n = P t QE / (h nu), nu = c / lambda. Shot noise is Poisson(n), drawn by
 * {@link Poisson#sample} (exact below a mean of 1000, skew-corrected normal above; word 2i of the noise
 * stream for detector i). Read noise adds N(0, readNoise^2)
 * electrons. The ADC (mid-tread, 2^bits - 1 steps over [0, full scale], clipping) has its full scale calibrated
 * as {@code headroom} x the largest ideal mean count of the batch. The reading is converted back to watts.
 *
 * @param quantumEfficiency     photoelectrons per photon, (0, 1]
 * @param integrationSeconds    detector integration time per sample, s
 * @param readNoiseElectrons    rms read noise per reading, electrons
 * @param adcBits               ADC resolution, 2 to 24 bits
 * @param adcHeadroom           full scale over the largest ideal count, &gt; 0
 * @param wavelengthMeters      vacuum wavelength, m (photon energy h c / lambda)
 */
public record DetectorSpec(double quantumEfficiency, double integrationSeconds, double readNoiseElectrons,
                           int adcBits, double adcHeadroom, double wavelengthMeters) implements Serializable {
    private static final String P = "platform.glass-volume.detector.";

    public DetectorSpec {
        if (!(quantumEfficiency > 0 && quantumEfficiency <= 1)) {
            throw org.pfmsim.config.ConfigException.of(P + "quantum-efficiency", quantumEfficiency, "a number > 0 and <= 1");
        }
        Checks.positive(P + "integration-time-seconds", integrationSeconds);
        Checks.nonNegative(P + "read-noise-electrons", readNoiseElectrons);
        Checks.intRange(P + "adc-bits", adcBits, 2, 24);
        Checks.positive(P + "adc-headroom", adcHeadroom);
    }

    /** Photon energy h c / lambda, J. */
    public double photonJoules() {
        return Photon.energyJoules(wavelengthMeters);
    }

    /** Mean photoelectrons for an optical power in W. */
    public double electrons(double watts) {
        return watts * integrationSeconds * quantumEfficiency / photonJoules();
    }

    /**
     * Measures powers {@code watts[offset .. + count)} into {@code out} (W), with noise drawn from {@code noise}
     * at indices {@code 2 i} (shot) and {@code 2 i + 1} (read) for detector i, and ADC full scale
     * {@code fullScaleElectrons}. Returns the number of readings the ADC clipped (to 0 or full scale).
     */
    public long measure(double[] watts, int offset, int count, CounterRng noise, double fullScaleElectrons,
                        float[] out) {
        int steps = (1 << adcBits) - 1;
        double perStep = fullScaleElectrons / steps;
        long clipped = 0;
        for (int i = 0; i < count; i++) {
            double mean = electrons(watts[offset + i]);
            double e = Poisson.sample(noise, 2L * i, mean) + readNoiseElectrons * noise.normalOfWord(2L * i + 1);
            double level = perStep > 0 ? Math.rint(e / perStep) : 0;
            if (level < 0 || level > steps) {
                clipped++;
                level = Math.max(0, Math.min(steps, level));
            }
            out[offset + i] = (float) (level * perStep * photonJoules() / (integrationSeconds * quantumEfficiency));
        }
        return clipped;
    }
}
