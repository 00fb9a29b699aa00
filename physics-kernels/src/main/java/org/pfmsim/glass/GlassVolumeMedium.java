package org.pfmsim.glass;

import org.pfmsim.config.ConfigView;
import org.pfmsim.platform.Medium;
import org.pfmsim.scaling.ConverterCost;
import org.pfmsim.scaling.CostModel;
import org.pfmsim.scaling.PhotonBudget;

/**
 * The 3D nanostructured glass volume: the volume is the model, its voxels the parameters, its forward pass
 * scalar wave propagation. Owns {@code platform.glass-volume.*}.
 */
public final class GlassVolumeMedium implements Medium {
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
    public CostModel scalingModel(ConfigView c) {
        return new GlassVolumeCostModel(PhotonBudget.bind(c, P), ConverterCost.bind(c, P),
                c.number(P + "voxel-pitch-meters"), c.number(P + "refractive-index"), c.integer(P + "readout-stages"),
                c.number(P + "block-volume-m3"));
    }
}
