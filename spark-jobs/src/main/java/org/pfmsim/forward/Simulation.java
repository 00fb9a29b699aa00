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
 * @param batch           input vectors propagated together
 * @param model           layer shapes and digital periphery
 * @param weights         where tiles' weights come from
 * @param platform        the physical medium
 * @param tiling          tile shape and work placement
 * @param tileSampleRate  fraction of tiles whose statistics go to the tiles table
 * @param inputs          where the input batch comes from
 */
public record Simulation(long seed, int batch, ModelSpec model, WeightSource weights, Platform platform,
                         TilingSpec tiling, double tileSampleRate, InputSource inputs) implements RunModel, Serializable {
    public Simulation {
        Checks.intRange("batch.size", batch, 1, 1 << 20);
        Checks.fraction("output.tile-sample-rate", tileSampleRate);
        model.requireTileFits(tiling.tileRows(), tiling.tileCols());
    }

    /** A simulation on synthetic Gaussian inputs drawn from {@code seed}. */
    public Simulation(long seed, int batch, ModelSpec model, WeightSource weights, Platform platform,
                      TilingSpec tiling, double tileSampleRate) {
        this(seed, batch, model, weights, platform, tiling, tileSampleRate, new GaussianInputs(seed));
    }
}
