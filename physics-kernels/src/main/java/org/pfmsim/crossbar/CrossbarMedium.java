package org.pfmsim.crossbar;

import org.pfmsim.converters.DacSpec;
import org.pfmsim.config.ConfigException;
import org.pfmsim.config.ConfigView;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.TileMedium;
import org.pfmsim.scaling.CostModel;

/** The nanoelectronic crossbar medium: binds {@code platform.crossbar.*} to {@link CrossbarPlatform}. */
public final class CrossbarMedium implements TileMedium {
    static final String P = "platform.crossbar.";

    @Override
    public String kind() {
        return CrossbarPlatform.KIND;
    }

    @Override
    public String runDefaultsResource() {
        return "org/pfmsim/crossbar/crossbar-defaults.conf";
    }

    @Override
    public String scalingDefaultsResource() {
        return "org/pfmsim/crossbar/crossbar-scaling-defaults.conf";
    }

    @Override
    public Platform bind(ConfigView c, int tileRows, int tileCols) {
        CrossbarSpec spec = spec(c);
        if (spec.wires().model() == CrossbarSpec.WireSpec.Model.NODAL
                && (long) tileRows * tileCols > CrossbarSpec.WireSpec.NODAL_MAX_CELLS) {
            throw ConfigException.of(P + "wires.model", "nodal", "only for tiles of at most "
                    + CrossbarSpec.WireSpec.NODAL_MAX_CELLS + " cells (tiling is " + tileRows + "x" + tileCols
                    + "); use first-order");
        }
        return new CrossbarPlatform(spec);
    }

    static CrossbarSpec spec(ConfigView c) {
        var variability = new CrossbarSpec.Variability(
                c.choice(P + "variability.model", CrossbarSpec.Variability.Model.class),
                c.number(P + "variability.sigma"));
        var dac = DacSpec.bind(c, P);
        var wires = new CrossbarSpec.WireSpec(c.choice(P + "wires.model", CrossbarSpec.WireSpec.Model.class),
                c.number(P + "wires.segment-resistance-ohms"));
        var adc = new CrossbarSpec.AdcSpec(c.bool(P + "adc.enabled"), c.integer(P + "adc.bits"),
                c.choice(P + "adc.range", CrossbarSpec.AdcSpec.RangeMode.class), c.number(P + "adc.headroom"));
        return new CrossbarSpec(c.number(P + "g-min-siemens"), c.number(P + "g-max-siemens"),
                c.number(P + "read-voltage-volts"), c.integer(P + "conductance-levels"), variability,
                c.number(P + "stuck-on-rate"), c.number(P + "stuck-off-rate"), c.number(P + "read-noise-sigma"),
                dac, wires, adc, CrossbarCostSpec.bind(c), org.pfmsim.crossbar.aging.AgingSpec.bind(c));
    }

    @Override
    public CostModel scalingModel(ConfigView c) {
        return new CrossbarCostModel(new CrossbarScalingSpec(c.integer(P + "tile-rows"), c.integer(P + "tile-cols"),
                c.number(P + "g-min-siemens"), c.number(P + "g-max-siemens"), c.number(P + "read-voltage-volts"),
                c.number(P + "adc.bits"), c.number(P + "mean-weight-fraction"),
                c.number(P + "mean-input-square-fraction"), CrossbarCostSpec.bind(c)));
    }
}
