package org.pfmsim.stage;

import org.pfmsim.fidelity.FidelityStats;

/**
 * One stage's results on the driver, one {@code layers} row: its fidelity on both chains and its cost.
 *
 * @param index            the stage's position in the model (layer or depth segment), from 0
 * @param kind             the stage's name in results ({@code glass-volume}, ...)
 * @param rows             values entering the stage
 * @param cols             values leaving it
 * @param units            tiles that computed it
 * @param local            the physical stage fed the ideal input, against the ideal output
 * @param chain            the physical chain against the ideal chain
 * @param energyJoules     energy of the batch through the stage, J
 * @param latencySeconds   the stage's latency, s
 * @param areaSquareMeters the stage's footprint, m^2
 * @param inputsClipped    inputs clipped by converters
 * @param outputsClipped   outputs clipped by converters
 * @param wallSeconds      wall-clock time spent simulating it, s
 */
public record StageOutcome(int index, String kind, long rows, long cols, long units, FidelityStats local,
                           FidelityStats chain, double energyJoules, double latencySeconds, double areaSquareMeters,
                           long inputsClipped, long outputsClipped, double wallSeconds) {
}
