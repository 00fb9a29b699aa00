package org.pfmsim.fidelity;

import java.io.Serializable;

/**
 * How far a measured vector drifts from its reference, kept as sums so that statistics of tiles, tasks
 * and layers merge exactly by addition (max for the max). Accumulated in double.
 *
 * <ul>
 *   <li>relative L2 error ||t - r|| / ||r||</li>
 *   <li>cosine similarity (t . r) / (||t|| ||r||)</li>
 *   <li>SNR in dB: 10 log10(||r||^2 / ||t - r||^2) (+Infinity when the error is exactly zero)</li>
 *   <li>maximum absolute error</li>
 * </ul>
 */
public final class FidelityStats implements Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private double sumRefSquared;
    private double sumTestSquared;
    private double sumDot;
    private double sumErrorSquared;
    private double maxAbsError;

    /** Adds reference/test pairs element by element. */
    public FidelityStats add(float[] reference, float[] test) {
        if (reference.length != test.length) {
            throw new IllegalArgumentException("reference has " + reference.length + " values, test " + test.length);
        }
        return add(reference, test, 0, reference.length);
    }

    /** Adds the pairs {@code [offset, offset+length)} of two equally laid out arrays. */
    public FidelityStats add(float[] reference, float[] test, int offset, int length) {
        double rr = 0, tt = 0, rt = 0, ee = 0, max = maxAbsError;
        for (int i = offset; i < offset + length; i++) {
            double r = reference[i];
            double t = test[i];
            double e = t - r;
            rr += r * r;
            tt += t * t;
            rt += r * t;
            ee += e * e;
            max = Math.max(max, Math.abs(e));
        }
        count += length;
        sumRefSquared += rr;
        sumTestSquared += tt;
        sumDot += rt;
        sumErrorSquared += ee;
        maxAbsError = max;
        return this;
    }

    /** Adds another set of statistics to this one. */
    public FidelityStats merge(FidelityStats o) {
        count += o.count;
        sumRefSquared += o.sumRefSquared;
        sumTestSquared += o.sumTestSquared;
        sumDot += o.sumDot;
        sumErrorSquared += o.sumErrorSquared;
        maxAbsError = Math.max(maxAbsError, o.maxAbsError);
        return this;
    }

    public long count() {
        return count;
    }

    public double relativeL2Error() {
        if (sumRefSquared == 0) {
            return sumErrorSquared == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(sumErrorSquared / sumRefSquared);
    }

    public double cosineSimilarity() {
        double denominator = Math.sqrt(sumRefSquared) * Math.sqrt(sumTestSquared);
        if (denominator == 0) {
            return sumRefSquared == sumTestSquared ? 1.0 : 0.0;
        }
        return sumDot / denominator;
    }

    public double snrDb() {
        if (sumErrorSquared == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10.0 * Math.log10(sumRefSquared / sumErrorSquared);
    }

    public double maxAbsError() {
        return maxAbsError;
    }
}
