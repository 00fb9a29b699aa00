package org.pfmsim.cli;

import org.pfmsim.checkpoint.HfArchitecture;
import org.pfmsim.checkpoint.ModelDirectory;
import org.pfmsim.config.ConfigException;
import org.pfmsim.decoder.DecoderOptions;
import org.pfmsim.decoder.DecoderPreset;
import org.pfmsim.decoder.DecoderSpec;
import org.pfmsim.decoder.SyntheticDecoder;
import org.pfmsim.decoder.TokenBatch;
import org.pfmsim.forward.DecoderSimulation;
import org.pfmsim.placement.TilingSpec;
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
     * {@code model.source = checkpoint} of a decoder: a Hugging Face model directory whose config.json gives
     * the architecture (a {@code model.checkpoint.*} or {@code model.decoder.*} key set explicitly must
     * agree with it), or a safetensors file with {@code model.checkpoint.preset = gpt2 | llama} and
     * {@code model.decoder.*}. Ids are synthetic (uniform over the checkpoint's vocabulary) unless
     * {@code inputs.source} names a file of [sequences, length] ids.
     */
    static DecoderSimulation checkpoint(TypedConfig c, ModelDirectory checkpoint, long seed, int batch,
                                        Platform platform, TilingSpec tiling, double tileSampleRate) {
        HfArchitecture arch = checkpoint.architecture();
        String key = "model.checkpoint.preset";
        DecoderPreset preset = arch == null ? DecoderPreset.parse(key, c.string(key))
                : DecoderPreset.parse(key, agreed(c, key, arch.preset().configName(), arch, "model_type = "
                        + arch.modelType()));
        TensorSource tensors = checkpoint.tensors();
        int vocab = Math.toIntExact(tensors.shape(preset.names().embed())[0]);
        int length = c.integer("model.decoder.sequence-length");
        DecoderOptions options = arch == null ? options(c) : options(c, arch);
        if (arch != null) {
            if (arch.slidingWindow() > 0 && length > arch.slidingWindow()) {
                throw ConfigException.of("model.decoder.sequence-length", length, "at most sliding_window = "
                        + arch.slidingWindow() + " of " + arch.file() + " (sliding-window attention is not simulated)");
            }
            String head = preset.names().head();
            if (!arch.tiedEmbeddings() && !tensors.names().contains(head)) {
                throw new ConfigException("model.checkpoint.path: checkpoint " + checkpoint.location() + ": tensor "
                        + head + ": absent, yet " + arch.file() + " says tie_word_embeddings = false");
            }
        }
        DecoderSpec spec = DecoderSpec.of(tensors, preset, preset.names(), options);
        return simulation(c, seed, spec, tensors, ModelSources.tokens(c, seed, batch, length, vocab), platform,
                tiling, tileSampleRate);
    }

    /** model.decoder.heads, kv-heads, norm-eps, rope-theta as configured. */
    private static DecoderOptions options(TypedConfig c) {
        String d = "model.decoder.";
        return new DecoderOptions(c.integer(d + "heads"), c.integer(d + "kv-heads"), c.number(d + "norm-eps"),
                c.number(d + "rope-theta"));
    }

    /** The options config.json states; a key set explicitly must agree with it. */
    private static DecoderOptions options(TypedConfig c, HfArchitecture arch) {
        String d = "model.decoder.";
        int heads = Integer.parseInt(agreed(c, d + "heads", String.valueOf(arch.heads()), arch, arch.headsKey()
                + " = " + arch.heads()));
        boolean llama = arch.preset() == DecoderPreset.LLAMA;
        int kvHeads = 0; // GPT-2: as the shapes give (= heads)
        if (llama) {
            kvHeads = arch.kvHeads();
            if (c.explicit(d + "kv-heads") && c.integer(d + "kv-heads") != 0 && c.integer(d + "kv-heads") != kvHeads) {
                throw disagreement(d + "kv-heads", c.integer(d + "kv-heads"), arch, "num_key_value_heads = " + kvHeads);
            }
        }
        double eps = agreedNumber(c, d + "norm-eps", arch.normEps(), arch, arch.normEpsKey());
        double theta = llama ? agreedNumber(c, d + "rope-theta", arch.ropeTheta(), arch, "rope_theta")
                : c.number(d + "rope-theta");
        return new DecoderOptions(heads, kvHeads, eps, theta);
    }

    /** The value config.json gives, after checking that an explicitly set key says the same. */
    private static String agreed(TypedConfig c, String key, String fromFile, HfArchitecture arch, String stated) {
        if (c.explicit(key) && !c.string(key).equals(fromFile)) {
            throw disagreement(key, c.string(key), arch, stated);
        }
        return fromFile;
    }

    private static double agreedNumber(TypedConfig c, String key, double fromFile, HfArchitecture arch,
                                       String fileKey) {
        if (c.explicit(key) && c.number(key) != fromFile) {
            throw disagreement(key, c.number(key), arch, fileKey + " = " + fromFile);
        }
        return fromFile;
    }

    private static ConfigException disagreement(String key, Object value, HfArchitecture arch, String stated) {
        return ConfigException.of(key, value, "what " + arch.file() + " states (" + stated + "), or leave the key "
                + "unset");
    }

    /**
     * A decoder over any tensor source with a preset's names: the seam a checkpoint reader and an id
     * reader plug into.
     */
    static DecoderSimulation decoder(TypedConfig c, long seed, TensorSource tensors, DecoderPreset preset,
                                     TokenBatch tokens, Platform platform, TilingSpec tiling, double tileSampleRate) {
        DecoderSpec spec = DecoderSpec.of(tensors, preset, preset.names(), options(c));
        return simulation(c, seed, spec, tensors, tokens, platform, tiling, tileSampleRate);
    }

    private static DecoderSimulation simulation(TypedConfig c, long seed, DecoderSpec spec, TensorSource tensors,
                                                TokenBatch tokens, Platform platform, TilingSpec tiling,
                                                double tileSampleRate) {
        String d = "model.decoder.";
        return new DecoderSimulation(seed, spec, tensors, tokens, platform, tiling, c.bool(d + "physical-head"),
                tileSampleRate, c.integer("batch.size"));
    }
}
