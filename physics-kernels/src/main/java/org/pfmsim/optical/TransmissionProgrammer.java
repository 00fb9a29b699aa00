package org.pfmsim.optical;

import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * The program face of the optical MVM: weights to voxel power transmissions T in [0, 1] of a glass block,
 * with every fabrication effect, drawn once per tile from streams keyed by the tile's address.
 *
 * <p>With the tile weight scale s = max|w|, the targets are T+ = max(w, 0) / s and T- = max(-w, 0) / s
 * (differential) or T = (1 + w / s) / 2 (offset). Then, in the order a written voxel experiences them:
 * <ol>
 *   <li>quantization to L equally spaced transmissions in [0, 1] (writable levels);</li>
 *   <li>fabrication error T + sigma N(0, 1), additive in units of full transmission (voxel-to-voxel
 *       variation of the written modification); a power transmission is physically in [0, 1], so the
 *       result is clamped there;</li>
 *   <li>crosstalk between neighbouring output channels: a fraction c of the light bound for output j
 *       reaches output j - 1 and c reaches j + 1 (light leaking past the tile's edge is lost), so
 *       z'_j = (1 - 2c) z_j + c z_(j-1) + c z_(j+1). The map is linear in the light, so it is folded into
 *       the transmissions as T'_ij = (1 - 2c) T_ij + c T_i,j-1 + c T_i,j+1, exact and free at read time
 *       (as the crossbar folds its IR drop).</li>
 * </ol>
 * The forward face needs only linear combinations of the transmissions, kept in the form that avoids
 * cancellation: the signed difference D = T+ - T- and the total S = T+ + T- (differential; the balanced
 * detectors see P = (|v| S + v D) / 2 and N = (|v| S - v D) / 2), or the centred W = 2T - 1 with its
 * column sums (offset; a detector sees z = (R + sum v + sum_i W_ij + v W) / 4 for inputs v in [-1, 1]).
 */
public final class TransmissionProgrammer {
    private TransmissionProgrammer() {
    }

    /**
     * Transmissions of a programmed tile in the forms the forward face uses, rows x cols row-major.
     *
     * @param signed           D = T+ - T- (differential) or W = 2T - 1 (offset)
     * @param total            S = T+ + T- (differential); null for offset
     * @param signedColumnSums sum over rows of each column of {@code signed} (the offset's calibration)
     * @param weightScale      s = max |w| of the tile: the weight written as full transmission
     */
    public record Transmissions(float[] signed, float[] total, double[] signedColumnSums, float weightScale) {
    }

    public static Transmissions program(OpticalMvmSpec spec, float[] weights, int rows, int cols,
                                        TileAddress address) {
        int n = rows * cols;
        if (weights.length != n) {
            throw new IllegalArgumentException("weights have " + weights.length + " values, tile is " + rows + "x" + cols);
        }
        float scale = 0f;
        for (float w : weights) {
            scale = Math.max(scale, Math.abs(w));
        }
        if (scale == 0f) {
            scale = 1f; // an all-zero tile: any scale writes it as zero (differential) or half (offset) transmission
        }
        CounterRng rng = address.stream(Purpose.VARIABILITY);
        float[] signed = new float[n];
        float[] total = null;
        if (spec.encoding() == OpticalMvmSpec.Encoding.DIFFERENTIAL) {
            float[] plus = new float[n];
            float[] minus = new float[n];
            write(spec, weights, 1f / scale, plus, minus, rng);
            plus = crosstalk(plus, rows, cols, spec.crosstalk());
            minus = crosstalk(minus, rows, cols, spec.crosstalk());
            total = new float[n];
            for (int k = 0; k < n; k++) {
                signed[k] = plus[k] - minus[k];
                total[k] = plus[k] + minus[k];
            }
        } else {
            float[] t = new float[n];
            write(spec, weights, 1f / scale, t, null, rng);
            t = crosstalk(t, rows, cols, spec.crosstalk());
            for (int k = 0; k < n; k++) {
                signed[k] = 2f * t[k] - 1f;
            }
        }
        double[] columnSums = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                columnSums[j] += signed[i * cols + j];
            }
        }
        return new Transmissions(signed, total, columnSums, scale);
    }

    /**
     * Steps 1 and 2. With {@code minus} null (offset) one transmission per weight, from the low half of
     * word k of the stream; otherwise T+ and T- from its two halves.
     */
    private static void write(OpticalMvmSpec spec, float[] weights, float perScale, float[] plus, float[] minus,
                              CounterRng rng) {
        int levels = spec.transmissionLevels();
        boolean quantize = levels > 0;
        float steps = quantize ? levels - 1 : 1;
        float perStep = 1f / steps;
        float sigma = (float) spec.fabricationSigma();
        for (int k = 0; k < weights.length; k++) {
            float w = weights[k] * perScale; // in [-1, 1]
            float p = minus == null ? 0.5f * (1f + w) : Math.max(w, 0f);
            float m = Math.max(-w, 0f);
            if (quantize) {
                p = (float) Math.rint(p * steps) * perStep;
                m = (float) Math.rint(m * steps) * perStep;
            }
            if (sigma > 0) {
                p += sigma * rng.normal(2L * k);
                m += sigma * rng.normal(2L * k + 1);
                p = Math.min(Math.max(p, 0f), 1f);
                m = Math.min(Math.max(m, 0f), 1f);
            }
            plus[k] = p;
            if (minus != null) {
                minus[k] = m;
            }
        }
    }

    /** Step 3: T' = T C^T with the tridiagonal crosstalk matrix C over the columns of each row. */
    static float[] crosstalk(float[] t, int rows, int cols, double c) {
        if (c == 0) {
            return t;
        }
        float keep = (float) (1 - 2 * c);
        float leak = (float) c;
        float[] out = new float[t.length];
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                float v = keep * t[base + j];
                if (j > 0) {
                    v += leak * t[base + j - 1];
                }
                if (j + 1 < cols) {
                    v += leak * t[base + j + 1];
                }
                out[base + j] = v;
            }
        }
        return out;
    }
}
