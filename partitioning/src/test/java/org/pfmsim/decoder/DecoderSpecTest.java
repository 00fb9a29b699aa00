package org.pfmsim.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.weights.InMemoryTensors;
import org.pfmsim.weights.TensorSource;
import org.pfmsim.weights.TransposedTensors;

/** Decoder specs read from tensor shapes: dimensions, matrices, and one-line errors naming the tensor. */
class DecoderSpecTest {
    static final SyntheticDecoder GPT2 = new SyntheticDecoder(DecoderPreset.GPT2, 32, 2, 4, 4, 128, 50, 16, true);
    static final SyntheticDecoder LLAMA = new SyntheticDecoder(DecoderPreset.LLAMA, 32, 2, 4, 2, 88, 50, 16, false);

    static DecoderSpec spec(TensorSource s, DecoderPreset preset, int heads, int kvHeads) {
        return DecoderSpec.of(s, preset, preset.names(), new DecoderOptions(heads, kvHeads, 1e-5, 10000));
    }

    @Test
    void gpt2DimensionsAndMatricesComeFromTheShapes() {
        InMemoryTensors t = GPT2.tensors(1);
        DecoderSpec s = spec(t, DecoderPreset.GPT2, 4, 0);
        assertEquals(List.of(2, 32, 50, 4, 8, 128, 16), List.of(s.depth(), s.width(), s.vocab(), s.kvHeads(),
                s.headDim(), s.ffnWidth(), s.positions()));
        assertTrue(s.fusedQkv() && s.tiedHead());
        List<DecoderMatrix> m = s.matrices(true);
        assertEquals(List.of("block0.attn.qkv", "block0.attn.o", "block0.mlp.up", "block0.mlp.down",
                "block1.attn.qkv", "block1.attn.o", "block1.mlp.up", "block1.mlp.down", "head"),
                m.stream().map(DecoderMatrix::kind).toList());
        DecoderMatrix qkv = m.get(4);
        assertEquals(List.of(4, 32, 96), List.of(qkv.index(), qkv.rows(), qkv.cols()));
        assertEquals("transformer.h.1.attn.c_attn.weight", qkv.weight());
        assertEquals("transformer.h.1.attn.c_attn.bias", qkv.bias());
        assertTrue(qkv.inOut(), "GPT-2 Conv1D weights are stored [in, out]");
        assertEquals("transformer.wte.weight", m.get(8).weight(), "a tied head reads the embedding");
        assertEquals(8, s.matrices(false).size(), "a digital head is not a physical matrix");
        long perBlock = 2 * 2 * 32 + 32 * 96 + 96 + 32 * 32 + 32 + 32 * 128 + 128 + 128 * 32 + 32;
        assertEquals(50 * 32 + 16 * 32 + 2 * perBlock + 2 * 32, s.parameterCount(t));
    }

    @Test
    void llamaReadsGroupedQueryHeadsFromTheKeyProjectionAndHasNoBiases() {
        InMemoryTensors t = LLAMA.tensors(1);
        DecoderSpec s = spec(t, DecoderPreset.LLAMA, 4, 0);
        assertEquals(List.of(2, 8, 88, 0), List.of(s.kvHeads(), s.headDim(), s.ffnWidth(), s.positions()));
        assertFalse(s.fusedQkv() || s.tiedHead());
        List<DecoderMatrix> m = s.matrices(true);
        assertEquals(List.of("block0.attn.q", "block0.attn.k", "block0.attn.v", "block0.attn.o", "block0.mlp.gate",
                "block0.mlp.up", "block0.mlp.down"), m.subList(0, 7).stream().map(DecoderMatrix::kind).toList());
        assertEquals(List.of(32, 16), List.of(m.get(1).rows(), m.get(1).cols()), "2 kv heads of width 8");
        assertEquals("model.layers.0.self_attn.k_proj.weight", m.get(1).weight());
        assertNull(m.get(1).bias());
        assertFalse(m.get(1).inOut());
        assertEquals("lm_head.weight", m.get(14).weight());
        assertEquals(2, spec(t, DecoderPreset.LLAMA, 4, 2).kvHeads(), "kv-heads given explicitly agrees");
    }

    @Test
    void transposedViewReadsAnyBlockOfTheTranspose() {
        InMemoryTensors t = new InMemoryTensors().put("w", new long[] {3, 4}, new float[] {
            0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23});
        TransposedTensors view = new TransposedTensors(t, Set.of("w"));
        assertArrayEquals(new long[] {4, 3}, view.shape("w"));
        float[] out = new float[4];
        view.read("w", 1, 2, 1, 2, out);
        assertArrayEquals(new float[] {11, 21, 12, 22}, out);
        assertThrows(IndexOutOfBoundsException.class, () -> view.read("w", 3, 2, 0, 1, new float[2]));
    }

    @Test
    void shapeMismatchesAreOneLineErrorsNamingTheTensor() {
        assertError("tensor transformer.h.1.attn.c_attn.weight has shape [32, 95], expected [32, 96] ([in, out],"
                + " Conv1D) for block1.attn.qkv", replace(GPT2.tensors(1), "transformer.h.1.attn.c_attn.weight",
                new long[] {32, 95}), DecoderPreset.GPT2, 4, 0);
        assertError("tensor transformer.h.0.mlp.c_proj.bias has shape [31], expected [32] for block0.mlp.down",
                replace(GPT2.tensors(1), "transformer.h.0.mlp.c_proj.bias", new long[] {31}), DecoderPreset.GPT2, 4, 0);
        assertError("tensor transformer.h.1.ln_2.weight has shape [33], expected [32] (the residual width)",
                replace(GPT2.tensors(1), "transformer.h.1.ln_2.weight", new long[] {33}), DecoderPreset.GPT2, 4, 0);
        assertError("tensor transformer.wpe.weight has shape [16, 31], expected [positions, 32]",
                replace(GPT2.tensors(1), "transformer.wpe.weight", new long[] {16, 31}), DecoderPreset.GPT2, 4, 0);
        assertError("tensor model.layers.1.self_attn.v_proj.weight has shape [24, 32], expected [16, 32] ([out, in],"
                + " nn.Linear) for block1.attn.v", replace(LLAMA.tensors(1), "model.layers.1.self_attn.v_proj.weight",
                new long[] {24, 32}), DecoderPreset.LLAMA, 4, 0);
        assertError("tensor model.layers.0.self_attn.k_proj.weight has shape [12, 32], expected a key width that is a"
                + " multiple of the head width 8 by a divisor of 4 heads", replace(LLAMA.tensors(1),
                "model.layers.0.self_attn.k_proj.weight", new long[] {12, 32}), DecoderPreset.LLAMA, 4, 0);
        assertError("tensor lm_head.weight has shape [51, 32], expected [50, 32] ([vocab, width])",
                replace(LLAMA.tensors(1), "lm_head.weight", new long[] {51, 32}), DecoderPreset.LLAMA, 4, 0);
        assertError("tensor model.layers.1.mlp.down_proj.weight is missing",
                without(LLAMA.tensors(1), "model.layers.1.mlp.down_proj.weight"), DecoderPreset.LLAMA, 4, 0);
        assertError("tensor model.embed_tokens.weight is missing", GPT2.tensors(1), DecoderPreset.LLAMA, 4, 0);
    }

    @Test
    void headCountsThatDisagreeWithTheShapesNameTheKey() {
        assertError("model.decoder.heads = 5: allowed a divisor of the query width 32", LLAMA.tensors(1),
                DecoderPreset.LLAMA, 5, 0);
        assertError("model.decoder.kv-heads = 4: allowed 0 or 2 (the key projection's shape gives 2 key/value heads"
                + " of width 8)", LLAMA.tensors(1), DecoderPreset.LLAMA, 4, 4);
        assertError("model.decoder.heads = 32: allowed a head count giving an even head width for rotary embeddings"
                + " (query width 32)", LLAMA.tensors(1), DecoderPreset.LLAMA, 32, 0);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new SyntheticDecoder(DecoderPreset.LLAMA, 32, 1, 4, 3, 64, 50, 8, true));
        assertEquals("model.decoder.kv-heads = 3: allowed a divisor of model.decoder.heads = 4 (0 = heads)",
                e.getMessage());
    }

    @Test
    void syntheticModelsAreAPureFunctionOfTheSeed() {
        float[] a = new float[32];
        float[] b = new float[32];
        float[] c = new float[32];
        LLAMA.tensors(3).read("model.layers.1.mlp.up_proj.weight", 5, 1, 0, 32, a);
        LLAMA.tensors(3).read("model.layers.1.mlp.up_proj.weight", 5, 1, 0, 32, b);
        LLAMA.tensors(4).read("model.layers.1.mlp.up_proj.weight", 5, 1, 0, 32, c);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private static void assertError(String message, TensorSource source, DecoderPreset preset, int heads, int kv) {
        ConfigException e = assertThrows(ConfigException.class, () -> spec(source, preset, heads, kv));
        assertEquals(message, e.getMessage());
    }

    private static InMemoryTensors replace(InMemoryTensors t, String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] values = new float[(int) n];
        return copy(t, x -> x.equals(name) ? null : x).put(name, shape, values);
    }

    private static InMemoryTensors without(InMemoryTensors t, String name) {
        return copy(t, x -> x.equals(name) ? null : x);
    }

    private static InMemoryTensors copy(InMemoryTensors t, UnaryOperator<String> keep) {
        InMemoryTensors out = new InMemoryTensors();
        for (String name : t.names()) {
            if (keep.apply(name) != null) {
                long[] s = t.shape(name);
                int rows = s.length == 1 ? 1 : (int) s[0];
                int cols = (int) s[s.length - 1];
                float[] v = new float[rows * cols];
                t.read(name, 0, rows, 0, cols, v);
                out.put(name, s, v);
            }
        }
        return out;
    }
}
