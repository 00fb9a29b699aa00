package org.pfmsim.decoder;

import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;
import org.pfmsim.weights.InMemoryTensors;

/**
 * A seeded random GPT-2- or Llama-shaped decoder held in memory under its family's Hugging Face tensor
 * names (GPT-2 with fused {@code c_attn} and {@code Conv1D} weights stored {@code [in, out]}), so that it
 * goes through exactly the path a checkpoint does.
 *
 * <p>Values: matrices and embeddings N(0, 0.02^2), the initializer of both families (Hugging Face
 * {@code initializer_range = 0.02}, GPT-2 and Llama configs). A freshly initialized model has zero biases
 * and unit norm gains, which would hide the bias and gain paths from every test, so biases and norm
 * offsets are drawn N(0, 0.02^2) and norm gains 1 + N(0, 0.02^2). Element (r, c) of tensor t is a pure
 * function of (seed, t, r, c): the same seed gives the same model.
 *
 * @param ffnWidth   MLP hidden width
 * @param positions  rows of GPT-2's position embedding (the longest sequence); ignored for Llama
 * @param tiedHead   no {@code lm_head.weight}: the head is the token embedding
 */
public record SyntheticDecoder(DecoderPreset preset, int width, int depth, int heads, int kvHeads, int ffnWidth,
                               int vocab, int positions, boolean tiedHead) {
    /** Initializer standard deviation of both families. */
    public static final double INIT_STD = 0.02;

    public SyntheticDecoder {
        Checks.intRange("model.width", width, 1, 1 << 16);
        Checks.intRange("model.depth", depth, 1, 1 << 10);
        Checks.intRange("model.decoder.heads", heads, 1, width);
        if (width % heads != 0) {
            throw ConfigException.of("model.decoder.heads", heads, "a divisor of model.width = " + width);
        }
        Checks.intRange("model.decoder.kv-heads", kvHeads, 1, heads);
        if (heads % kvHeads != 0) {
            throw ConfigException.of("model.decoder.kv-heads", kvHeads, "a divisor of model.decoder.heads = "
                    + heads + " (0 = heads)");
        }
        if (preset == DecoderPreset.GPT2 && kvHeads != heads) {
            throw ConfigException.of("model.decoder.kv-heads", kvHeads, "0 or " + heads
                    + " for gpt2 (grouped-query attention is a llama feature)");
        }
        Checks.intRange("model.decoder.ffn-width", ffnWidth, 1, 1 << 20);
        Checks.intRange("model.decoder.vocab", vocab, 2, 1 << 24);
        Checks.intRange("model.decoder.sequence-length", positions, 1, 1 << 20);
    }

    /** The model's tensors, generated from {@code seed}. */
    public InMemoryTensors tensors(long seed) {
        TensorNames n = preset.names();
        // GPT-2 has a bias on every projection, Llama none.
        Generator g = new Generator(seed, preset == DecoderPreset.GPT2);
        int headDim = width / heads;
        int kv = kvHeads * headDim;
        g.matrix(n.embed(), vocab, width);
        if (preset == DecoderPreset.GPT2) {
            g.matrix(n.positions(), positions, width);
        }
        for (int b = 0; b < depth; b++) {
            g.norm(n.norm1(), b, width);
            if (preset == DecoderPreset.GPT2) {
                g.linear(n.qkv(), b, width, 3 * width);
            } else {
                g.linear(n.q(), b, width, width);
                g.linear(n.k(), b, width, kv);
                g.linear(n.v(), b, width, kv);
            }
            g.linear(n.o(), b, width, width);
            g.norm(n.norm2(), b, width);
            if (n.gate() != null) {
                g.linear(n.gate(), b, width, ffnWidth);
            }
            g.linear(n.up(), b, width, ffnWidth);
            g.linear(n.down(), b, ffnWidth, width);
        }
        g.norm(n.finalNorm(), 0, width);
        if (!tiedHead) {
            g.matrix(n.head(), vocab, width);
        }
        return g.tensors;
    }

    /** Fills tensors in a fixed order; the order number keys each tensor's random streams. */
    private static final class Generator {
        final InMemoryTensors tensors = new InMemoryTensors();
        final long seed;
        final boolean biases;
        int next;

        Generator(long seed, boolean biases) {
            this.seed = seed;
            this.biases = biases;
        }

        void matrix(String name, int rows, int cols) {
            put(name, new long[] {rows, cols}, 0.0);
        }

        /** Weight in the family's layout (Conv1D [in, out] or nn.Linear [out, in]), bias when named. */
        void linear(TensorNames.Linear l, int block, int in, int out) {
            String w = TensorNames.block(l.weight(), block);
            if (l.inOut()) {
                matrix(w, in, out);
            } else {
                matrix(w, out, in);
            }
            if (biases) {
                put(TensorNames.block(l.bias(), block), new long[] {out}, 0.0);
            }
        }

        void norm(TensorNames.Norm n, int block, int width) {
            put(TensorNames.block(n.weight(), block), new long[] {width}, 1.0);
            if (n.bias() != null) {
                put(TensorNames.block(n.bias(), block), new long[] {width}, 0.0);
            }
        }

        private void put(String name, long[] shape, double mean) {
            int rows = shape.length == 1 ? 1 : Math.toIntExact(shape[0]);
            int cols = Math.toIntExact(shape[shape.length - 1]);
            float[] v = new float[Math.multiplyExact(rows, cols)];
            int t = next++;
            for (int r = 0; r < rows; r++) {
                CounterRng.stream(seed, Purpose.SYNTHETIC_TENSORS, t, r, 0).fillGaussian(v, r * cols, cols, 0, mean,
                        INIT_STD);
            }
            tensors.put(name, shape, v);
        }
    }
}
