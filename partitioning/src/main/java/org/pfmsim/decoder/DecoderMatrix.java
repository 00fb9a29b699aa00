package org.pfmsim.decoder;

import java.io.Serializable;

/**
 * One fixed matrix of a decoder, written into the physical medium: y = x W (+ b), W rows (inputs) x
 * cols (outputs).
 *
 * @param index  position among the model's physical matrices, in execution order; the layer index of
 *               its tiles' random streams and of its row in the {@code layers} table
 * @param block  decoder block, or -1 for the LM head
 * @param role   what it computes
 * @param kind   its name in results, e.g. {@code block3.attn.q}
 * @param weight tensor name of the weight
 * @param bias   tensor name of the bias, or null
 * @param inOut  the weight is stored {@code [in, out]} (Conv1D) rather than {@code [out, in]}
 */
public record DecoderMatrix(int index, int block, Role role, String kind, String weight, String bias, boolean inOut,
                            int rows, int cols) implements Serializable {
    /** What a matrix computes; {@code label} is its name in the {@code kind} column. */
    public enum Role {
        QKV("attn.qkv"), Q("attn.q"), K("attn.k"), V("attn.v"), O("attn.o"),
        GATE("mlp.gate"), UP("mlp.up"), DOWN("mlp.down"), HEAD("head");

        public final String label;

        Role(String label) {
            this.label = label;
        }
    }
}
