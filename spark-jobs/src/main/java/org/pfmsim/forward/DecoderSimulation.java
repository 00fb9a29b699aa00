package org.pfmsim.forward;

import java.io.Serializable;
import java.util.List;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.decoder.DecoderSpec;
import org.pfmsim.decoder.TokenBatch;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.model.Activation;
import org.pfmsim.model.LayerSpec;
import org.pfmsim.platform.Platform;
import org.pfmsim.weights.TensorSource;

/**
 * A decoder forward pass resolved from the config: which model (a spec over named tensors), which
 * tokens, in which medium, cut into which tiles.
 *
 * @param seed            root of every random stream of the medium
 * @param spec            dimensions and tensor names
 * @param tensors         where the tensors are read from (a checkpoint, or tensors in memory)
 * @param tokens          input ids and labels
 * @param physicalHead    the LM head is a physical matrix (else it is computed digitally on the driver)
 * @param tileSampleRate  fraction of tiles whose statistics go to the tiles table
 * @param microBatch      sequences one tile read takes ({@code batch.size}); every sequence of {@code tokens}
 *                        goes through a matrix in one pass
 */
public record DecoderSimulation(long seed, DecoderSpec spec, TensorSource tensors, TokenBatch tokens,
                                Platform platform, TilingSpec tiling, boolean physicalHead, double tileSampleRate,
                                int microBatch)
        implements RunModel, Serializable {
    public DecoderSimulation {
        Checks.fraction("output.tile-sample-rate", tileSampleRate);
        Checks.intRange("batch.size", microBatch, 1, 1 << 20);
        spec.requireTileFits(tiling.tileRows(), tiling.tileCols(), physicalHead);
        if (spec.positions() > 0 && tokens.length() > spec.positions()) {
            throw ConfigException.of("model.decoder.sequence-length", tokens.length(), "at most the model's "
                    + spec.positions() + " positions (tensor " + spec.names().positions() + ")");
        }
        tokens.requireVocabulary(spec.vocab());
    }

    /** Every sequence of {@code tokens} in one micro-batch. */
    public DecoderSimulation(long seed, DecoderSpec spec, TensorSource tensors, TokenBatch tokens, Platform platform,
                             TilingSpec tiling, boolean physicalHead, double tileSampleRate) {
        this(seed, spec, tensors, tokens, platform, tiling, physicalHead, tileSampleRate, tokens.batch());
    }

    /** Token positions one tile read takes: the micro-batch's sequences times their length. */
    public int microBatchTokens() {
        return Math.multiplyExact(Math.min(microBatch, tokens.batch()), tokens.length());
    }

    /** The physical matrices' shapes as layers (for memory estimates; activations are the pass's business). */
    public List<LayerSpec> layers() {
        return spec.matrices(physicalHead).stream()
                .map(m -> new LayerSpec(m.index(), m.rows(), m.cols(), m.bias() != null, Activation.IDENTITY))
                .toList();
    }
}
