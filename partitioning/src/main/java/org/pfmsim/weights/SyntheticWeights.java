package org.pfmsim.weights;

import org.pfmsim.model.ModelSpec;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * A procedural model of any size: W_l[r][c] = g_l / sqrt(rows_l) N(0,1) and b_l[c] = sigma_b N(0,1),
 * each value a pure function of (seed, layer, row, column). Never materialized; any tile of a 10^12-
 * parameter model is generated on demand, identically whatever the tiling (the stream is keyed by the
 * weight's row, the column is the stream position).
 *
 * <p>Initialization (He et al., "Delving deep into rectifiers", ICCV 2015): for unit-variance layer
 * inputs, Var(W) = g^2 / fan_in keeps the second moment of the pre-activations constant through depth,
 * with g the gain of the nonlinearity applied to the layer's input (sqrt 2 after ReLU, 1 for the raw
 * input), so activations neither explode nor vanish over depth.
 */
public final class SyntheticWeights implements WeightSource {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final double[] weightStd;
    private final double biasStd;

    public SyntheticWeights(long seed, ModelSpec model, double gainScale, double biasStd) {
        this.seed = seed;
        this.biasStd = biasStd;
        this.weightStd = new double[model.depth()];
        for (int l = 0; l < model.depth(); l++) {
            double gain = l == 0 ? 1.0 : model.layer(l - 1).activation().initGain();
            weightStd[l] = gainScale * gain / Math.sqrt(model.layer(l).rows());
        }
    }

    /** Standard deviation of layer l's weights. */
    public double weightStd(int layer) {
        return weightStd[layer];
    }

    @Override
    public void weights(int layer, long rowStart, int rowCount, long colStart, int colCount, float[] out) {
        double std = weightStd[layer];
        for (int i = 0; i < rowCount; i++) {
            CounterRng row = CounterRng.stream(seed, Purpose.WEIGHTS, layer, rowStart + i, 0);
            row.fillGaussian(out, i * colCount, colCount, colStart, 0.0, std);
        }
    }

    @Override
    public void bias(int layer, long colStart, int colCount, float[] out) {
        if (biasStd == 0) {
            java.util.Arrays.fill(out, 0, colCount, 0f);
            return;
        }
        CounterRng.stream(seed, Purpose.BIAS, layer, 0, 0).fillGaussian(out, 0, colCount, colStart, 0.0, biasStd);
    }
}
