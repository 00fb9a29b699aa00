package org.pfmsim.optical;

import org.pfmsim.converters.DacSpec;
import java.io.Serializable;
import java.util.Objects;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;

/**
 * Physics of the optical matrix-vector multiplier in glass, SI units (config {@code platform.optical-mvm.*};
 * each field's key is named in its validation message).
 *
 * @param photonsPerMac        mean detected photons (photoelectrons) per multiply-accumulate at full-scale
 *                             input and full transmission: the photon budget. A detector's mean count is
 *                             photonsPerMac x sum_i (input intensity_i x transmission_ij)
 * @param shotNoise            whether detected counts are Poisson (false: the infinite-photon mean, for
 *                             ablations; energy is still costed at photonsPerMac)
 * @param encoding             how signed weights and inputs become non-negative intensities
 * @param transmissionLevels   writable transmission levels L in [0, 1]; 0 = continuous
 * @param fabricationSigma     voxel transmission error, additive, in units of full transmission
 * @param lossDb               insertion loss source-to-detector (propagation, scattering), dB &ge; 0
 * @param crosstalk            fraction of an output channel's light that leaks into each neighbouring
 *                             channel, 0 to 0.5
 * @param detector             photodetector noise and rate
 * @param dac                  input modulators
 * @param adc                  output converters
 * @param cost                 energy, latency and geometry inputs
 * @param drift                laser power and wavelength drift since calibration ({@code aging.*})
 */
public record OpticalMvmSpec(
        double photonsPerMac,
        boolean shotNoise,
        Encoding encoding,
        int transmissionLevels,
        double fabricationSigma,
        double lossDb,
        double crosstalk,
        DetectorSpec detector,
        DacSpec dac,
        AdcSpec adc,
        OpticalCostSpec cost,
        LightDriftSpec drift) implements Serializable {

    static final String P = "platform.optical-mvm.";

    public OpticalMvmSpec {
        Checks.positive(P + "photons-per-mac", photonsPerMac);
        Objects.requireNonNull(encoding);
        if (transmissionLevels != 0) {
            Checks.intRange(P + "transmission-levels", transmissionLevels, 2, 1 << 20);
        }
        Checks.nonNegative(P + "fabrication-sigma", fabricationSigma);
        Checks.nonNegative(P + "loss-db", lossDb);
        if (!(crosstalk >= 0 && crosstalk <= 0.5)) {
            throw ConfigException.of(P + "crosstalk", crosstalk, "a number from 0 to 0.5");
        }
        Objects.requireNonNull(detector);
        Objects.requireNonNull(dac);
        Objects.requireNonNull(adc);
        Objects.requireNonNull(cost);
        Objects.requireNonNull(drift);
        drift.checkWavelength(cost.wavelengthMeters());
    }

    /** A calibrated laser: no power or wavelength drift. */
    public OpticalMvmSpec(double photonsPerMac, boolean shotNoise, Encoding encoding, int transmissionLevels,
                          double fabricationSigma, double lossDb, double crosstalk, DetectorSpec detector, DacSpec dac,
                          AdcSpec adc, OpticalCostSpec cost) {
        this(photonsPerMac, shotNoise, encoding, transmissionLevels, fabricationSigma, lossDb, crosstalk, detector,
                dac, adc, cost, LightDriftSpec.none());
    }

    public OpticalMvmSpec withDrift(LightDriftSpec d) {
        return new OpticalMvmSpec(photonsPerMac, shotNoise, encoding, transmissionLevels, fabricationSigma, lossDb,
                crosstalk, detector, dac, adc, cost, d);
    }

    /** Detected photons per MAC at full scale with the drifted laser: phi g ({@link LightDriftSpec}). */
    public double detectedPhotonsPerMac() {
        return photonsPerMac * drift.detectedPhotonGain(cost.wavelengthMeters());
    }

    /** Signed values as non-negative light intensities. */
    public enum Encoding {
        /**
         * Two transmissions per weight (T+ = max(w, 0) / s, T- = max(-w, 0) / s) and two input channels
         * per input (its positive and negative parts), read by a balanced detector pair per output.
         */
        DIFFERENTIAL,
        /**
         * One transmission per weight, T = (1 + w / s) / 2, and one channel per input, u = (1 + x / r) / 2;
         * the offset terms are subtracted digitally after detection.
         */
        OFFSET
    }

    /** Power transmission of the insertion loss, 10^(-lossDb / 10). */
    public double lossTransmission() {
        return Math.pow(10, -lossDb / 10);
    }

    /** Every non-ideality off: continuous levels, no fabrication error, loss, crosstalk, noise or converters. */
    public static OpticalMvmSpec ideal(Encoding encoding) {
        return new OpticalMvmSpec(1000, false, encoding, 0, 0, 0, 0, DetectorSpec.noiseless(), DacSpec.off(),
                AdcSpec.off(), OpticalCostSpec.defaults());
    }

    public OpticalMvmSpec withPhotons(double photons, boolean shot) {
        return new OpticalMvmSpec(photons, shot, encoding, transmissionLevels, fabricationSigma, lossDb, crosstalk,
                detector, dac, adc, cost, drift);
    }

    public OpticalMvmSpec withProgramming(int levels, double sigma, double crosstalkFraction) {
        return new OpticalMvmSpec(photonsPerMac, shotNoise, encoding, levels, sigma, lossDb, crosstalkFraction,
                detector, dac, adc, cost, drift);
    }

    public OpticalMvmSpec withDetector(DetectorSpec d) {
        return new OpticalMvmSpec(photonsPerMac, shotNoise, encoding, transmissionLevels, fabricationSigma, lossDb,
                crosstalk, d, dac, adc, cost, drift);
    }

    public OpticalMvmSpec withConverters(DacSpec d, AdcSpec a) {
        return new OpticalMvmSpec(photonsPerMac, shotNoise, encoding, transmissionLevels, fabricationSigma, lossDb,
                crosstalk, detector, d, a, cost, drift);
    }

    /**
     * Photodetectors, one per output channel (two, balanced, with the differential encoding).
     *
     * @param darkCounts          mean dark counts per detector per read (dark current x integration time / e)
     * @param readNoiseElectrons  rms input-referred read (amplifier) noise per detector per read, electrons
     * @param rateHertz           reads per second (every detector reads in parallel)
     */
    public record DetectorSpec(double darkCounts, double readNoiseElectrons, double rateHertz) implements Serializable {
        public DetectorSpec {
            Checks.nonNegative(P + "detector.dark-counts", darkCounts);
            Checks.nonNegative(P + "detector.read-noise-electrons", readNoiseElectrons);
            Checks.positive(P + "detector.rate-hertz", rateHertz);
        }

        public static DetectorSpec noiseless() {
            return new DetectorSpec(0, 0, 1e9);
        }
    }

    /**
     * Output ADCs, one per output: full scale = headroom x the largest |signal| of the tile over the
     * calibration samples (the layer's ideal inputs, noiseless means), as the crossbar's calibrated ADC.
     * Signed (2^(bits-1) - 1 levels per polarity) on a balanced pair's difference; unipolar (2^bits - 1
     * levels over [0, full scale]) on a single detector with the offset encoding.
     */
    public record AdcSpec(boolean enabled, int bits, double headroom) implements Serializable {
        public AdcSpec {
            Checks.intRange(P + "adc.bits", bits, 2, 24);
            Checks.positive(P + "adc.headroom", headroom);
        }

        public static AdcSpec off() {
            return new AdcSpec(false, 8, 1.0);
        }
    }
}
