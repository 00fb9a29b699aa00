package org.pfmsim.platform;

/**
 * What a tile read returns: the digitized, rescaled outputs and the cost of the measured samples.
 *
 * @param outputs         samples x cols, row-major, in model units
 * @param energyJoules    energy of the measured samples' reads (array, converters), J
 * @param latencySeconds  time to read the measured samples one after another, s
 * @param inputsClipped   measured input values outside the DAC range (clipped to it)
 * @param outputsClipped  measured outputs outside the ADC range (clipped to it)
 */
public record Readout(float[] outputs, double energyJoules, double latencySeconds, long inputsClipped,
                      long outputsClipped) {
}
