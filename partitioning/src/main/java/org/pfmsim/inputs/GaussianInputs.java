package org.pfmsim.inputs;

import org.pfmsim.rng.SyntheticInputs;

/** Standard normal inputs, each value a pure function of (seed, sample, column): {@link SyntheticInputs}. */
public record GaussianInputs(long seed) implements InputSource {
    @Override
    public float[] batch(int batch, int width) {
        return SyntheticInputs.gaussian(seed, batch, width);
    }
}
