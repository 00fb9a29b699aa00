package org.pfmsim.optical;

import org.pfmsim.kernel.Rounding;

/**
 * The per-sample arithmetic of {@link Photodetection}, before and after the photocounts are drawn, for
 * both encodings. The scalar loops here define it; {@link DetectionRowsVector} does the same IEEE
 * operations lane by lane in the same order (C2 in JDK 17 leaves these loops unvectorized: they mix float
 * and double, or count lanes conditionally), so the two are bit-identical (tests compare them).
 */
final class DetectionRows {
    private DetectionRows() {
    }

    /** What the offset encoding's ADC and offset correction need: fixed per read. */
    record Offset(double readNoise, double fullScale, double codesPerCount, double levels, double countsPerCode,
                  double scale, double fourPerPhi, double[] columnSums) {
    }

    /** What the balanced pair's signed ADC and rescaling need: fixed per read. */
    record Balanced(double pairNoise, double fullScale, double codesPerCount, double levels, double countsPerCode,
                    double toModel) {
    }

    /**
     * Offset encoding, mean counts of one sample's outputs, mean[base + j] = quarterPhi (fixed[j] + inputSum
     * + m[base + j]) + dark (m = v W, fixed = R + sum_i W_ij), and their maximum (at least 0).
     */
    static double offsetMeans(float[] signedMean, double[] fixed, double inputSum, double quarterPhi, double dark,
                              double[] mean, int base, int cols, boolean simd) {
        if (simd) {
            return DetectionRowsVector.offsetMeans(signedMean, fixed, inputSum, quarterPhi, dark, mean, base, cols);
        }
        return offsetMeans(signedMean, fixed, inputSum, quarterPhi, dark, mean, base, 0, cols);
    }

    /** The scalar loop of {@link #offsetMeans} over columns [from, cols). */
    static double offsetMeans(float[] signedMean, double[] fixed, double inputSum, double quarterPhi, double dark,
                              double[] mean, int base, int from, int cols) {
        double max = 0;
        for (int j = from; j < cols; j++) {
            double m = quarterPhi * (fixed[j] + inputSum + signedMean[base + j]) + dark;
            mean[base + j] = m;
            max = Math.max(max, m);
        }
        return max;
    }

    /**
     * Offset encoding, one sample's outputs from its photocounts: read noise added (readNoise x normals[j],
     * when {@code normals} is not null), the unipolar mid-tread ADC (the nearest of {@code levels} steps over
     * [0, full scale], clipped, rounded half-to-even by {@link Rounding#rint(double)}), and the offset
     * correction out[base + j] = scale (count 4 / phi - rowOffset - columnSums[j]).
     *
     * @param measured whether to count this sample's clipped outputs (counts above full scale or below 0)
     * @return the outputs clipped, or 0 when not {@code measured}
     */
    static long offsetOutputs(double[] count, float[] normals, Offset r, double rowOffset, boolean measured,
                              float[] out, int base, int cols, boolean simd) {
        if (simd) {
            return DetectionRowsVector.offsetOutputs(count, normals, r, rowOffset, measured, out, base, cols);
        }
        return offsetOutputs(count, normals, r, rowOffset, measured, out, base, 0, cols);
    }

    /** The scalar loop of {@link #offsetOutputs} over columns [from, cols). */
    static long offsetOutputs(double[] count, float[] normals, Offset r, double rowOffset, boolean measured,
                              float[] out, int base, int from, int cols) {
        long clipped = 0;
        for (int j = from; j < cols; j++) {
            double c = count[j];
            if (normals != null) {
                c += r.readNoise() * normals[j];
            }
            if (measured) {
                clipped += c > r.fullScale() || c < 0 ? 1 : 0;
            }
            double code = Math.min(Math.max(c, 0) * r.codesPerCount(), r.levels());
            c = Rounding.rint(code) * r.countsPerCode();
            out[base + j] = (float) (r.scale() * (c * r.fourPerPhi() - rowOffset - r.columnSums()[j]));
        }
        return clipped;
    }

    /**
     * Balanced pair, mean counts of one sample's detectors: with light = phi |v| S and difference = phi v D,
     * plus[j] = max((light + difference) / 2, 0) + dark and minus[j] = max((light - difference) / 2, 0) + dark.
     */
    static void pairMeans(float[] signedMean, float[] totalMean, double phi, double dark, int base, double[] plus,
                          double[] minus, int cols, boolean simd) {
        if (simd) {
            DetectionRowsVector.pairMeans(signedMean, totalMean, phi, dark, base, plus, minus, cols);
            return;
        }
        pairMeans(signedMean, totalMean, phi, dark, base, plus, minus, 0, cols);
    }

    /** The scalar loop of {@link #pairMeans} over columns [from, cols). */
    static void pairMeans(float[] signedMean, float[] totalMean, double phi, double dark, int base, double[] plus,
                          double[] minus, int from, int cols) {
        for (int j = from; j < cols; j++) {
            double light = phi * totalMean[base + j];
            double difference = phi * signedMean[base + j];
            plus[j] = Math.max(0.5 * (light + difference), 0) + dark;
            minus[j] = Math.max(0.5 * (light - difference), 0) + dark;
        }
    }

    /**
     * Balanced pair, one sample's outputs from its count differences: read noise of the pair added
     * (pairNoise x normals[j], when {@code normals} is not null), the signed mid-tread ADC (2^(bits-1) - 1
     * codes per polarity, clipped, rounded half-to-even by {@link Rounding#rint(double)}), and the
     * rescaling out[base + j] = signal toModel.
     *
     * @param measured whether to count this sample's clipped outputs (|signal| above full scale)
     * @return the outputs clipped, or 0 when not {@code measured}
     */
    static long balancedOutputs(double[] signal, float[] normals, Balanced r, boolean measured, float[] out, int base,
                                int cols, boolean simd) {
        if (simd) {
            return DetectionRowsVector.balancedOutputs(signal, normals, r, measured, out, base, cols);
        }
        return balancedOutputs(signal, normals, r, measured, out, base, 0, cols);
    }

    /** The scalar loop of {@link #balancedOutputs} over columns [from, cols). */
    static long balancedOutputs(double[] signal, float[] normals, Balanced r, boolean measured, float[] out, int base,
                                int from, int cols) {
        long clipped = 0;
        for (int j = from; j < cols; j++) {
            double c = signal[j];
            if (normals != null) {
                c += r.pairNoise() * normals[j];
            }
            if (measured) {
                clipped += Math.abs(c) > r.fullScale() ? 1 : 0;
            }
            double code = Math.max(-r.levels(), Math.min(c * r.codesPerCount(), r.levels()));
            c = Rounding.rint(code) * r.countsPerCode();
            out[base + j] = (float) (c * r.toModel());
        }
        return clipped;
    }
}
