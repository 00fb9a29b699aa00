package org.pfmsim.glass;

import java.util.List;
import java.util.Locale;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.stage.StageExecutor;
import org.pfmsim.stage.StageOutcome;
import org.pfmsim.stage.StagedModel;

/**
 * Everything a glass-volume run computes from: the designed volume and how it is written (fabrication error),
 * the optics, the ports (input spots, detectors), the detectors' noise and the distributed geometry. The
 * engine runs it as a {@link StagedModel}: one stage per depth segment ({@link GlassVolumePass}).
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
public record GlassVolume(long seed, int batch, BeamOptics optics, IndexVolume design,
                          double fabricationSigma, double fabricationCorrelationMeters, OpticalPorts ports,
                          DetectorSpec detector, double opticalPowerWatts, VolumeGrid grid, int partitions)
        implements StagedModel {
    public GlassVolume {
        Checks.intRange("batch.size", batch, 1, 1 << 20);
        FabricatedVolume.of(design, seed, fabricationSigma, fabricationCorrelationMeters, optics); // validates keys
        Checks.positive("platform.glass-volume.optical-power-watts", opticalPowerWatts);
        Checks.intRange("tiling.partitions", partitions, 0, 1 << 20);
    }

    /** The volume as written: the design plus fabrication error. */
    public IndexVolume written() {
        return FabricatedVolume.of(design, seed, fabricationSigma, fabricationCorrelationMeters, optics);
    }

    @Override
    public String kind() {
        return GlassVolumeMedium.KIND;
    }

    /** Parameters = voxels of the volume. */
    @Override
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

    @Override
    public int stages() {
        return grid.segments();
    }

    @Override
    public String stageNoun() {
        return "segment";
    }

    @Override
    public int partitions(int defaultParallelism) {
        return partitions > 0 ? partitions : 2 * defaultParallelism;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s %dx%dx%d voxels (%,d parameters), %d tiles of %d + halo %d, %d segments",
                kind(), design.sizeX(), design.sizeY(), design.sizeZ(), parameters(), grid.tileCount(),
                grid.tileVoxels(), grid.halo(), grid.segments());
    }

    @Override
    public List<String> summary() {
        return List.of(String.format(Locale.ROOT, "glass volume %.4g m^3 (%.4g x %.4g x %.4g m)", volumeCubicMeters(),
                design.sizeX() * optics.pitchMeters(), design.sizeY() * optics.pitchMeters(),
                design.sizeZ() * optics.sliceMeters()));
    }

    /** Refuses a batch whose fields would not fit half the driver heap. */
    @Override
    public void requireFits(long heapBytes) {
        if (driverBytes() > heapBytes / 2) {
            throw ConfigException.of("batch.size", batch, "a batch whose fields fit the driver heap: estimated "
                    + (driverBytes() >> 20) + " MiB against " + (heapBytes >> 20) + " MiB of heap");
        }
    }

    @Override
    public List<StageOutcome> run(StageExecutor executor, int partitions, Progress progress) {
        return GlassVolumePass.run(this, executor, partitions, progress).segments();
    }
}
