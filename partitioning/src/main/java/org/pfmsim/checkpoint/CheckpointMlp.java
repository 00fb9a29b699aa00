package org.pfmsim.checkpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pfmsim.config.ConfigException;
import org.pfmsim.model.Activation;
import org.pfmsim.model.LayerSpec;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.weights.TensorSource;
import org.pfmsim.weights.TensorWeights;

/**
 * An MLP-shaped stack read from a checkpoint: linear layers with PyTorch's convention (weight
 * {@code [out, in]}, optional bias {@code [out]}), chained in order, their widths taken from the tensor
 * shapes. Refuses, naming the tensors, a missing tensor, a weight that is not 2-D, a bias that does not
 * match its weight, and layers that do not chain (layer i's out must equal layer i+1's in).
 *
 * @param model    the layer shapes and the digital periphery
 * @param weights  the layers' tensors, read block by block where tiles are built
 */
public record CheckpointMlp(ModelSpec model, TensorWeights weights) {
    /** The placeholder for the layer index in name patterns. */
    public static final String INDEX = "{i}";

    /**
     * Layers named by patterns: {@code weightPattern} with {@link #INDEX} replaced by 0, 1, 2, ... for as
     * long as such a tensor exists; {@code biasPattern} (empty for none) names each layer's bias, which
     * must then exist for every layer.
     */
    public static List<TensorWeights.Linear> byPattern(TensorSource tensors, String location, String weightKey,
                                                       String weightPattern, String biasKey, String biasPattern) {
        if (!weightPattern.contains(INDEX)) {
            throw ConfigException.of(weightKey, weightPattern, "a tensor name pattern containing " + INDEX);
        }
        if (!biasPattern.isEmpty() && !biasPattern.contains(INDEX)) {
            throw ConfigException.of(biasKey, biasPattern, "empty (no biases) or a pattern containing " + INDEX);
        }
        Set<String> names = new HashSet<>(tensors.names());
        List<TensorWeights.Linear> layers = new ArrayList<>();
        for (int i = 0; names.contains(name(weightPattern, i)); i++) {
            String bias = biasPattern.isEmpty() ? null : name(biasPattern, i);
            if (bias != null && !names.contains(bias)) {
                throw ConfigException.of(biasKey, biasPattern, "a pattern naming a bias for every layer (checkpoint "
                        + location + " has " + name(weightPattern, i) + " but no " + bias + ")");
            }
            layers.add(new TensorWeights.Linear(name(weightPattern, i), bias));
        }
        if (layers.isEmpty()) {
            throw ConfigException.of(weightKey, weightPattern, "a pattern naming the checkpoint's weights (no tensor "
                    + name(weightPattern, 0) + " in " + location + ")");
        }
        return layers;
    }

    /**
     * The stack of {@code layers}, in order, with {@code hidden} after every layer but the last, which
     * gets {@code output}.
     *
     * @param key  the config key the layer names came from, for messages
     */
    public static CheckpointMlp of(TensorSource tensors, String location, String key, List<TensorWeights.Linear> layers,
                                   Activation hidden, Activation output) {
        Set<String> names = new HashSet<>(tensors.names());
        List<LayerSpec> specs = new ArrayList<>(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            TensorWeights.Linear linear = layers.get(l);
            requirePresent(names, location, key, linear.weight());
            long[] w = tensors.shape(linear.weight());
            if (w.length != 2 || w[0] < 1 || w[1] < 1 || w[0] > Integer.MAX_VALUE || w[1] > Integer.MAX_VALUE) {
                throw new ConfigException(key + ": tensor " + linear.weight() + " has shape " + text(w)
                        + "; a linear layer's weight is [out, in], each from 1 to " + Integer.MAX_VALUE);
            }
            if (linear.bias() != null) {
                requirePresent(names, location, key, linear.bias());
                long[] b = tensors.shape(linear.bias());
                if (b.length != 1 || b[0] != w[0]) {
                    throw new ConfigException(key + ": tensor " + linear.bias() + " has shape " + text(b) + " but "
                            + linear.weight() + " " + text(w) + " has " + w[0] + " outputs");
                }
            }
            if (l > 0) {
                TensorWeights.Linear previous = layers.get(l - 1);
                long[] p = tensors.shape(previous.weight());
                if (p[0] != w[1]) {
                    throw new ConfigException(key + ": tensor " + linear.weight() + " " + text(w) + " takes " + w[1]
                            + " inputs but " + previous.weight() + " " + text(p) + " gives " + p[0] + " outputs");
                }
            }
            specs.add(new LayerSpec(l, (int) w[1], (int) w[0], linear.bias() != null,
                    l == layers.size() - 1 ? output : hidden));
        }
        return new CheckpointMlp(new ModelSpec(specs), new TensorWeights(tensors, layers));
    }

    private static void requirePresent(Set<String> names, String location, String key, String tensor) {
        if (!names.contains(tensor)) {
            throw new ConfigException(key + ": checkpoint " + location + " has no tensor " + tensor);
        }
    }

    private static String name(String pattern, int i) {
        return pattern.replace(INDEX, Integer.toString(i));
    }

    private static String text(long[] shape) {
        return java.util.Arrays.toString(shape);
    }
}
