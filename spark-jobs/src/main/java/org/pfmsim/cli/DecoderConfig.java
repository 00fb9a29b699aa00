package org.pfmsim.cli;

import org.pfmsim.decoder.DecoderOptions;
import org.pfmsim.decoder.DecoderPreset;
import org.pfmsim.decoder.DecoderSpec;
import org.pfmsim.decoder.SyntheticDecoder;
import org.pfmsim.decoder.TokenBatch;
import org.pfmsim.forward.DecoderSimulation;
import org.pfmsim.grid.TilingSpec;
import org.pfmsim.platform.Platform;
import org.pfmsim.weights.InMemoryTensors;
import org.pfmsim.weights.TensorSource;

/** Binds {@code model.decoder.*} into a decoder simulation (config errors name the key). */
final class DecoderConfig {
    private DecoderConfig() {
    }

    /** {@code model.source = synthetic-decoder}: a seeded random decoder of the configured shape. */
    static DecoderSimulation synthetic(TypedConfig c, long seed, int batch, Platform platform, TilingSpec tiling,
                                       double tileSampleRate) {
        String d = "model.decoder.";
        DecoderPreset preset = DecoderPreset.parse(d + "preset", c.string(d + "preset"));
        int width = c.integer("model.width");
        int heads = c.integer(d + "heads");
        int kvHeads = c.integer(d + "kv-heads");
        int ffn = c.integer(d + "ffn-width");
        int length = c.integer(d + "sequence-length");
        int vocab = c.integer(d + "vocab");
        SyntheticDecoder model = new SyntheticDecoder(preset, width, c.integer("model.depth"), heads,
                kvHeads == 0 ? heads : kvHeads, ffn == 0 ? Math.multiplyExact(4, width) : ffn, vocab, length,
                c.bool(d + "tied-head"));
        InMemoryTensors tensors = model.tensors(seed);
        return decoder(c, seed, tensors, preset, ModelSources.tokens(c, seed, batch, length, vocab), platform, tiling,
                tileSampleRate);
    }

    /**
     * {@code model.source = checkpoint} with {@code model.checkpoint.preset = gpt2 | llama}: a decoder read
     * from a safetensors file with the preset's Hugging Face tensor names; ids are synthetic (uniform over
     * the checkpoint's vocabulary) unless {@code inputs.source} names an npy file of [batch, length] ids.
     */
    static DecoderSimulation checkpoint(TypedConfig c, long seed, int batch, Platform platform, TilingSpec tiling,
                                        double tileSampleRate) {
        String key = "model.checkpoint.preset";
        DecoderPreset preset = DecoderPreset.parse(key, c.string(key));
        TensorSource tensors = ModelSources.open(c);
        int vocab = Math.toIntExact(tensors.shape(preset.names().embed())[0]);
        int length = c.integer("model.decoder.sequence-length");
        return decoder(c, seed, tensors, preset, ModelSources.tokens(c, seed, batch, length, vocab), platform,
                tiling, tileSampleRate);
    }

    /**
     * A decoder over any tensor source with a preset's names: the seam a checkpoint reader and an id
     * reader plug into.
     */
    static DecoderSimulation decoder(TypedConfig c, long seed, TensorSource tensors, DecoderPreset preset,
                                     TokenBatch tokens, Platform platform, TilingSpec tiling, double tileSampleRate) {
        String d = "model.decoder.";
        DecoderOptions options = new DecoderOptions(c.integer(d + "heads"), c.integer(d + "kv-heads"),
                c.number(d + "norm-eps"), c.number(d + "rope-theta"));
        DecoderSpec spec = DecoderSpec.of(tensors, preset, preset.names(), options);
        return new DecoderSimulation(seed, spec, tensors, tokens, platform, tiling, c.bool(d + "physical-head"),
                tileSampleRate, c.integer("batch.size"));
    }
}
