package org.pfmsim.decoder;

import java.util.Arrays;
import java.util.Locale;
import org.pfmsim.config.ConfigException;

/**
 * The two decoder families: what their digital parts do and how their checkpoints name tensors.
 *
 * <ul>
 *   <li>GPT2 (Radford et al. 2019; Hugging Face {@code GPT2LMHeadModel}): learned position embeddings,
 *       pre-norm LayerNorm with gain and bias, multi-head attention, MLP up - GELU (tanh approximation,
 *       GPT-2's {@code gelu_new}) - down, biases on every projection.</li>
 *   <li>LLAMA (Touvron et al. 2023; {@code LlamaForCausalLM}): RMSNorm (Zhang and Sennrich 2019), rotary
 *       position embeddings (Su et al. 2021) on queries and keys, grouped-query attention (Ainslie et al.
 *       2023), SwiGLU MLP down(SiLU(gate x) * up x) (Shazeer 2020), no biases.</li>
 * </ul>
 */
public enum DecoderPreset {
    GPT2,
    LLAMA;

    /** The Hugging Face tensor names of this family. */
    public TensorNames names() {
        return this == GPT2 ? TensorNames.gpt2() : TensorNames.llama();
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DecoderPreset parse(String key, String value) {
        for (DecoderPreset p : values()) {
            if (p.configName().equals(value)) {
                return p;
            }
        }
        throw ConfigException.of(key, value,
                "one of " + Arrays.stream(values()).map(DecoderPreset::configName).toList());
    }
}
