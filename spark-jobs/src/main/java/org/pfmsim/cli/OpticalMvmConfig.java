package org.pfmsim.cli;

import org.pfmsim.optical.OpticalCostSpec;
import org.pfmsim.optical.OpticalMvmSpec;

/** Binds {@code platform.optical-mvm.*} onto {@link OpticalMvmSpec} (whose records check the ranges). */
final class OpticalMvmConfig {
    private static final String P = "platform.optical-mvm.";

    private OpticalMvmConfig() {
    }

    static OpticalMvmSpec spec(TypedConfig c) {
        var detector = new OpticalMvmSpec.DetectorSpec(c.number(P + "detector.dark-counts"),
                c.number(P + "detector.read-noise-electrons"), c.number(P + "detector.rate-hertz"));
        var dac = new OpticalMvmSpec.DacSpec(c.bool(P + "dac.enabled"), c.integer(P + "dac.bits"),
                c.numberOr(P + "dac.range", "calibrated", "calibrated or a number > 0"));
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
}
