package org.pfmsim.compensation;

import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * A matrix "device" with known, injected errors, for testing fits against what was injected: effective weights
 * W_eff = diag-free per-column gain g_j W_ij + per-column additive shift delta_j + a low-rank term (U V)_ij,
 * read with independent Gaussian read noise of rms {@code noise} per output. Reads draw fresh noise each time.
 */
final class FakeDevice {
    final int rows;
    final int cols;
    final float[] weights;
    final float[] effective;
    final double noise;
    boolean dead;
    private final CounterRng readNoise;
    private long reads;

    FakeDevice(float[] weights, int rows, int cols, double noise, long seed) {
        this.rows = rows;
        this.cols = cols;
        this.weights = weights;
        this.effective = weights.clone();
        this.noise = noise;
        this.readNoise = CounterRng.stream(seed, Purpose.READ_NOISE, 0, 0, 0);
    }

    static float[] gaussian(long seed, int count, double sigma) {
        CounterRng rng = CounterRng.stream(seed, Purpose.WEIGHTS, 0, 0, 0);
        float[] w = new float[count];
        for (int k = 0; k < count; k++) {
            w[k] = (float) (sigma * rng.normal(k));
        }
        return w;
    }

    FakeDevice columnGains(float[] g) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                effective[i * cols + j] *= g[j];
            }
        }
        return this;
    }

    FakeDevice columnShifts(float[] delta) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                effective[i * cols + j] += delta[j];
            }
        }
        return this;
    }

    FakeDevice lowRank(float[] u, float[] v, int rank) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double t = 0;
                for (int r = 0; r < rank; r++) {
                    t += u[i * rank + r] * v[r * cols + j];
                }
                effective[i * cols + j] += (float) t;
            }
        }
        return this;
    }

    float[] read(float[] x, int samples) {
        float[] y = product(x, samples, effective);
        for (int k = 0; k < y.length; k++) {
            y[k] = dead ? 0f : y[k] + (float) (noise * readNoise.normal(reads++));
        }
        return y;
    }

    float[] model(float[] x, int samples) {
        return product(x, samples, weights);
    }

    private float[] product(float[] x, int samples, float[] w) {
        float[] y = new float[samples * cols];
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < cols; j++) {
                double t = 0;
                for (int i = 0; i < rows; i++) {
                    t += (double) x[s * rows + i] * w[i * cols + j];
                }
                y[s * cols + j] = (float) t;
            }
        }
        return y;
    }

    /** Relative L2 error of corrected (or raw) reads against the model's answers. */
    static double relativeError(float[] y, float[] model) {
        double e = 0;
        double p = 0;
        for (int k = 0; k < y.length; k++) {
            e += ((double) y[k] - model[k]) * ((double) y[k] - model[k]);
            p += (double) model[k] * model[k];
        }
        return Math.sqrt(e / p);
    }
}
