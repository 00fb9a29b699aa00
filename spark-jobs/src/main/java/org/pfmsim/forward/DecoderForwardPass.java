package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.pfmsim.decoder.DecoderDigital;
import org.pfmsim.decoder.DecoderMatrix;
import org.pfmsim.decoder.DecoderMatrix.Role;
import org.pfmsim.decoder.DecoderPreset;
import org.pfmsim.decoder.DecoderSpec;
import org.pfmsim.task.TaskMetrics;
import org.pfmsim.decoder.TensorNames;
import org.pfmsim.model.Activation;
import org.pfmsim.model.LayerSpec;
import org.pfmsim.stage.StageExecutor;
import org.pfmsim.weights.InMemoryTensors;
import org.pfmsim.weights.TensorSource;
import org.pfmsim.weights.TensorWeights;
import org.pfmsim.weights.TransposedTensors;

/**
 * The hybrid forward pass of a decoder: every fixed matrix (q, k, v or fused qkv, o, MLP gate/up/down,
 * optionally the LM head) is a {@link MatrixStep} through the physical medium, tile by tile, exactly like
 * an MLP layer; what depends on the input runs digitally on the driver in float64 ({@link DecoderDigital}:
 * embedding lookup, norms, rotary embeddings, causal attention and softmax, residual adds, SwiGLU; GPT-2's
 * GELU is the up projection's periphery). Both chains run side by side: the physical chain (physical
 * matrices all the way) and the ideal chain (the digital model), and each matrix also reports its local
 * error (fed the ideal input).
 */
public final class DecoderForwardPass {
    /**
     * @param matrices        one outcome per physical matrix, in execution order
     * @param physicalLogits  the physical model's logits, tokens x vocab
     * @param idealLogits     the digital model's logits
     */
    public record Result(List<LayerOutcome> matrices, float[] physicalLogits, float[] idealLogits,
                         TaskMetrics head) {
    }

    /** Activations of both chains at one point of the model. */
    private record Chains(float[] physical, float[] ideal) {
        Chains map(UnaryOperator<float[]> f) {
            return new Chains(f.apply(physical), f.apply(ideal));
        }

        Chains zip(Chains o, BinaryOperator<float[]> f) {
            return new Chains(f.apply(physical, o.physical), f.apply(ideal, o.ideal));
        }
    }

    private final DecoderSimulation sim;
    private final DecoderSpec spec;
    private final TensorSource tensors;
    private final MatrixStep step;
    private final List<DecoderMatrix> all;
    private final Iterator<DecoderMatrix> matrices;
    private final int matrixCount;
    private final List<LayerOutcome> outcomes = new ArrayList<>();
    private final ForwardPass.Progress progress;

    private DecoderForwardPass(DecoderSimulation sim, StageExecutor executor, int partitions,
                               ForwardPass.Progress progress) {
        this.sim = sim;
        this.spec = sim.spec();
        this.tensors = sim.tensors();
        this.step = new MatrixStep(sim.seed(), sim.platform(), sim.tiling(), sim.tileSampleRate(), executor,
                partitions);
        this.all = spec.matrices(sim.physicalHead());
        this.matrices = all.iterator();
        this.matrixCount = all.size();
        this.progress = progress;
    }

    /**
     * The tile weights of matrix {@code m}: a {@link TensorWeights} with one layer per matrix (index =
     * matrix index), its Conv1D ([in, out]) weight seen through a transposing view so that every weight
     * reads as nn.Linear [out, in]. A checkpoint source is a small description of where tensors are; tensors
     * held in memory carry their values, so only the matrix's own tensors go with its tasks.
     */
    static TensorWeights weights(TensorSource tensors, List<DecoderMatrix> matrices, DecoderMatrix m) {
        List<TensorWeights.Linear> layers = new ArrayList<>();
        for (DecoderMatrix each : matrices) {
            layers.add(new TensorWeights.Linear(each.weight(), each.bias()));
        }
        TensorSource source = tensors;
        if (tensors instanceof InMemoryTensors memory) {
            source = memory.select(m.bias() == null ? List.of(m.weight()) : List.of(m.weight(), m.bias()));
        }
        return new TensorWeights(m.inOut() ? new TransposedTensors(source, Set.of(m.weight())) : source, layers);
    }

    /**
     * @param partitions Spark partitions per matrix (the result does not depend on it)
     */
    public static Result run(DecoderSimulation sim, StageExecutor executor, int partitions,
                             ForwardPass.Progress progress) {
        return new DecoderForwardPass(sim, executor, partitions, progress).run();
    }

    private Result run() {
        float[] embedded = embed();
        Chains x = new Chains(embedded, embedded.clone());
        TensorNames names = spec.names();
        int length = sim.tokens().length();
        for (int b = 0; b < spec.depth(); b++) {
            Chains a = norm(x, names.norm1(), b);
            Chains q;
            Chains k;
            Chains v;
            if (spec.fusedQkv()) {
                Chains qkv = physical(Role.QKV, a, Activation.IDENTITY);
                int width = spec.heads() * spec.headDim();
                int all = 3 * width;
                q = qkv.map(y -> DecoderDigital.columns(y, all, 0, width));
                k = qkv.map(y -> DecoderDigital.columns(y, all, width, width));
                v = qkv.map(y -> DecoderDigital.columns(y, all, 2 * width, width));
            } else {
                q = physical(Role.Q, a, Activation.IDENTITY);
                k = physical(Role.K, a, Activation.IDENTITY);
                v = physical(Role.V, a, Activation.IDENTITY);
            }
            if (spec.preset() == DecoderPreset.LLAMA) {
                double theta = spec.options().ropeTheta();
                q = q.map(y -> DecoderDigital.rotary(y, length, spec.heads(), spec.headDim(), theta));
                k = k.map(y -> DecoderDigital.rotary(y, length, spec.kvHeads(), spec.headDim(), theta));
            }
            Chains attended = new Chains(attention(q.physical, k.physical, v.physical),
                    attention(q.ideal, k.ideal, v.ideal));
            x = x.zip(physical(Role.O, attended, Activation.IDENTITY), DecoderDigital::add);
            Chains m = norm(x, names.norm2(), b);
            Chains hidden;
            if (spec.preset() == DecoderPreset.LLAMA) {
                Chains gate = physical(Role.GATE, m, Activation.IDENTITY);
                hidden = gate.zip(physical(Role.UP, m, Activation.IDENTITY), DecoderDigital::swiglu);
            } else {
                // GPT-2's gelu_new (tanh approximation), applied in the up projection's digital periphery.
                hidden = physical(Role.UP, m, Activation.GELU);
            }
            x = x.zip(physical(Role.DOWN, hidden, Activation.IDENTITY), DecoderDigital::add);
        }
        Chains f = norm(x, names.finalNorm(), 0);
        Chains logits;
        if (sim.physicalHead()) {
            logits = physical(Role.HEAD, f, Activation.IDENTITY);
        } else {
            float[] head = whole(spec.headTensor(), spec.vocab(), spec.width());
            logits = f.map(y -> DecoderDigital.linearOutIn(y, spec.width(), head, spec.vocab()));
        }
        TaskMetrics metrics = TaskMetrics.of(logits.ideal, logits.physical, spec.vocab(), sim.tokens().labels());
        return new Result(List.copyOf(outcomes), logits.physical, logits.ideal, metrics);
    }

    /** The next physical matrix, which must have the given role, on both chains. */
    private Chains physical(Role role, Chains in, Activation activation) {
        DecoderMatrix m = matrices.next();
        if (m.role() != role) {
            throw new IllegalStateException("matrix " + m.kind() + " where " + role + " was expected");
        }
        LayerSpec layer = new LayerSpec(m.index(), m.rows(), m.cols(), m.bias() != null, activation);
        LayerOutcome o = step.run(layer, m.kind(), weights(tensors, all, m), in.physical, in.ideal,
                sim.tokens().tokens(), sim.microBatchTokens());
        outcomes.add(o);
        progress.layerDone(o, matrixCount);
        return new Chains(o.physical(), o.ideal());
    }

    /** Token embedding, plus the learned position embedding (GPT-2); the same on both chains. */
    private float[] embed() {
        int width = spec.width();
        int[] ids = sim.tokens().ids();
        int length = sim.tokens().length();
        float[] x = new float[ids.length * width];
        float[] row = new float[width];
        float[] position = new float[width];
        for (int t = 0; t < ids.length; t++) {
            tensors.read(spec.names().embed(), ids[t], 1, 0, width, row);
            if (spec.positions() > 0) {
                tensors.read(spec.names().positions(), t % length, 1, 0, width, position);
            }
            for (int j = 0; j < width; j++) {
                x[t * width + j] = (float) ((double) row[j] + position[j]);
            }
        }
        return x;
    }

    private Chains norm(Chains x, TensorNames.Norm norm, int block) {
        int width = spec.width();
        float[] gain = whole(TensorNames.block(norm.weight(), block), 1, width);
        double eps = spec.options().normEps();
        if (spec.preset() == DecoderPreset.LLAMA) {
            return x.map(y -> DecoderDigital.rmsNorm(y, width, gain, eps));
        }
        float[] bias = whole(TensorNames.block(norm.bias(), block), 1, width);
        return x.map(y -> DecoderDigital.layerNorm(y, width, gain, bias, eps));
    }

    private float[] attention(float[] q, float[] k, float[] v) {
        return DecoderDigital.causalAttention(q, k, v, sim.tokens().length(), spec.heads(), spec.kvHeads(),
                spec.headDim());
    }

    private float[] whole(String name, int rows, int cols) {
        float[] out = new float[Math.multiplyExact(rows, cols)];
        tensors.read(name, 0, rows, 0, cols, out);
        return out;
    }
}
