package org.pfmsim.decoder;

import java.io.Serializable;

/**
 * Where a decoder's tensors are in a checkpoint: name templates in which {@code {i}} stands for the block
 * index. A null template means the model has no such tensor. This is the seam between a checkpoint's
 * naming and the model: the presets give the Hugging Face conventions, a user with other names passes
 * their own.
 *
 * <p>Biases are optional: a bias is used when its template is set and the tensor exists in the source
 * (so the Llama names also fit Llama-shaped models with q/k/v biases, such as Qwen2).
 *
 * @param embed      token embedding, {@code [vocab, width]}
 * @param positions  learned position embedding, {@code [positions, width]}, or null (rotary models)
 * @param norm1      norm before attention
 * @param qkv        fused query/key/value projection (GPT-2 {@code c_attn}), used when present
 * @param q          separate query projection, used when there is no fused one; likewise k, v
 * @param o          attention output projection
 * @param norm2      norm before the MLP
 * @param gate       gated-MLP gate projection (SwiGLU), or null
 * @param up         MLP up projection
 * @param down       MLP down projection
 * @param finalNorm  norm after the last block
 * @param head       LM head {@code [vocab, width]}; when absent from the source the head is tied to embed
 */
public record TensorNames(String embed, String positions, Norm norm1, Linear qkv, Linear q, Linear k, Linear v,
                          Linear o, Norm norm2, Linear gate, Linear up, Linear down, Norm finalNorm, String head)
        implements Serializable {

    /**
     * A linear layer's tensors. {@code inOut} says the weight is stored {@code [in, out]} (Hugging Face's
     * {@code Conv1D}, y = x W) rather than PyTorch's {@code nn.Linear} {@code [out, in]} (y = x W^T).
     */
    public record Linear(String weight, String bias, boolean inOut) implements Serializable {
    }

    /** A norm's gain and (LayerNorm only) offset; {@code bias} null for RMSNorm. */
    public record Norm(String weight, String bias) implements Serializable {
    }

    /** The name for block {@code i} from a template. */
    public static String block(String template, int i) {
        return template == null ? null : template.replace("{i}", Integer.toString(i));
    }

    /**
     * Hugging Face {@code GPT2LMHeadModel}: fused {@code c_attn} and every {@code Conv1D} stored
     * {@code [in, out]}; separate projections (when there is no {@code c_attn}) use {@code nn.Linear}
     * names {@code attn.q_proj} etc. as GPT-Neo does.
     */
    public static TensorNames gpt2() {
        String h = "transformer.h.{i}.";
        return new TensorNames("transformer.wte.weight", "transformer.wpe.weight",
                new Norm(h + "ln_1.weight", h + "ln_1.bias"),
                new Linear(h + "attn.c_attn.weight", h + "attn.c_attn.bias", true),
                new Linear(h + "attn.q_proj.weight", h + "attn.q_proj.bias", false),
                new Linear(h + "attn.k_proj.weight", h + "attn.k_proj.bias", false),
                new Linear(h + "attn.v_proj.weight", h + "attn.v_proj.bias", false),
                new Linear(h + "attn.c_proj.weight", h + "attn.c_proj.bias", true),
                new Norm(h + "ln_2.weight", h + "ln_2.bias"),
                null,
                new Linear(h + "mlp.c_fc.weight", h + "mlp.c_fc.bias", true),
                new Linear(h + "mlp.c_proj.weight", h + "mlp.c_proj.bias", true),
                new Norm("transformer.ln_f.weight", "transformer.ln_f.bias"), "lm_head.weight");
    }

    /** Hugging Face {@code LlamaForCausalLM} (also Mistral, Qwen2): every projection {@code nn.Linear}. */
    public static TensorNames llama() {
        String l = "model.layers.{i}.";
        return new TensorNames("model.embed_tokens.weight", null,
                new Norm(l + "input_layernorm.weight", null),
                null,
                new Linear(l + "self_attn.q_proj.weight", l + "self_attn.q_proj.bias", false),
                new Linear(l + "self_attn.k_proj.weight", l + "self_attn.k_proj.bias", false),
                new Linear(l + "self_attn.v_proj.weight", l + "self_attn.v_proj.bias", false),
                new Linear(l + "self_attn.o_proj.weight", l + "self_attn.o_proj.bias", false),
                new Norm(l + "post_attention_layernorm.weight", null),
                new Linear(l + "mlp.gate_proj.weight", null, false),
                new Linear(l + "mlp.up_proj.weight", null, false),
                new Linear(l + "mlp.down_proj.weight", null, false),
                new Norm("model.norm.weight", null), "lm_head.weight");
    }
}
