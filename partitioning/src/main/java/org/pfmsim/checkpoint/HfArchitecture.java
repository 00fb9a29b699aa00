package org.pfmsim.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.pfmsim.decoder.DecoderPreset;

/**
 * A decoder's architecture as a Hugging Face {@code config.json} states it: what the tensor shapes do not
 * tell. Keys read (and their Hugging Face defaults when absent): GPT-2 {@code n_head},
 * {@code layer_norm_epsilon} (1e-5), {@code tie_word_embeddings} (true); Llama and the models that share
 * its tensor names and digital parts (Mistral, Qwen2) {@code num_attention_heads},
 * {@code num_key_value_heads} (= heads), {@code rms_norm_eps} (1e-6), {@code rope_theta} (10000),
 * {@code tie_word_embeddings} (false), {@code sliding_window} (none). Rotary scaling
 * ({@code rope_scaling}) is not simulated and is refused.
 *
 * @param file           where config.json is (for messages)
 * @param modelType      {@code model_type} as written
 * @param tiedEmbeddings the LM head is the token embedding
 * @param slidingWindow  attention window in tokens (Mistral); 0 = full causal attention
 */
public record HfArchitecture(String file, String modelType, DecoderPreset preset, int heads, int kvHeads,
                             double normEps, double ropeTheta, boolean tiedEmbeddings, int slidingWindow) {
    /** model_type values read, each as the preset of the same tensor names and digital parts. */
    public static final List<String> SUPPORTED = List.of("gpt2", "llama", "mistral", "qwen2");

    /** The architecture of a parsed config.json; refuses an unsupported model_type naming the file. */
    public static HfArchitecture of(String file, JsonNode config) {
        String type = config.path("model_type").asText("");
        if (!SUPPORTED.contains(type)) {
            throw MalformedCheckpointException.of(file, "model_type \"" + type + "\" is not supported (supported: "
                    + String.join(", ", SUPPORTED) + ")");
        }
        if (type.equals("gpt2")) {
            int heads = integer(file, config, "n_head", -1);
            return new HfArchitecture(file, type, DecoderPreset.GPT2, heads, heads,
                    number(file, config, "layer_norm_epsilon", 1e-5), 10000,
                    config.path("tie_word_embeddings").asBoolean(true), 0);
        }
        if (!config.path("rope_scaling").isMissingNode() && !config.path("rope_scaling").isNull()) {
            throw MalformedCheckpointException.of(file, "rope_scaling " + config.get("rope_scaling")
                    + " is not simulated (rotary embeddings are unscaled)");
        }
        boolean sliding = !type.equals("qwen2") || config.path("use_sliding_window").asBoolean(false);
        int heads = integer(file, config, "num_attention_heads", -1);
        return new HfArchitecture(file, type, DecoderPreset.LLAMA, heads,
                integer(file, config, "num_key_value_heads", heads), number(file, config, "rms_norm_eps", 1e-6),
                number(file, config, "rope_theta", 10000), config.path("tie_word_embeddings").asBoolean(false),
                sliding ? integer(file, config, "sliding_window", 0) : 0);
    }

    /** The config.json key that gives the heads (for messages). */
    public String headsKey() {
        return preset == DecoderPreset.GPT2 ? "n_head" : "num_attention_heads";
    }

    /** The config.json key that gives the norm epsilon. */
    public String normEpsKey() {
        return preset == DecoderPreset.GPT2 ? "layer_norm_epsilon" : "rms_norm_eps";
    }

    private static int integer(String file, JsonNode config, String key, int absent) {
        JsonNode v = config.path(key);
        if ((v.isMissingNode() || v.isNull()) && absent >= 0) {
            return absent;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw MalformedCheckpointException.of(file, key + " is " + (v.isMissingNode() ? "missing" : v.toString())
                    + "; a positive integer is needed");
        }
        return v.asInt();
    }

    private static double number(String file, JsonNode config, String key, double absent) {
        JsonNode v = config.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return absent;
        }
        if (!v.isNumber() || !(v.asDouble() > 0)) {
            throw MalformedCheckpointException.of(file, key + " is " + v + "; a positive number is needed");
        }
        return v.asDouble();
    }
}
