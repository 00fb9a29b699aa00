package org.pfmsim.glass;

import org.pfmsim.photonics.Photon;

/**
 * The cost of one depth segment for the batch. Energy: the light entering the volume during the detectors'
 * integration window (the batch's optical power times the integration time), attributed to the segments by
 * their share of the depth, as the glass itself is passive. Latency: the optical transit n0 L / c of the
 * segment, plus the detector integration after the last segment.
 *
 * @param energyJoules    optical energy of the batch attributed to this segment, J
 * @param latencySeconds  transit time of the segment (plus the integration for the last), s
 */
record SegmentCost(double energyJoules, double latencySeconds) {
    /** @param batchWatts optical power entering the volume, summed over the batch, W */
    static SegmentCost of(GlassVolume sim, int segment, double batchWatts) {
        VolumeGrid g = sim.grid();
        double depthMeters = g.depth() * sim.optics().sliceMeters();
        double segmentMeters = g.slicesIn(segment) * sim.optics().sliceMeters();
        double energy = batchWatts * sim.detector().integrationSeconds() * segmentMeters / depthMeters;
        double latency = sim.optics().backgroundIndex() * segmentMeters / Photon.LIGHT_SPEED_METERS_PER_SECOND;
        if (segment == g.segments() - 1) {
            latency += sim.detector().integrationSeconds();
        }
        return new SegmentCost(energy, latency);
    }
}
