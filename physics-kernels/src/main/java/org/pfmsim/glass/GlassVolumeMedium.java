package org.pfmsim.glass;

import java.util.List;
import org.pfmsim.config.ConfigView;
import org.pfmsim.platform.StagedMedium;
import org.pfmsim.scaling.ConverterCost;
import org.pfmsim.scaling.CostModel;
import org.pfmsim.scaling.PhotonBudget;

/**
 * The 3D nanostructured glass volume: the volume is the model, its voxels the parameters, its forward pass
 * scalar wave propagation. Owns {@code platform.glass-volume.*}. A run is a {@link GlassVolume}, whose depth
 * segments are the stages the engine executes.
 */
public final class GlassVolumeMedium implements StagedMedium {
    /** The config name, {@code platform.kind = glass-volume}. */
    public static final String KIND = "glass-volume";
    private static final String P = "platform.glass-volume.";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String runDefaultsResource() {
        return "org/pfmsim/glass/glass-volume-defaults.conf";
    }

    @Override
    public String scalingDefaultsResource() {
        return "org/pfmsim/glass/glass-volume-scaling-defaults.conf";
    }

    @Override
    public GlassVolume bind(ConfigView config) {
        return GlassVolumeBinding.bind(config);
    }

    /** What a segment's tasks receive (the entering fields) and send back (tile interiors). */
    @Override
    public List<Class<?>> wireClasses() {
        return List.of(SegmentFields.class, TileFields.class);
    }

    @Override
    public CostModel scalingModel(ConfigView c) {
        return new GlassVolumeCostModel(PhotonBudget.bind(c, P), ConverterCost.bind(c, P),
                c.number(P + "voxel-pitch-meters"), c.number(P + "refractive-index"), c.integer(P + "readout-stages"),
                c.number(P + "block-volume-m3"));
    }
}
