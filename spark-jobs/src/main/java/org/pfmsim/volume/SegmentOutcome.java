package org.pfmsim.volume;

import org.pfmsim.fidelity.FidelityStats;

/**
 * One depth segment's results on the driver, one {@code layers} row (kind {@code glass-volume}). For every
 * segment but the last the compared quantity is the complex field at the segment's exit plane (re and im of
 * every voxel of the domain); for the last it is the detector readings, where the physical chain also has
 * shot noise, read noise and the ADC.
 *
 * @param rows            values entering the segment (field samples of the domain, re/im counted once each voxel)
 * @param cols            values leaving it (field samples, or detectors for the last segment)
 * @param local           written segment fed the ideal field, against the designed segment
 * @param chain           physical chain against the ideal chain
 * @param energyJoules    optical energy of the batch attributed to this segment (by its share of the depth), J
 * @param latencySeconds  optical transit n0 L / c of the segment, plus the detector integration for the last, s
 * @param areaSquareMeters lateral cross-section of the glass, m^2
 * @param outputsClipped  detector readings clipped by the ADC (last segment only)
 */
public record SegmentOutcome(int segment, long rows, long cols, long tiles, FidelityStats local, FidelityStats chain,
                             double energyJoules, double latencySeconds, double areaSquareMeters, long outputsClipped,
                             double wallSeconds) {
}
