package org.pfmsim.crossbar;

/**
 * The programmed conductances of a tile's differential pairs before wires are accounted for:
 * weight w_ij is read as G+_ij - G-_ij (siemens), each rows x cols row-major.
 *
 * @param positive     G+, S
 * @param negative     G-, S
 * @param weightScale  max |w| of the tile: the weight that maps onto the full conductance window
 * @param stuckOn      devices stuck at gMax
 * @param stuckOff     devices stuck at gMin
 */
public record DevicePair(float[] positive, float[] negative, float weightScale, long stuckOn, long stuckOff) {
}
