package org.pfmsim.optical;

import org.pfmsim.converters.DacSpec;
import org.pfmsim.config.ConfigView;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.TileMedium;
import org.pfmsim.scaling.ConverterCost;
import org.pfmsim.scaling.CostModel;
import org.pfmsim.scaling.PhotonBudget;

/** Optical matrix-vector multiply in glass: binds {@code platform.optical-mvm.*} to {@link OpticalMvmPlatform}. */
public final class OpticalMvmMedium implements TileMedium {
    private static final String P = OpticalMvmSpec.P;

    @Override
    public String kind() {
        return OpticalMvmPlatform.KIND;
    }

    @Override
    public String runDefaultsResource() {
        return "org/pfmsim/optical/optical-mvm-defaults.conf";
    }

    @Override
    public String scalingDefaultsResource() {
        return "org/pfmsim/optical/optical-mvm-scaling-defaults.conf";
    }

    @Override
    public Platform bind(ConfigView c, int tileRows, int tileCols) {
        return new OpticalMvmPlatform(spec(c));
    }

    static OpticalMvmSpec spec(ConfigView c) {
        var detector = new OpticalMvmSpec.DetectorSpec(c.number(P + "detector.dark-counts"),
                c.number(P + "detector.read-noise-electrons"), c.number(P + "detector.rate-hertz"));
        var dac = DacSpec.bind(c, P);
        var adc = new OpticalMvmSpec.AdcSpec(c.bool(P + "adc.enabled"), c.integer(P + "adc.bits"),
                c.number(P + "adc.headroom"));
        String k = P + "cost.";
        var cost = new OpticalCostSpec(c.number(k + "wavelength-meters"), c.number(k + "detector-quantum-efficiency"),
                c.number(k + "laser-wall-plug-efficiency"), c.number(k + "coupling-efficiency"),
                c.number(k + "modulator-energy-joules"), c.number(k + "adc-fom-joules-per-step"),
                c.number(k + "digital-add-energy-joules"), c.number(k + "refractive-index"),
                c.number(k + "path-length-meters"), c.number(k + "voxel-pitch-meters"));
        return new OpticalMvmSpec(c.number(P + "photons-per-mac"), c.bool(P + "shot-noise"),
                c.choice(P + "encoding", OpticalMvmSpec.Encoding.class), c.integer(P + "transmission-levels"),
                c.number(P + "fabrication-sigma"), c.number(P + "loss-db"), c.number(P + "crosstalk"),
                detector, dac, adc, cost, org.pfmsim.optical.LightDriftSpec.bind(c));
    }

    @Override
    public CostModel scalingModel(ConfigView c) {
        return new OpticalMvmCostModel(PhotonBudget.bind(c, P), ConverterCost.bind(c, P),
                c.integer(P + "tile-rows"), c.integer(P + "tile-cols"), c.number(P + "pixel-pitch-meters"),
                c.number(P + "path-length-meters"), c.number(P + "refractive-index"));
    }
}
