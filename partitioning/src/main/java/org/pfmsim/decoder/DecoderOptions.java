package org.pfmsim.decoder;

import java.io.Serializable;
import org.pfmsim.config.Checks;

/**
 * What a decoder checkpoint's tensor shapes do not tell (config {@code model.decoder.*}).
 *
 * @param heads      attention (query) heads
 * @param kvHeads    key/value heads (grouped-query attention); 0 = read from the key projection's shape
 * @param normEps    epsilon added to the variance (LayerNorm) or mean square (RMSNorm), dimensionless
 * @param ropeTheta  rotary embedding base theta (Llama: 10000; Llama 3: 500000); unused by GPT-2
 */
public record DecoderOptions(int heads, int kvHeads, double normEps, double ropeTheta) implements Serializable {
    public DecoderOptions {
        Checks.intRange("model.decoder.heads", heads, 1, 1 << 16);
        Checks.intRange("model.decoder.kv-heads", kvHeads, 0, heads);
        Checks.positive("model.decoder.norm-eps", normEps);
        Checks.positive("model.decoder.rope-theta", ropeTheta);
    }
}
