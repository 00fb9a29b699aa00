package org.pfmsim.decoder;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pfmsim.config.ConfigException;
import org.pfmsim.decoder.DecoderMatrix.Role;
import org.pfmsim.weights.TensorSource;

/**
 * A decoder-only transformer read from named tensors: its dimensions come from the tensor shapes (plus
 * {@link DecoderOptions}), every tensor is checked against them, and a mismatch is refused with one
 * line naming the tensor. A model is any {@link TensorSource} + a preset + a name mapping.
 *
 * @param depth       decoder blocks (counted from the first block norm found, {@code {i}} = 0, 1, ...)
 * @param width       residual stream width d (the embedding's second dimension)
 * @param vocab       vocabulary size (the embedding's first dimension)
 * @param headDim     width of one attention head: query projection outputs / heads
 * @param ffnWidth    MLP hidden width (the up projection's outputs)
 * @param positions   rows of the learned position embedding, or 0 (rotary models)
 * @param fusedQkv    queries, keys and values come from one fused matrix
 * @param tiedHead    the LM head is the token embedding (no head tensor in the source)
 */
public record DecoderSpec(DecoderPreset preset, TensorNames names, DecoderOptions options, int depth, int width,
                          int vocab, int kvHeads, int headDim, int ffnWidth, int positions, boolean fusedQkv,
                          boolean tiedHead, Set<String> biases) implements Serializable {

    public DecoderSpec {
        biases = Set.copyOf(biases);
    }

    public int heads() {
        return options.heads();
    }

    public static DecoderSpec of(TensorSource source, DecoderPreset preset, TensorNames names, DecoderOptions opt) {
        Set<String> present = new LinkedHashSet<>(source.names());
        long[] embed = require(source, present, names.embed());
        if (embed.length != 2) {
            throw mismatch(names.embed(), embed, "a 2-D [vocab, width] embedding");
        }
        int vocab = dim(names.embed(), embed, 0);
        int width = dim(names.embed(), embed, 1);
        int depth = 0;
        while (present.contains(TensorNames.block(names.norm1().weight(), depth))) {
            depth++;
        }
        if (depth == 0) {
            throw new ConfigException("tensor " + TensorNames.block(names.norm1().weight(), 0)
                    + " is missing: a " + preset.configName() + " model needs at least one block");
        }
        int heads = opt.heads();
        boolean fused = names.qkv() != null && present.contains(TensorNames.block(names.qkv().weight(), 0));
        int qOut = fused ? outputs(source, present, names.qkv(), 0) / 3 : outputs(source, present, names.q(), 0);
        if (fused && outputs(source, present, names.qkv(), 0) % 3 != 0) {
            String n = TensorNames.block(names.qkv().weight(), 0);
            throw mismatch(n, source.shape(n), "outputs divisible by 3 (queries, keys, values)");
        }
        if (qOut % heads != 0) {
            throw ConfigException.of("model.decoder.heads", heads, "a divisor of the query width " + qOut);
        }
        int headDim = qOut / heads;
        if (preset == DecoderPreset.LLAMA && headDim % 2 != 0) {
            throw ConfigException.of("model.decoder.heads", heads, "a head count giving an even head width for"
                    + " rotary embeddings (query width " + qOut + ")");
        }
        int kvHeads = heads;
        if (!fused) {
            int kOut = outputs(source, present, names.k(), 0);
            if (kOut % headDim != 0 || heads % (kOut / headDim) != 0) {
                String n = TensorNames.block(names.k().weight(), 0);
                throw mismatch(n, source.shape(n), "a key width that is a multiple of the head width " + headDim
                        + " by a divisor of " + heads + " heads");
            }
            kvHeads = kOut / headDim;
        }
        if (opt.kvHeads() != 0 && opt.kvHeads() != kvHeads) {
            throw ConfigException.of("model.decoder.kv-heads", opt.kvHeads(), "0 or " + kvHeads
                    + " (the key projection's shape gives " + kvHeads + " key/value heads of width " + headDim + ")");
        }
        int ffn = outputs(source, present, names.up(), 0);
        int positions = 0;
        if (names.positions() != null) {
            long[] p = require(source, present, names.positions());
            if (p.length != 2 || p[1] != width) {
                throw mismatch(names.positions(), p, "[positions, " + width + "]");
            }
            positions = dim(names.positions(), p, 0);
        }
        boolean tied = !present.contains(names.head());
        DecoderSpec withoutBiases = new DecoderSpec(preset, names, opt, depth, width, vocab, kvHeads, headDim, ffn,
                positions, fused, tied, Set.of());
        Set<String> biases = withoutBiases.check(source, present);
        return new DecoderSpec(preset, names, opt, depth, width, vocab, kvHeads, headDim, ffn, positions, fused,
                tied, biases);
    }

    /**
     * The physical matrices in execution order: per block the attention projections (fused q/k/v, or
     * q, k, v), the output projection, the MLP's (gate,) up and down; then the LM head when it is physical.
     */
    public List<DecoderMatrix> matrices(boolean physicalHead) {
        List<DecoderMatrix> out = new ArrayList<>();
        int qkvWidth = (heads() + 2 * kvHeads) * headDim;
        for (int b = 0; b < depth; b++) {
            if (fusedQkv) {
                add(out, b, Role.QKV, names.qkv(), width, qkvWidth);
            } else {
                add(out, b, Role.Q, names.q(), width, heads() * headDim);
                add(out, b, Role.K, names.k(), width, kvHeads * headDim);
                add(out, b, Role.V, names.v(), width, kvHeads * headDim);
            }
            add(out, b, Role.O, names.o(), heads() * headDim, width);
            if (names.gate() != null) {
                add(out, b, Role.GATE, names.gate(), width, ffnWidth);
            }
            add(out, b, Role.UP, names.up(), width, ffnWidth);
            add(out, b, Role.DOWN, names.down(), ffnWidth, width);
        }
        if (physicalHead) {
            out.add(new DecoderMatrix(out.size(), -1, Role.HEAD, Role.HEAD.label, headTensor(), null, false,
                    width, vocab));
        }
        return out;
    }

    /** The LM head's tensor ({@code [vocab, width]}): the head, or the token embedding when tied. */
    public String headTensor() {
        return tiedHead ? names.embed() : names.head();
    }

    /** Every tensor the model uses, each once. */
    public List<String> tensors() {
        Set<String> t = new LinkedHashSet<>();
        t.add(names.embed());
        if (positions > 0) {
            t.add(names.positions());
        }
        for (DecoderMatrix m : matrices(true)) {
            t.add(m.weight());
            if (m.bias() != null) {
                t.add(m.bias());
            }
        }
        for (int b = 0; b < depth; b++) {
            addNorm(t, names.norm1(), b);
            addNorm(t, names.norm2(), b);
        }
        addNorm(t, names.finalNorm(), 0);
        return new ArrayList<>(t);
    }

    /** Parameters of the tensors the model uses (a tied head counted once). */
    public long parameterCount(TensorSource source) {
        long n = 0;
        for (String name : tensors()) {
            n = Math.addExact(n, Arrays.stream(source.shape(name)).reduce(1, Math::multiplyExact));
        }
        return n;
    }

    /** Refuses a tile larger than any physical matrix (it would describe hardware the model never uses). */
    public void requireTileFits(int tileRows, int tileCols, boolean physicalHead) {
        for (DecoderMatrix m : matrices(physicalHead)) {
            if (tileRows > m.rows()) {
                throw ConfigException.of("tiling.tile-rows", tileRows, "at most the smallest matrix input width ("
                        + m.rows() + ", " + m.kind() + ")");
            }
            if (tileCols > m.cols()) {
                throw ConfigException.of("tiling.tile-cols", tileCols, "at most the smallest matrix output width ("
                        + m.cols() + ", " + m.kind() + ")");
            }
        }
    }

    private void add(List<DecoderMatrix> out, int b, Role role, TensorNames.Linear l, int rows, int cols) {
        String bias = TensorNames.block(l.bias(), b);
        out.add(new DecoderMatrix(out.size(), b, role, "block" + b + "." + role.label, TensorNames.block(l.weight(), b),
                bias != null && biases.contains(bias) ? bias : null, l.inOut(), rows, cols));
    }

    private static void addNorm(Set<String> t, TensorNames.Norm n, int b) {
        t.add(TensorNames.block(n.weight(), b));
        if (n.bias() != null) {
            t.add(TensorNames.block(n.bias(), b));
        }
    }

    /** Checks every tensor's shape against the dimensions; returns the biases that exist. */
    private Set<String> check(TensorSource source, Set<String> present) {
        Set<String> biasesFound = new LinkedHashSet<>();
        for (DecoderMatrix m : matrices(false)) {
            long[] expected = m.inOut() ? new long[] {m.rows(), m.cols()} : new long[] {m.cols(), m.rows()};
            long[] s = require(source, present, m.weight());
            if (!Arrays.equals(s, expected)) {
                throw mismatch(m.weight(), s, Arrays.toString(expected) + (m.inOut() ? " ([in, out], Conv1D)"
                        : " ([out, in], nn.Linear)") + " for " + m.kind());
            }
            String bias = biasName(m);
            if (bias != null && present.contains(bias)) {
                long[] bs = source.shape(bias);
                if (!Arrays.equals(bs, new long[] {m.cols()})) {
                    throw mismatch(bias, bs, "[" + m.cols() + "] for " + m.kind());
                }
                biasesFound.add(bias);
            }
        }
        for (int b = 0; b < depth; b++) {
            checkNorm(source, present, names.norm1(), b);
            checkNorm(source, present, names.norm2(), b);
        }
        checkNorm(source, present, names.finalNorm(), 0);
        if (!tiedHead) {
            long[] h = source.shape(names.head());
            if (!Arrays.equals(h, new long[] {vocab, width})) {
                throw mismatch(names.head(), h, "[" + vocab + ", " + width + "] ([vocab, width])");
            }
        }
        return biasesFound;
    }

    private String biasName(DecoderMatrix m) {
        TensorNames.Linear l = switch (m.role()) {
            case QKV -> names.qkv();
            case Q -> names.q();
            case K -> names.k();
            case V -> names.v();
            case O -> names.o();
            case GATE -> names.gate();
            case UP -> names.up();
            case DOWN -> names.down();
            case HEAD -> null;
        };
        return l == null ? null : TensorNames.block(l.bias(), m.block());
    }

    private void checkNorm(TensorSource source, Set<String> present, TensorNames.Norm n, int b) {
        for (String template : new String[] {n.weight(), n.bias()}) {
            if (template != null) {
                String name = TensorNames.block(template, b);
                long[] s = require(source, present, name);
                if (!Arrays.equals(s, new long[] {width})) {
                    throw mismatch(name, s, "[" + width + "] (the residual width)");
                }
            }
        }
    }

    private static int outputs(TensorSource source, Set<String> present, TensorNames.Linear l, int b) {
        String name = TensorNames.block(l.weight(), b);
        long[] s = require(source, present, name);
        if (s.length != 2) {
            throw mismatch(name, s, "a 2-D weight");
        }
        return dim(name, s, l.inOut() ? 1 : 0);
    }

    private static long[] require(TensorSource source, Set<String> present, String name) {
        if (!present.contains(name)) {
            throw new ConfigException("tensor " + name + " is missing");
        }
        return source.shape(name);
    }

    private static int dim(String name, long[] shape, int axis) {
        if (shape[axis] > Integer.MAX_VALUE) {
            throw mismatch(name, shape, "dimensions below 2^31");
        }
        return (int) shape[axis];
    }

    private static ConfigException mismatch(String name, long[] shape, String expected) {
        return new ConfigException("tensor " + name + " has shape " + Arrays.toString(shape) + ", expected "
                + expected);
    }
}
