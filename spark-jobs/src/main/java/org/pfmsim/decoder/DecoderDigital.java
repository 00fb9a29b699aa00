package org.pfmsim.decoder;

/**
 * The digital parts of a decoder block: what depends on the input, so it cannot be written into a
 * medium. All arithmetic is float64; activations are stored as float32 between steps, as the physical
 * matrices take them. Shapes: activations are tokens x width, row-major, tokens = sequences x length with
 * the positions of one sequence consecutive.
 */
public final class DecoderDigital {
    private DecoderDigital() {
    }

    /**
     * LayerNorm (Ba, Kiros and Hinton 2016) as in PyTorch {@code nn.LayerNorm}: y = (x - mean) /
     * sqrt(var + eps) g + b, var the biased (1/n) variance over the width.
     */
    public static float[] layerNorm(float[] x, int width, float[] gain, float[] bias, double eps) {
        float[] y = new float[x.length];
        for (int t = 0; t < x.length / width; t++) {
            int o = t * width;
            double mean = 0;
            for (int j = 0; j < width; j++) {
                mean += x[o + j];
            }
            mean /= width;
            double var = 0;
            for (int j = 0; j < width; j++) {
                double d = x[o + j] - mean;
                var += d * d;
            }
            double inv = 1 / Math.sqrt(var / width + eps);
            for (int j = 0; j < width; j++) {
                y[o + j] = (float) ((x[o + j] - mean) * inv * gain[j] + bias[j]);
            }
        }
        return y;
    }

    /** RMSNorm (Zhang and Sennrich 2019) as in Hugging Face {@code LlamaRMSNorm}: y = x / sqrt(mean(x^2) + eps) g. */
    public static float[] rmsNorm(float[] x, int width, float[] gain, double eps) {
        float[] y = new float[x.length];
        for (int t = 0; t < x.length / width; t++) {
            int o = t * width;
            double ms = 0;
            for (int j = 0; j < width; j++) {
                ms += (double) x[o + j] * x[o + j];
            }
            double inv = 1 / Math.sqrt(ms / width + eps);
            for (int j = 0; j < width; j++) {
                y[o + j] = (float) (x[o + j] * inv * gain[j]);
            }
        }
        return y;
    }

    /**
     * Rotary position embedding (Su et al. 2021, "RoFormer", eq. 34) in Hugging Face's half-split layout
     * ({@code rotate_half}): in each head, dimension i &lt; h/2 is paired with i + h/2 and the pair is
     * rotated by the angle p theta^(-2i/h), p the token's position in its sequence. Returns a new array.
     *
     * @param x       tokens x (heads headDim)
     * @param length  positions per sequence
     */
    public static float[] rotary(float[] x, int length, int heads, int headDim, double theta) {
        float[] y = x.clone();
        int half = headDim / 2;
        int width = heads * headDim;
        for (int t = 0; t < x.length / width; t++) {
            int position = t % length;
            for (int i = 0; i < half; i++) {
                double angle = position * Math.pow(theta, -2.0 * i / headDim);
                double cos = Math.cos(angle);
                double sin = Math.sin(angle);
                for (int h = 0; h < heads; h++) {
                    int a = t * width + h * headDim + i;
                    double x1 = x[a];
                    double x2 = x[a + half];
                    y[a] = (float) (x1 * cos - x2 * sin);
                    y[a + half] = (float) (x2 * cos + x1 * sin);
                }
            }
        }
        return y;
    }

    /**
     * Causal scaled dot-product attention (Vaswani et al. 2017, eq. 1) with grouped-query heads (Ainslie et
     * al. 2023: query head h reads key/value head h / (heads / kvHeads)): position t of a sequence attends
     * to positions u &lt;= t of the same sequence with weights softmax_u(q_t . k_u / sqrt(headDim)).
     *
     * @param q  tokens x (heads headDim); k and v tokens x (kvHeads headDim)
     * @return tokens x (heads headDim), heads concatenated
     */
    public static float[] causalAttention(float[] q, float[] k, float[] v, int length, int heads, int kvHeads,
                                          int headDim) {
        int qWidth = heads * headDim;
        int kvWidth = kvHeads * headDim;
        int tokens = q.length / qWidth;
        int group = heads / kvHeads;
        double scale = 1 / Math.sqrt(headDim);
        float[] out = new float[tokens * qWidth];
        double[] weights = new double[length];
        double[] acc = new double[headDim];
        for (int t = 0; t < tokens; t++) {
            int first = t - t % length;
            for (int h = 0; h < heads; h++) {
                int qo = t * qWidth + h * headDim;
                int kvo = (h / group) * headDim;
                double max = Double.NEGATIVE_INFINITY;
                for (int u = first; u <= t; u++) {
                    double s = 0;
                    for (int i = 0; i < headDim; i++) {
                        s += (double) q[qo + i] * k[u * kvWidth + kvo + i];
                    }
                    weights[u - first] = s * scale;
                    max = Math.max(max, weights[u - first]);
                }
                double sum = 0;
                for (int u = first; u <= t; u++) {
                    weights[u - first] = Math.exp(weights[u - first] - max);
                    sum += weights[u - first];
                }
                java.util.Arrays.fill(acc, 0);
                for (int u = first; u <= t; u++) {
                    double p = weights[u - first] / sum;
                    for (int i = 0; i < headDim; i++) {
                        acc[i] += p * v[u * kvWidth + kvo + i];
                    }
                }
                for (int i = 0; i < headDim; i++) {
                    out[qo + i] = (float) acc[i];
                }
            }
        }
        return out;
    }

    /** SwiGLU's digital part (Shazeer 2020): SiLU(g) u element-wise, SiLU(g) = g / (1 + e^-g). */
    public static float[] swiglu(float[] gate, float[] up) {
        float[] y = new float[gate.length];
        for (int k = 0; k < y.length; k++) {
            double g = gate[k];
            y[k] = (float) (g / (1 + Math.exp(-g)) * up[k]);
        }
        return y;
    }

    /** The residual add x + y. */
    public static float[] add(float[] x, float[] y) {
        float[] z = new float[x.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = (float) ((double) x[k] + y[k]);
        }
        return z;
    }

    /** Columns [from, from + count) of a tokens x width matrix (the q, k or v part of a fused projection). */
    public static float[] columns(float[] x, int width, int from, int count) {
        int tokens = x.length / width;
        float[] y = new float[tokens * count];
        for (int t = 0; t < tokens; t++) {
            System.arraycopy(x, t * width + from, y, t * count, count);
        }
        return y;
    }

    /** y = x W^T for W {@code [out, in]} row-major (a digital linear map, e.g. an LM head kept digital). */
    public static float[] linearOutIn(float[] x, int in, float[] w, int out) {
        int tokens = x.length / in;
        float[] y = new float[tokens * out];
        for (int t = 0; t < tokens; t++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += (double) x[t * in + i] * w[o * in + i];
                }
                y[t * out + o] = (float) s;
            }
        }
        return y;
    }
}
