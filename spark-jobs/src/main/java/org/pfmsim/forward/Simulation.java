package org.pfmsim.forward;

import java.io.Serializable;
import org.pfmsim.config.Checks;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.inputs.GaussianInputs;
import org.pfmsim.inputs.InputSource;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.platform.Platform;
import org.pfmsim.weights.WeightSource;

/**
 * Everything a forward pass computes from, resolved from the config: which model, in which medium, cut
 * into which tiles, on which inputs.
 *
 * @param seed            root of every random stream
 * @param batch           micro-batch: input vectors one tile read takes ({@code batch.size})
 * @param rows            input vectors evaluated ({@code inputs.rows}, resolved: 0 = the file's rows is
 *                        already replaced by their count), all through each layer in one pass
 * @param model           layer shapes and digital periphery
 * @param weights         where tiles' weights come from
 * @param platform        the physical medium
 * @param tiling          tile shape and work placement
 * @param tileSampleRate  fraction of tiles whose statistics go to the tiles table
 * @param inputs          where the input vectors come from
 * @param labels          class id per evaluated vector ({@code inputs.labels-path}), or null: a model given
 *                        labels is a classifier, and its last layer's outputs are class scores
 */
public record Simulation(long seed, int batch, int rows, ModelSpec model, WeightSource weights, Platform platform,
                         TilingSpec tiling, double tileSampleRate, InputSource inputs, int[] labels)
        implements RunModel, Serializable {
    public Simulation {
        Checks.intRange("batch.size", batch, 1, 1 << 20);
        Checks.intRange("inputs.rows", rows, 1, Integer.MAX_VALUE);
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
        }
        Checks.fraction("output.tile-sample-rate", tileSampleRate);
        model.requireTileFits(tiling.tileRows(), tiling.tileCols());
    }

    /** One micro-batch of {@code batch} vectors from {@code inputs}, without labels. */
    public Simulation(long seed, int batch, ModelSpec model, WeightSource weights, Platform platform,
                      TilingSpec tiling, double tileSampleRate, InputSource inputs) {
        this(seed, batch, batch, model, weights, platform, tiling, tileSampleRate, inputs, null);
    }

    /** A simulation on synthetic Gaussian inputs drawn from {@code seed}. */
    public Simulation(long seed, int batch, ModelSpec model, WeightSource weights, Platform platform,
                      TilingSpec tiling, double tileSampleRate) {
        this(seed, batch, model, weights, platform, tiling, tileSampleRate, new GaussianInputs(seed));
    }
}
