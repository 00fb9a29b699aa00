package org.pfmsim.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;

/** A stack of linear layers with their digital periphery (bias, activation). */
public record ModelSpec(List<LayerSpec> layers) implements Serializable {
    public ModelSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).rows() != layers.get(i - 1).cols()) {
                throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).rows()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).cols());
            }
        }
    }

    /**
     * A synthetic MLP: {@code depth} linear layers, inputWidth -> width -> ... -> width -> outputWidth,
     * with {@code hidden} after every layer but the last, which gets {@code output}.
     */
    public static ModelSpec mlp(int inputWidth, int width, int outputWidth, int depth, boolean bias,
                                Activation hidden, Activation output) {
        Checks.intRange("model.input-width", inputWidth, 1, Integer.MAX_VALUE);
        Checks.intRange("model.width", width, 1, Integer.MAX_VALUE);
        Checks.intRange("model.output-width", outputWidth, 1, Integer.MAX_VALUE);
        Checks.intRange("model.depth", depth, 1, 1_000_000);
        List<LayerSpec> layers = new ArrayList<>(depth);
        for (int l = 0; l < depth; l++) {
            int rows = l == 0 ? inputWidth : width;
            int cols = l == depth - 1 ? outputWidth : width;
            layers.add(new LayerSpec(l, rows, cols, bias, l == depth - 1 ? output : hidden));
        }
        return new ModelSpec(layers);
    }

    public int depth() {
        return layers.size();
    }

    public LayerSpec layer(int index) {
        return layers.get(index);
    }

    public int inputWidth() {
        return layers.get(0).rows();
    }

    /** Width of the last layer's output (a classifier's class count). */
    public int outputWidth() {
        return layers.get(layers.size() - 1).cols();
    }

    public int maxWidth() {
        int max = inputWidth();
        for (LayerSpec l : layers) {
            max = Math.max(max, l.cols());
        }
        return max;
    }

    public long parameterCount() {
        long n = 0;
        for (LayerSpec l : layers) {
            n = Math.addExact(n, l.parameterCount());
        }
        return n;
    }

    /** Refuses a tile larger than any layer: it would describe hardware the model never uses. */
    public void requireTileFits(int tileRows, int tileCols) {
        LayerSpec narrowestIn = layers.get(0);
        LayerSpec narrowestOut = layers.get(0);
        for (LayerSpec l : layers) {
            if (l.rows() < narrowestIn.rows()) {
                narrowestIn = l;
            }
            if (l.cols() < narrowestOut.cols()) {
                narrowestOut = l;
            }
        }
        if (tileRows > narrowestIn.rows()) {
            throw ConfigException.of("tiling.tile-rows", tileRows, "at most the smallest layer input width ("
                    + narrowestIn.rows() + ", layer " + narrowestIn.index() + ")");
        }
        if (tileCols > narrowestOut.cols()) {
            throw ConfigException.of("tiling.tile-cols", tileCols, "at most the smallest layer output width ("
                    + narrowestOut.cols() + ", layer " + narrowestOut.index() + ")");
        }
    }
}
