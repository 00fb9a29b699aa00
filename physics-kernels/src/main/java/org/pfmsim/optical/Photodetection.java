package org.pfmsim.optical;

import org.pfmsim.converters.Converters;
import org.pfmsim.kernel.Maxima;
import org.pfmsim.kernel.Simd;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Poisson;
import org.pfmsim.rng.Purpose;

/**
 * Detection of a tile's output light: mean counts to Poisson photocounts (shot noise of signal and dark
 * current together, the sum of independent Poisson processes being Poisson), Gaussian read noise of the
 * amplifier, the ADC, and the rescaling to model units.
 *
 * <p>Balanced (differential encoding): detectors P_j and N_j count Poisson(phi P + d) and Poisson(phi N + d)
 * with P - N = v D and P + N = |v| S; the pair's difference (the dark means cancel) plus read noise of
 * variance 2 sigma_r^2 goes to a signed ADC; y = signal s range / phi.
 *
 * <p>Offset encoding: one detector counts Poisson(phi z + d) with z = sum_i u_i T_ij, u = (1 + v) / 2,
 * plus read noise, through a unipolar ADC; the known dark mean and the offset terms are removed
 * digitally: with W = 2T - 1, 4z = R + sum v + sum_i W_ij + v W, so
 * y = s range (4 (count - d) / phi - R - sum v - sum_i W_ij). The column sums sum_i W_ij are those of the
 * written (fabricated) block, i.e. measured once after writing with an all-on input and enough light to
 * make their noise negligible.
 *
 * <p>Random numbers: photocounts from the SHOT_NOISE stream and read noise from the READ_NOISE stream of
 * the tile, indexed by (samples the tile has read before, output), so a sample's noise depends only on
 * its position in the tile's read history.
 */
final class Photodetection {
    /** Outputs in model units (samples x cols) and measured outputs the ADC clipped. */
    record Detected(float[] outputs, long clipped) {
    }

    private final OpticalMvmSpec spec;
    private final int rows;
    private final int cols;
    private final float weightScale;
    private final double[] signedColumnSums;
    private final CounterRng shot;
    private final CounterRng read;

    Photodetection(OpticalMvmSpec spec, int rows, int cols, TransmissionProgrammer.Transmissions t,
                   TileAddress address) {
        this.spec = spec;
        this.rows = rows;
        this.cols = cols;
        this.weightScale = t.weightScale();
        this.signedColumnSums = t.signedColumnSums();
        this.shot = address.stream(Purpose.SHOT_NOISE);
        this.read = address.stream(Purpose.READ_NOISE);
    }

    /**
     * @param signedMean  v D, samples x cols
     * @param totalMean   |v| S, samples x cols; null when shot noise is off
     * @param firstSample samples the tile read before this request
     */
    Detected balanced(float[] signedMean, float[] totalMean, int samples, long firstSample, ReadRequest request) {
        boolean simd = Simd.ENABLED;
        // Mean counts follow the light as detected (phi g under laser drift, LightDriftSpec); the conversion
        // to model units keeps the nominal budget phi. Without drift g = 1 exactly and phi * 1 == phi.
        double phi = spec.detectedPhotonsPerMac();
        double dark = spec.detector().darkCounts();
        double pairNoise = Math.sqrt(2) * spec.detector().readNoiseElectrons();
        boolean adc = spec.adc().enabled();
        double fullScale = 0;
        if (adc) {
            // max_k |phi m_k| = phi max_k |m_k| exactly: a correctly rounded product with phi > 0 is monotone.
            fullScale = phi * Maxima.maxAbs(signedMean, request.calibrationStart() * cols, samples * cols, simd);
            fullScale = spec.adc().headroom() * (fullScale > 0 ? fullScale : phi * rows);
        }
        double levels = Converters.levelsPerPolarity(spec.adc().bits());
        double toModel = weightScale * request.inputRange() / spec.photonsPerMac();
        DetectionRows.Balanced readout = new DetectionRows.Balanced(pairNoise, fullScale, levels / fullScale, levels,
                fullScale / levels, toModel);
        float[] out = new float[samples * cols];
        double[] signal = new double[cols];
        double[] plus = new double[cols];
        double[] minus = new double[cols];
        float[] normals = new float[cols];
        long clipped = 0;
        for (int s = 0; s < samples; s++) {
            long outputIndex = (firstSample + s) * cols;
            int base = s * cols;
            if (totalMean != null) {
                DetectionRows.pairMeans(signedMean, totalMean, phi, dark, base, plus, minus, cols, simd);
                Poisson.differences(shot, outputIndex, plus, minus, cols, signal, normals);
            } else {
                for (int j = 0; j < cols; j++) {
                    signal[j] = phi * signedMean[base + j];
                }
            }
            if (pairNoise > 0) {
                read.fillNormal(normals, 0, cols, outputIndex);
            }
            if (adc) {
                clipped += DetectionRows.balancedOutputs(signal, pairNoise > 0 ? normals : null, readout,
                        s < request.measuredSamples(), out, base, cols, simd);
            } else {
                for (int j = 0; j < cols; j++) {
                    double c = pairNoise > 0 ? signal[j] + pairNoise * normals[j] : signal[j];
                    out[base + j] = (float) (c * toModel);
                }
            }
        }
        return new Detected(out, clipped);
    }

    /**
     * @param signedMean  v W, samples x cols
     * @param inputSums   sum_i v_i of each sample
     * @param firstSample samples the tile read before this request
     */
    Detected offset(float[] signedMean, double[] inputSums, int samples, long firstSample, ReadRequest request) {
        boolean simd = Simd.ENABLED;
        double phi = spec.photonsPerMac();
        // The light as detected (phi g under laser drift); the offset subtraction below assumes phi.
        double detectedPhi = spec.detectedPhotonsPerMac();
        double dark = spec.detector().darkCounts();
        double readNoise = spec.detector().readNoiseElectrons();
        boolean adc = spec.adc().enabled();
        double fourPerPhi = 4 / phi;
        // Mean counts phi z + d of every output, z = (R + sum_i W_ij + sum v + (v W)_j) / 4, in double to keep
        // the offsets exact; one pass, which also finds the ADC calibration's largest mean.
        double[] fixed = new double[cols];
        for (int j = 0; j < cols; j++) {
            fixed[j] = rows + signedColumnSums[j];
        }
        double[] mean = new double[samples * cols];
        double fullScale = 0;
        for (int s = 0; s < samples; s++) {
            double rowMax = DetectionRows.offsetMeans(signedMean, fixed, inputSums[s], 0.25 * detectedPhi, dark, mean,
                    s * cols, cols, simd);
            if (s >= request.calibrationStart()) {
                fullScale = Math.max(fullScale, rowMax);
            }
        }
        fullScale = spec.adc().headroom() * (fullScale > 0 ? fullScale : detectedPhi * rows + dark);
        double levels = (1 << spec.adc().bits()) - 1;
        double scale = weightScale * request.inputRange();
        DetectionRows.Offset readout = new DetectionRows.Offset(readNoise, fullScale, levels / fullScale, levels,
                fullScale / levels, scale, fourPerPhi, signedColumnSums);
        float[] out = new float[samples * cols];
        double[] count = new double[cols];
        float[] normals = new float[cols];
        long clipped = 0;
        for (int s = 0; s < samples; s++) {
            long outputIndex = (firstSample + s) * cols;
            int base = s * cols;
            System.arraycopy(mean, base, count, 0, cols);
            if (spec.shotNoise()) {
                for (int j = 0; j < cols; j++) {
                    count[j] = Math.max(count[j], 0);
                }
                Poisson.samples(shot, outputIndex, count, cols, count, normals);
            }
            if (readNoise > 0) {
                read.fillNormal(normals, 0, cols, outputIndex);
            }
            // y = s range (4 (count - d) / phi - R - sum v - sum_i W_ij)
            double rowOffset = fourPerPhi * dark + (rows + inputSums[s]);
            if (adc) {
                clipped += DetectionRows.offsetOutputs(count, readNoise > 0 ? normals : null, readout, rowOffset,
                        s < request.measuredSamples(), out, base, cols, simd);
            } else {
                for (int j = 0; j < cols; j++) {
                    double c = readNoise > 0 ? count[j] + readNoise * normals[j] : count[j];
                    out[base + j] = (float) (scale * (c * fourPerPhi - rowOffset - signedColumnSums[j]));
                }
            }
        }
        return new Detected(out, clipped);
    }

}
