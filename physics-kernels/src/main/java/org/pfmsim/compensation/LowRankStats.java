package org.pfmsim.compensation;

import java.io.Serializable;

/**
 * Sufficient statistics of a layer's low-rank fit: G = X^T X (inputs x inputs) and B = X^T R (inputs x
 * outputs) over probes X (probes x inputs) and residuals R = D - M (the digital model's answers minus the
 * device's reads, probes x outputs). Both are sums over probes, so batches of probes merge by addition (in
 * a fixed order). Doubles, row-major.
 */
public final class LowRankStats implements Serializable {
    private static final long serialVersionUID = 1L;
    final int inputs;
    final int outputs;
    final double[] gram;
    final double[] cross;
    long probes;

    public LowRankStats(int inputs, int outputs) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.gram = new double[Math.multiplyExact(inputs, inputs)];
        this.cross = new double[Math.multiplyExact(inputs, outputs)];
    }

    public long probes() {
        return probes;
    }

    /**
     * Adds {@code samples} probes.
     *
     * @param x         samples x inputs, the probes
     * @param measured  samples x outputs, the layer's reads through the device
     * @param model     samples x outputs, the digital model's answers
     */
    public LowRankStats add(float[] x, float[] measured, float[] model, int samples) {
        if (x.length != (long) samples * inputs || measured.length != (long) samples * outputs
                || model.length != measured.length) {
            throw new IllegalArgumentException("probes of " + samples + " x " + inputs + " and reads of " + samples
                    + " x " + outputs + " expected");
        }
        double[] r = new double[outputs];
        for (int p = 0; p < samples; p++) {
            for (int j = 0; j < outputs; j++) {
                r[j] = (double) model[p * outputs + j] - measured[p * outputs + j];
            }
            for (int i = 0; i < inputs; i++) {
                double xi = x[p * inputs + i];
                if (xi == 0) {
                    continue;
                }
                int g = i * inputs;
                for (int k = 0; k < inputs; k++) {
                    gram[g + k] += xi * x[p * inputs + k];
                }
                int c = i * outputs;
                for (int j = 0; j < outputs; j++) {
                    cross[c + j] += xi * r[j];
                }
            }
        }
        probes += samples;
        return this;
    }
}
