package org.pfmsim.compensation;

import java.io.Serializable;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * A digital rank-r update of a layer, y <- y + (x U) V with U inputs x r and V r x outputs (LoRA's form,
 * W_eff = W_phys + B A, kept in digital memory beside the fixed matrix; AHWA-LoRA, Li et al., arXiv
 * 2411.17367). Fitted from probe reads only:
 * <ol>
 *   <li>ridge least squares for the full correction, Delta = (G + lambda I)^-1 B with G = X^T X,
 *       B = X^T R ({@link LowRankStats}), lambda = 0.01 trace(G) / inputs (1 % of G's mean eigenvalue).
 *       Without it, random probes near as many as the inputs make G nearly singular and the fit amplifies
 *       read noise (the interpolation peak of least squares); with it, fewer probes than inputs correct the
 *       probed subspace only, so the error falls as probes grow, and an orthogonal probe set (G = P I)
 *       shrinks Delta by 1 %;</li>
 *   <li>its best rank-r approximation (Eckart-Young: the r leading singular triplets), found by subspace
 *       iteration with r + 8 vectors from a fixed start (40 rounds) and a Rayleigh-Ritz step. With probes
 *       whose G is a multiple of I (Hadamard at a power-of-two width) this is also the rank-r least-squares
 *       optimum; otherwise it is the usual truncation of the least-squares solution.</li>
 * </ol>
 * Solved by Cholesky in double on the driver: O(inputs^3), seconds at a width of a few thousand.
 *
 * @param inputs   rows of the layer
 * @param outputs  columns of the layer
 * @param rank     r
 * @param u        inputs x r, row-major
 * @param v        r x outputs, row-major
 */
public record LowRankCorrection(int inputs, int outputs, int rank, float[] u, float[] v) implements Serializable {
    private static final int OVERSAMPLING = 8;
    private static final int ROUNDS = 40;
    /** lambda / mean eigenvalue of G. */
    static final double RIDGE = 0.01;

    /** Fits a rank-{@code rank} correction; the rank must be below the probe count and at most the layer's size. */
    public static LowRankCorrection fit(LowRankStats stats, int rank) {
        int n = stats.inputs;
        int m = stats.outputs;
        if (rank < 1 || rank > Math.min(n, m)) {
            throw new IllegalArgumentException("rank " + rank + " outside 1.." + Math.min(n, m));
        }
        if (stats.probes() <= rank) {
            throw new IllegalArgumentException("a rank-" + rank + " fit needs more than " + rank + " probes, got "
                    + stats.probes());
        }
        double[] delta = leastSquares(stats);
        int k = Math.min(Math.min(n, m), rank + OVERSAMPLING);
        double[] z = new double[n * k];
        double[] q = new double[m * k];
        CounterRng start = CounterRng.stream(0, Purpose.PROBES, -1, 0, 0);
        for (int a = 0; a < m * k; a++) {
            q[a] = start.normal(a);
        }
        orthonormalize(q, m, k);
        for (int round = 0; round < ROUNDS; round++) {
            multiply(delta, n, m, q, k, z);       // Z = Delta Q
            orthonormalize(z, n, k);
            multiplyTransposed(delta, n, m, z, k, q); // Q = Delta^T Z
            orthonormalize(q, m, k);
        }
        multiply(delta, n, m, q, k, z);
        orthonormalize(z, n, k);
        // Rayleigh-Ritz: C = Z^T Delta (k x m); the leading eigenvectors E of C C^T give Delta_r = Z E E^T C.
        double[] c = new double[k * m];
        multiplyTransposed(delta, n, m, z, k, c); // c as m x k (Delta^T Z), i.e. C^T
        double[] cct = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double t = 0;
                for (int j = 0; j < m; j++) {
                    t += c[j * k + a] * c[j * k + b];
                }
                cct[a * k + b] = t;
            }
        }
        double[] vectors = SymmetricEigen.leading(cct, k, rank);
        float[] u = new float[n * rank];
        float[] v = new float[rank * m];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < rank; r++) {
                double t = 0;
                for (int a = 0; a < k; a++) {
                    t += z[i * k + a] * vectors[a * rank + r];
                }
                u[i * rank + r] = (float) t;
            }
        }
        for (int r = 0; r < rank; r++) {
            for (int j = 0; j < m; j++) {
                double t = 0;
                for (int a = 0; a < k; a++) {
                    t += vectors[a * rank + r] * c[j * k + a];
                }
                v[r * m + j] = (float) t;
            }
        }
        return new LowRankCorrection(n, m, rank, u, v);
    }

    /** Delta = (G + lambda I)^-1 B by Cholesky (G + lambda I is symmetric positive definite for lambda > 0). */
    static double[] leastSquares(LowRankStats s) {
        int n = s.inputs;
        int m = s.outputs;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += s.gram[i * n + i];
        }
        double lambda = RIDGE * trace / n;
        double[] l = s.gram.clone();
        for (int i = 0; i < n; i++) {
            l[i * n + i] += lambda;
        }
        for (int j = 0; j < n; j++) {
            double d = l[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= l[j * n + k] * l[j * n + k];
            }
            d = Math.sqrt(d);
            l[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double t = l[i * n + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = t / d;
            }
        }
        double[] x = s.cross.clone();
        double[] col = new double[n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                double t = x[i * m + j];
                for (int k = 0; k < i; k++) {
                    t -= l[i * n + k] * col[k];
                }
                col[i] = t / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double t = col[i];
                for (int k = i + 1; k < n; k++) {
                    t -= l[k * n + i] * col[k];
                }
                col[i] = t / l[i * n + i];
            }
            for (int i = 0; i < n; i++) {
                x[i * m + j] = col[i];
            }
        }
        return x;
    }

    /** out (n x k) = a (n x m) times b (m x k). */
    private static void multiply(double[] a, int n, int m, double[] b, int k, double[] out) {
        java.util.Arrays.fill(out, 0, n * k, 0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double aij = a[i * m + j];
                if (aij == 0) {
                    continue;
                }
                for (int c = 0; c < k; c++) {
                    out[i * k + c] += aij * b[j * k + c];
                }
            }
        }
    }

    /** out (m x k) = a^T (a is n x m) times b (n x k). */
    private static void multiplyTransposed(double[] a, int n, int m, double[] b, int k, double[] out) {
        java.util.Arrays.fill(out, 0, m * k, 0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double aij = a[i * m + j];
                if (aij == 0) {
                    continue;
                }
                for (int c = 0; c < k; c++) {
                    out[j * k + c] += aij * b[i * k + c];
                }
            }
        }
    }

    /** Modified Gram-Schmidt on the k columns of a (rows x k); a column that vanishes stays zero. */
    private static void orthonormalize(double[] a, int rows, int k) {
        for (int c = 0; c < k; c++) {
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < rows; i++) {
                    dot += a[i * k + c] * a[i * k + p];
                }
                for (int i = 0; i < rows; i++) {
                    a[i * k + c] -= dot * a[i * k + p];
                }
            }
            double norm = 0;
            for (int i = 0; i < rows; i++) {
                norm += a[i * k + c] * a[i * k + c];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) {
                a[i * k + c] = norm > 0 ? a[i * k + c] / norm : 0;
            }
        }
    }

    /** Adds (x U) V to {@code samples} layer outputs, in place (x: samples x inputs, outputs: samples x outputs). */
    public void apply(float[] x, float[] y, int samples) {
        double[] t = new double[rank];
        for (int s = 0; s < samples; s++) {
            java.util.Arrays.fill(t, 0);
            for (int i = 0; i < inputs; i++) {
                double xi = x[s * inputs + i];
                for (int r = 0; r < rank; r++) {
                    t[r] += xi * u[i * rank + r];
                }
            }
            for (int j = 0; j < outputs; j++) {
                double add = 0;
                for (int r = 0; r < rank; r++) {
                    add += t[r] * v[r * outputs + j];
                }
                y[s * outputs + j] += (float) add;
            }
        }
    }

    /** Tunable parameters: r (inputs + outputs). */
    public long tunableParameters() {
        return (long) rank * (inputs + outputs);
    }

    /** Digital multiply-accumulates per corrected sample: r (inputs + outputs). */
    public long digitalMacsPerSample() {
        return (long) rank * (inputs + outputs);
    }
}
