package org.pfmsim.forward;

/**
 * Statistics of one sampled tile: its local error (the tile's physical read against the ideal product,
 * both on the ideal inputs) and its cost.
 */
public final class TileSample {
    final long tileRow;
    final long tileCol;
    final int rows;
    final int cols;
    final double relError;
    final double energyJoules;
    final long stuckDevices;
    final long inputsClipped;
    final long outputsClipped;

    TileSample(long tileRow, long tileCol, int rows, int cols, double relError, double energyJoules,
               long stuckDevices, long inputsClipped, long outputsClipped) {
        this.tileRow = tileRow;
        this.tileCol = tileCol;
        this.rows = rows;
        this.cols = cols;
        this.relError = relError;
        this.energyJoules = energyJoules;
        this.stuckDevices = stuckDevices;
        this.inputsClipped = inputsClipped;
        this.outputsClipped = outputsClipped;
    }
}
