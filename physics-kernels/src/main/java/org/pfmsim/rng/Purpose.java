package org.pfmsim.rng;

/**
 * What a random stream is used for. Each purpose gets its own independent stream, so that switching one
 * non-ideality on or off never shifts the random numbers another one sees.
 *
 * <p>The ordinal is part of the stream key: append new purposes at the end, never reorder.
 */
public enum Purpose {
    /** Synthetic weight values. */
    WEIGHTS,
    /** Synthetic bias values. */
    BIAS,
    /** Fabrication / programming variability of both devices of each differential pair. */
    VARIABILITY,
    /** Stuck-at defect positions. */
    DEFECTS,
    /** Noise drawn on every read (per sample, per output). */
    READ_NOISE,
    /** Synthetic input activations. */
    INPUTS,
    /** Which tiles are sampled into the tiles table. */
    TILE_SAMPLING,
    /** Random samples of a sweep axis ({@code pfm sweep}); keyed by the axis's position, not by a tile. */
    SWEEP_SAMPLES
}
