package org.pfmsim.results;

import org.pfmsim.platform.Characterization;

/**
 * One row of the {@code layers} table: fidelity and cost of one layer of one run.
 *
 * <p>"Local" metrics compare the physical layer with the ideal layer when both are fed the ideal
 * input; "chain" metrics compare the physical chain up to and including this layer with the ideal
 * chain, so they accumulate error from earlier layers. Ratios are dimensionless; NaN and
 * infinities are legal values (e.g. {@code snrDb = +Infinity} when the error is exactly zero).
 *
 * @param runId            run this layer belongs to
 * @param layer            zero-based position of the layer in the model
 * @param kind             layer kind, e.g. {@code "linear"}
 * @param rows             rows of the weight matrix W in y = x W: the layer's inputs
 * @param cols             columns of W: the layer's outputs
 * @param tiles            number of physical tiles the matrix was split into
 * @param relErrorLocal    ‖y_phys − y_ideal‖₂ / ‖y_ideal‖₂ with the ideal input
 * @param relErrorChain    the same ratio along the physical chain
 * @param cosineChain      cosine similarity between physical and ideal chain outputs
 * @param snrDbChain       10·log10(signal power / error power) along the chain, in dB
 * @param maxAbsErrorChain largest absolute element error along the chain, in activation units
 * @param cosineLocal      cosine similarity with the ideal input
 * @param snrDbLocal       SNR with the ideal input, in dB
 * @param energyJoules     energy of the layer's forward pass over the whole batch, in J
 * @param latencySeconds   latency of the layer's forward pass, in s
 * @param areaSquareMeters chip (or aperture) area used by the layer's tiles, in m² (column
 *                         {@code area_m2})
 * @param inputsClipped    input values clipped by the converters (DAC / modulator range)
 * @param outputsClipped   output values clipped by the converters (ADC / detector range)
 * @param wallSeconds      wall-clock time spent simulating the layer, in s
 * @param calibration      the layer's tiles' characterization before use: columns
 *                         {@code calibration_probe_reads}, {@code calibration_energy_joules},
 *                         {@code calibration_seconds} (tiles probed in parallel), {@code tunable_parameters}
 */
public record LayerRecord(
        String runId,
        int layer,
        String kind,
        long rows,
        long cols,
        long tiles,
        double relErrorLocal,
        double relErrorChain,
        double cosineChain,
        double snrDbChain,
        double maxAbsErrorChain,
        double cosineLocal,
        double snrDbLocal,
        double energyJoules,
        double latencySeconds,
        double areaSquareMeters,
        long inputsClipped,
        long outputsClipped,
        double wallSeconds,
        Characterization calibration) {

    /** A layer of tiles used as fabricated. */
    public LayerRecord(String runId, int layer, String kind, long rows, long cols, long tiles, double relErrorLocal,
                       double relErrorChain, double cosineChain, double snrDbChain, double maxAbsErrorChain,
                       double cosineLocal, double snrDbLocal, double energyJoules, double latencySeconds,
                       double areaSquareMeters, long inputsClipped, long outputsClipped, double wallSeconds) {
        this(runId, layer, kind, rows, cols, tiles, relErrorLocal, relErrorChain, cosineChain, snrDbChain,
                maxAbsErrorChain, cosineLocal, snrDbLocal, energyJoules, latencySeconds, areaSquareMeters,
                inputsClipped, outputsClipped, wallSeconds, Characterization.NONE);
    }
}
