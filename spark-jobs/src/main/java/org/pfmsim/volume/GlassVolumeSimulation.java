package org.pfmsim.volume;

import java.io.Serializable;
import org.pfmsim.config.Checks;
import org.pfmsim.glass.BeamOptics;
import org.pfmsim.glass.DetectorSpec;
import org.pfmsim.glass.FabricatedVolume;
import org.pfmsim.glass.IndexVolume;
import org.pfmsim.glass.OpticalPorts;
import org.pfmsim.grid.VolumeGrid;

/**
 * Everything a glass-volume run computes from: the designed volume and how it is written (fabrication error),
 * the optics, the ports (input spots, detectors), the detectors' noise and the distributed geometry.
 *
 * @param seed               root of every random stream
 * @param batch              input vectors propagated together
 * @param optics             wavelength, index, voxel pitch, band limit, absorber
 * @param design             the designed index contrast (the parameters)
 * @param fabricationSigma   writing error of the index contrast (dn units)
 * @param fabricationCorrelationMeters  correlation length of the writing error, m
 * @param ports              input spots and detector regions
 * @param detector           detector noise and ADC
 * @param opticalPowerWatts  mean optical power entering the volume per sample, W
 * @param grid               lateral tiles with halos, depth segments
 * @param partitions         Spark partitions per segment (0 = twice the default parallelism)
 */
public record GlassVolumeSimulation(long seed, int batch, BeamOptics optics, IndexVolume design,
                                    double fabricationSigma, double fabricationCorrelationMeters, OpticalPorts ports, DetectorSpec detector,
                                    double opticalPowerWatts, VolumeGrid grid, int partitions) implements Serializable {
    public static final String KIND = org.pfmsim.glass.GlassVolumeMedium.KIND;

    public GlassVolumeSimulation {
        Checks.intRange("batch.size", batch, 1, 1 << 20);
        FabricatedVolume.of(design, seed, fabricationSigma, fabricationCorrelationMeters, optics); // validates keys
        Checks.positive("platform.glass-volume.optical-power-watts", opticalPowerWatts);
        Checks.intRange("tiling.partitions", partitions, 0, 1 << 20);
    }

    /** The volume as written: the design plus fabrication error. */
    public IndexVolume written() {
        return FabricatedVolume.of(design, seed, fabricationSigma, fabricationCorrelationMeters, optics);
    }

    /** Parameters = voxels of the volume. */
    public long parameters() {
        return design.voxels();
    }

    /** The glass block's volume, m^3. */
    public double volumeCubicMeters() {
        return design.sizeX() * optics.pitchMeters() * design.sizeY() * optics.pitchMeters()
                * design.sizeZ() * optics.sliceMeters();
    }

    /** Bytes the driver holds: three chains of full-domain fields (float re/im) for the batch, twice over. */
    public long driverBytes() {
        return 6L * batch * 2L * grid.domainX() * grid.domainY() * Float.BYTES;
    }
}
