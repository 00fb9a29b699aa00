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
    /** Photon shot noise (and dark counts) of optical detectors, drawn on every read. */
    SHOT_NOISE,
    /** Synthetic token ids of decoder inputs. */
    TOKENS,
    /** Values of the named tensors of a synthetic (materialized) model, such as a synthetic decoder. */
    SYNTHETIC_TENSORS,
    /** Synthetic refractive-index contrast of a glass volume (white noise before the correlation filter). */
    VOLUME_INDEX,
    /** Fabrication error of each written glass voxel's index contrast. */
    VOLUME_FABRICATION,
    /** Shot and read noise of the glass volume's output detectors. */
    DETECTOR_NOISE,
    /** Random samples of a sweep axis ({@code pfm sweep}); keyed by the axis's position, not by a tile. */
    SWEEP_SAMPLES,
    /** Characterization probes read through a fabricated device (random probes; keyed by layer). */
    PROBES,
    /** Programming noise of a crossbar aging model (one deviate per device, drawn once at fabrication). */
    AGING_PROGRAMMING,
    /** Drift exponent or relaxation of a crossbar aging model (one deviate per device, drawn once at fabrication). */
    AGING_DRIFT
}
