package org.pfmsim.forward;

import org.pfmsim.config.ConfigException;
import org.pfmsim.model.LayerSpec;

/**
 * A layer output that is NaN or infinite stops the run, naming the layer, the chain, the sample and the output.
 * With every input, weight and physics parameter checked finite, only float32 overflow can get here (a
 * checkpoint of finite weights around 1e20, or inputs and gains whose products pass 3.4e38); a NaN would
 * otherwise flow silently into every later layer and into the stored metrics. The ideal chain is checked first:
 * when the digital model itself overflows, the model, not the platform, is at fault. Exit status 2, like any
 * input that cannot be simulated; nothing is committed.
 */
final class FiniteOutputs {
    private FiniteOutputs() {
    }

    /** Each array is samples x spec.cols(), after the layer's digital periphery. */
    static void require(LayerSpec spec, String kind, float[] ideal, float[] local, float[] physical) {
        require(spec, kind, "ideal chain (the digital model)", ideal);
        require(spec, kind, "physical layer fed the ideal input", local);
        require(spec, kind, "physical chain", physical);
    }

    private static void require(LayerSpec spec, String kind, String chain, float[] outputs) {
        for (int k = 0; k < outputs.length; k++) {
            if (!Float.isFinite(outputs[k])) {
                throw new ConfigException("layer " + spec.index() + " (" + kind + "): output " + k % spec.cols()
                        + " of sample " + k / spec.cols() + " on the " + chain + " is " + outputs[k]
                        + ": the model leaves the float32 range; allowed weights, biases and inputs whose layer "
                        + "outputs stay finite (|y| < 3.4e38)");
            }
        }
    }
}
