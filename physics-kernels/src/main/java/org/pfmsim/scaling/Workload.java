package org.pfmsim.scaling;

import org.pfmsim.config.ConfigException;

/**
 * The model being costed: a stack of {@code depth} square linear layers of {@code width} x {@code width}
 * weights, {@code parameters} weights in all. One token is one input vector pushed through every layer,
 * so it takes exactly {@code parameters} multiply-accumulates (MACs). Attention scores, softmax and
 * normalization are dynamic, stay digital in a PFM and are not costed here: they scale with the context
 * and the width, not with the parameter count.
 *
 * @param parameters weights, = MACs per token
 * @param width      layer width d (fan-in and fan-out of every layer)
 * @param depth      layers, parameters / width^2 rounded to the nearest integer (at least 1)
 */
public record Workload(long parameters, long width, long depth) {

    /**
     * The shape of a {@code parameters}-weight model.
     *
     * @param fixedWidth  width to use at every size, or 0 to derive it from the aspect ratio
     * @param aspectRatio width / depth when the width is derived: parameters = depth d^2 = d^3 / aspect,
     *                    so d = (aspect x parameters)^(1/3). GPT-3 175B has d = 12288 and 96 layers,
     *                    an aspect ratio of 128 (Brown et al. 2020, arXiv:2005.14165, Table 2.1).
     */
    public static Workload of(long parameters, long fixedWidth, double aspectRatio) {
        long width = fixedWidth > 0 ? fixedWidth : Math.max(1, Math.round(Math.cbrt(aspectRatio * parameters)));
        double depth = parameters / ((double) width * width);
        if (depth < 0.5) {
            throw ConfigException.of("model.width", fixedWidth, "a width whose square (one layer) is at most the "
                    + "smallest parameter count " + parameters + ", or 0 to derive it from model.aspect-ratio");
        }
        return new Workload(parameters, width, Math.max(1, Math.round(depth)));
    }

    /** Tiles of {@code rows} x {@code cols} one layer needs (ragged edges round up). */
    public long tilesPerLayer(long rows, long cols) {
        return ceilDiv(width, rows) * ceilDiv(width, cols);
    }

    public static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
