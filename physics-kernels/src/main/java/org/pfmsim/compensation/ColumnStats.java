package org.pfmsim.compensation;

import java.io.Serializable;

/**
 * Sufficient statistics of the per-column least-squares fits of a tile's probe reads: for each column j,
 * over probes p, the sums of m, s, d, m^2, m s, s^2, m d, s d and the count, where m_pj is the read through
 * the device, d_pj the digital model's answer to the same probe and s_p the probe's input sum. Sums add:
 * statistics of probe batches and tiles merge, in double, in a fixed order (probe order, then tile order), so
 * a fit never depends on how the work was partitioned.
 */
public final class ColumnStats implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int M = 0;
    static final int S = 1;
    static final int D = 2;
    static final int MM = 3;
    static final int MS = 4;
    static final int SS = 5;
    static final int MD = 6;
    static final int SD = 7;
    static final int DD = 8;
    static final int FIELDS = 9;

    final int cols;
    final double[] sums;
    long probes;

    public ColumnStats(int cols) {
        this.cols = cols;
        this.sums = new double[FIELDS * cols];
    }

    public int cols() {
        return cols;
    }

    public long probes() {
        return probes;
    }

    /**
     * Adds {@code samples} probe reads.
     *
     * @param measured   samples x cols, the device's outputs
     * @param model      samples x cols, the digital model's outputs for the same probes
     * @param inputSums  the probes' input sums, one per sample
     */
    public ColumnStats add(float[] measured, float[] model, double[] inputSums, int samples) {
        if (measured.length != (long) samples * cols || model.length != measured.length || inputSums.length < samples) {
            throw new IllegalArgumentException("probe reads of " + samples + " x " + cols + " expected, got "
                    + measured.length + " measured and " + model.length + " model values");
        }
        for (int p = 0; p < samples; p++) {
            double s = inputSums[p];
            for (int j = 0; j < cols; j++) {
                double m = measured[p * cols + j];
                double d = model[p * cols + j];
                int k = FIELDS * j;
                sums[k + M] += m;
                sums[k + S] += s;
                sums[k + D] += d;
                sums[k + MM] += m * m;
                sums[k + MS] += m * s;
                sums[k + SS] += s * s;
                sums[k + MD] += m * d;
                sums[k + SD] += s * d;
                sums[k + DD] += d * d;
            }
        }
        probes += samples;
        return this;
    }

    /** Adds another tile's or task's statistics of the same columns. */
    public ColumnStats merge(ColumnStats other) {
        if (other.cols != cols) {
            throw new IllegalArgumentException("cannot merge statistics of " + other.cols + " columns into " + cols);
        }
        for (int k = 0; k < sums.length; k++) {
            sums[k] += other.sums[k];
        }
        probes += other.probes;
        return this;
    }

    double get(int column, int field) {
        return sums[FIELDS * column + field];
    }
}
