package org.pfmsim.optical;

import org.pfmsim.kernel.Rounding;

/**
 * The per-row arithmetic of offset-encoding detection ({@link Photodetection#offset}), before and after the
 * photocounts are drawn. The scalar loops here define it; {@link OffsetRowsVector} does the same IEEE
 * operations lane by lane in the same order (C2 in JDK 17 leaves these loops unvectorized: they mix float
 * and double, or count lanes conditionally), so the two are bit-identical (tests compare them).
 */
final class OffsetRows {
    private OffsetRows() {
    }

    /**
     * Mean counts of one sample's outputs, mean[base + j] = quarterPhi (fixed[j] + inputSum + m[base + j]) + dark
     * (m = v W, fixed = R + sum_i W_ij), and their maximum (at least 0).
     */
    static double means(float[] signedMean, double[] fixed, double inputSum, double quarterPhi, double dark,
                        double[] mean, int base, int cols, boolean simd) {
        if (simd) {
            return OffsetRowsVector.means(signedMean, fixed, inputSum, quarterPhi, dark, mean, base, cols);
        }
        return means(signedMean, fixed, inputSum, quarterPhi, dark, mean, base, 0, cols);
    }

    /** The scalar loop of {@link #means} over columns [from, cols). */
    static double means(float[] signedMean, double[] fixed, double inputSum, double quarterPhi, double dark,
                        double[] mean, int base, int from, int cols) {
        double max = 0;
        for (int j = from; j < cols; j++) {
            double m = quarterPhi * (fixed[j] + inputSum + signedMean[base + j]) + dark;
            mean[base + j] = m;
            max = Math.max(max, m);
        }
        return max;
    }

    /** What the ADC and the offset correction of one read need: fixed per read. */
    record Readout(double readNoise, double fullScale, double codesPerCount, double levels, double countsPerCode,
                   double scale, double fourPerPhi, double[] columnSums) {
    }

    /**
     * One sample's outputs from its photocounts: read noise added (readNoise x normals[j], when
     * {@code normals} is not null), the unipolar mid-tread ADC (the nearest of {@code levels} steps over
     * [0, full scale], clipped, rounded half-to-even by {@link Rounding#rint(double)}), and the offset
     * correction out[base + j] = scale (count 4 / phi - rowOffset - columnSums[j]).
     *
     * @param measured whether to count this sample's clipped outputs (counts above full scale or below 0)
     * @return the outputs clipped, or 0 when not {@code measured}
     */
    static long detect(double[] count, float[] normals, Readout r, double rowOffset, boolean measured, float[] out,
                       int base, int cols, boolean simd) {
        if (simd) {
            return OffsetRowsVector.detect(count, normals, r, rowOffset, measured, out, base, cols);
        }
        return detect(count, normals, r, rowOffset, measured, out, base, 0, cols);
    }

    /** The scalar loop of {@link #detect} over columns [from, cols). */
    static long detect(double[] count, float[] normals, Readout r, double rowOffset, boolean measured, float[] out,
                       int base, int from, int cols) {
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
}
