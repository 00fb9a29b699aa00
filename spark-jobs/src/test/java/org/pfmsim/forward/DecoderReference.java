package org.pfmsim.forward;

import org.pfmsim.weights.TensorSource;

/**
 * An independent float64 reference of GPT-2 and Llama decoders, written from the papers and the Hugging
 * Face modelling code with plain loops over whole tensors; it shares no code with the main path (not even
 * the tensor names or dimensions, which the caller gives). Returns logits [tokens][vocab].
 */
final class DecoderReference {
    private DecoderReference() {
    }

    static double[][] gpt2(TensorSource t, int depth, int d, int heads, int ffn, int vocab, int[] ids, int length,
                           double eps) {
        int tokens = ids.length;
        double[][] wte = matrix(t, "transformer.wte.weight", vocab, d);
        double[][] wpe = matrix(t, "transformer.wpe.weight", length, d);
        double[][] h = new double[tokens][d];
        for (int n = 0; n < tokens; n++) {
            for (int j = 0; j < d; j++) {
                h[n][j] = wte[ids[n]][j] + wpe[n % length][j];
            }
        }
        for (int i = 0; i < depth; i++) {
            String p = "transformer.h." + i + ".";
            double[][] a = layerNorm(h, vector(t, p + "ln_1.weight", d), vector(t, p + "ln_1.bias", d), eps);
            // Conv1D: y = x W + b with W stored [in, out].
            double[][] qkv = conv1d(a, matrix(t, p + "attn.c_attn.weight", d, 3 * d),
                    vector(t, p + "attn.c_attn.bias", 3 * d));
            double[][] q = new double[tokens][d];
            double[][] k = new double[tokens][d];
            double[][] v = new double[tokens][d];
            for (int n = 0; n < tokens; n++) {
                for (int j = 0; j < d; j++) {
                    q[n][j] = qkv[n][j];
                    k[n][j] = qkv[n][d + j];
                    v[n][j] = qkv[n][2 * d + j];
                }
            }
            double[][] att = attention(q, k, v, heads, heads, d / heads, length);
            add(h, conv1d(att, matrix(t, p + "attn.c_proj.weight", d, d), vector(t, p + "attn.c_proj.bias", d)));
            double[][] m = layerNorm(h, vector(t, p + "ln_2.weight", d), vector(t, p + "ln_2.bias", d), eps);
            double[][] up = conv1d(m, matrix(t, p + "mlp.c_fc.weight", d, ffn), vector(t, p + "mlp.c_fc.bias", ffn));
            for (double[] row : up) {
                for (int j = 0; j < ffn; j++) {
                    double x = row[j];
                    row[j] = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * Math.pow(x, 3))));
                }
            }
            add(h, conv1d(up, matrix(t, p + "mlp.c_proj.weight", ffn, d), vector(t, p + "mlp.c_proj.bias", d)));
        }
        double[][] f = layerNorm(h, vector(t, "transformer.ln_f.weight", d), vector(t, "transformer.ln_f.bias", d),
                eps);
        return linear(f, wte, null); // tied head
    }

    static double[][] llama(TensorSource t, int depth, int d, int heads, int kvHeads, int ffn, int vocab, int[] ids,
                            int length, double eps, double theta) {
        int tokens = ids.length;
        int hd = d / heads;
        double[][] emb = matrix(t, "model.embed_tokens.weight", vocab, d);
        double[][] h = new double[tokens][];
        for (int n = 0; n < tokens; n++) {
            h[n] = emb[ids[n]].clone();
        }
        for (int i = 0; i < depth; i++) {
            String p = "model.layers." + i + ".";
            double[][] a = rmsNorm(h, vector(t, p + "input_layernorm.weight", d), eps);
            double[][] q = linear(a, matrix(t, p + "self_attn.q_proj.weight", d, d), null);
            double[][] k = linear(a, matrix(t, p + "self_attn.k_proj.weight", kvHeads * hd, d), null);
            double[][] v = linear(a, matrix(t, p + "self_attn.v_proj.weight", kvHeads * hd, d), null);
            rope(q, heads, hd, length, theta);
            rope(k, kvHeads, hd, length, theta);
            double[][] att = attention(q, k, v, heads, kvHeads, hd, length);
            add(h, linear(att, matrix(t, p + "self_attn.o_proj.weight", d, d), null));
            double[][] m = rmsNorm(h, vector(t, p + "post_attention_layernorm.weight", d), eps);
            double[][] g = linear(m, matrix(t, p + "mlp.gate_proj.weight", ffn, d), null);
            double[][] u = linear(m, matrix(t, p + "mlp.up_proj.weight", ffn, d), null);
            for (int n = 0; n < tokens; n++) {
                for (int j = 0; j < ffn; j++) {
                    double sigmoid = 1 / (1 + Math.exp(-g[n][j]));
                    g[n][j] = g[n][j] * sigmoid * u[n][j];
                }
            }
            add(h, linear(g, matrix(t, p + "mlp.down_proj.weight", d, ffn), null));
        }
        double[][] f = rmsNorm(h, vector(t, "model.norm.weight", d), eps);
        return linear(f, matrix(t, "lm_head.weight", vocab, d), null);
    }

    /** HF apply_rotary_pos_emb: x cos + rotate_half(x) sin, cos/sin = cat(freqs, freqs). */
    private static void rope(double[][] x, int heads, int hd, int length, double theta) {
        for (int n = 0; n < x.length; n++) {
            int pos = n % length;
            double[] cos = new double[hd];
            double[] sin = new double[hd];
            for (int j = 0; j < hd; j++) {
                double invFreq = 1.0 / Math.pow(theta, (double) (2 * (j % (hd / 2))) / hd);
                cos[j] = Math.cos(pos * invFreq);
                sin[j] = Math.sin(pos * invFreq);
            }
            for (int hh = 0; hh < heads; hh++) {
                double[] head = new double[hd];
                System.arraycopy(x[n], hh * hd, head, 0, hd);
                for (int j = 0; j < hd; j++) {
                    double rotated = j < hd / 2 ? -head[j + hd / 2] : head[j - hd / 2];
                    x[n][hh * hd + j] = head[j] * cos[j] + rotated * sin[j];
                }
            }
        }
    }

    private static double[][] attention(double[][] q, double[][] k, double[][] v, int heads, int kvHeads, int hd,
                                        int length) {
        double[][] out = new double[q.length][heads * hd];
        for (int n = 0; n < q.length; n++) {
            int start = n / length * length;
            for (int hh = 0; hh < heads; hh++) {
                int kv = hh / (heads / kvHeads);
                double[] s = new double[n - start + 1];
                double z = 0;
                for (int m = start; m <= n; m++) {
                    double dot = 0;
                    for (int j = 0; j < hd; j++) {
                        dot += q[n][hh * hd + j] * k[m][kv * hd + j];
                    }
                    s[m - start] = Math.exp(dot / Math.sqrt(hd));
                    z += s[m - start];
                }
                for (int m = start; m <= n; m++) {
                    for (int j = 0; j < hd; j++) {
                        out[n][hh * hd + j] += s[m - start] / z * v[m][kv * hd + j];
                    }
                }
            }
        }
        return out;
    }

    private static double[][] layerNorm(double[][] x, double[] g, double[] b, double eps) {
        double[][] y = new double[x.length][];
        for (int n = 0; n < x.length; n++) {
            double mean = java.util.Arrays.stream(x[n]).average().orElseThrow();
            double var = java.util.Arrays.stream(x[n]).map(e -> (e - mean) * (e - mean)).average().orElseThrow();
            y[n] = new double[x[n].length];
            for (int j = 0; j < x[n].length; j++) {
                y[n][j] = (x[n][j] - mean) / Math.sqrt(var + eps) * g[j] + b[j];
            }
        }
        return y;
    }

    private static double[][] rmsNorm(double[][] x, double[] g, double eps) {
        double[][] y = new double[x.length][];
        for (int n = 0; n < x.length; n++) {
            double ms = java.util.Arrays.stream(x[n]).map(e -> e * e).average().orElseThrow();
            y[n] = new double[x[n].length];
            for (int j = 0; j < x[n].length; j++) {
                y[n][j] = x[n][j] / Math.sqrt(ms + eps) * g[j];
            }
        }
        return y;
    }

    /** nn.Linear: y = x W^T (+ b), W [out][in]. */
    private static double[][] linear(double[][] x, double[][] w, double[] b) {
        double[][] y = new double[x.length][w.length];
        for (int n = 0; n < x.length; n++) {
            for (int o = 0; o < w.length; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < w[o].length; i++) {
                    s += x[n][i] * w[o][i];
                }
                y[n][o] = s;
            }
        }
        return y;
    }

    /** Conv1D: y = x W + b, W [in][out]. */
    private static double[][] conv1d(double[][] x, double[][] w, double[] b) {
        double[][] y = new double[x.length][b.length];
        for (int n = 0; n < x.length; n++) {
            for (int o = 0; o < b.length; o++) {
                double s = b[o];
                for (int i = 0; i < w.length; i++) {
                    s += x[n][i] * w[i][o];
                }
                y[n][o] = s;
            }
        }
        return y;
    }

    private static void add(double[][] h, double[][] y) {
        for (int n = 0; n < h.length; n++) {
            for (int j = 0; j < h[n].length; j++) {
                h[n][j] += y[n][j];
            }
        }
    }

    private static double[][] matrix(TensorSource t, String name, int rows, int cols) {
        float[] f = new float[rows * cols];
        t.read(name, 0, rows, 0, cols, f);
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = f[r * cols + c];
            }
        }
        return m;
    }

    private static double[] vector(TensorSource t, String name, int n) {
        return matrix(t, name, 1, n)[0];
    }
}
