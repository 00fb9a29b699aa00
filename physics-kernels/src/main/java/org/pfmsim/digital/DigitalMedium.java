package org.pfmsim.digital;

import org.pfmsim.config.ConfigView;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.TileMedium;
import org.pfmsim.scaling.CostModel;

/**
 * The digital read-only-memory baseline: binds {@code platform.digital.*} to {@link DigitalPlatform}, and is
 * the scaling model's baseline.
 */
public final class DigitalMedium implements TileMedium {
    private static final String P = "platform.digital.";

    @Override
    public String kind() {
        return DigitalPlatform.KIND;
    }

    @Override
    public String runDefaultsResource() {
        return "org/pfmsim/digital/digital-defaults.conf";
    }

    @Override
    public String scalingDefaultsResource() {
        return "org/pfmsim/digital/digital-scaling-defaults.conf";
    }

    @Override
    public boolean baseline() {
        return true;
    }

    @Override
    public Platform bind(ConfigView c, int tileRows, int tileCols) {
        return new DigitalPlatform(new DigitalSpec(c.number(P + "energy-per-mac-joules"),
                c.number(P + "macs-per-second"), c.integer(P + "weight-bits"),
                c.number(P + "bit-cell-area-square-meters")));
    }

    @Override
    public CostModel scalingModel(ConfigView c) {
        return new DigitalCostModel(c.number(P + "energy-per-mac-joules"), c.number(P + "chip-macs-per-second"),
                c.number(P + "weights-per-chip"), c.integer(P + "weight-bits"),
                c.number(P + "bit-cell-area-square-meters"));
    }
}
