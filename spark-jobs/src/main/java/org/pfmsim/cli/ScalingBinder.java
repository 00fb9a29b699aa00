package org.pfmsim.cli;

import java.util.List;
import org.pfmsim.calibration.CalibrationSpec;
import org.pfmsim.crossbar.CrossbarCostSpec;
import org.pfmsim.digital.DigitalSpec;
import org.pfmsim.scaling.Converters;
import org.pfmsim.scaling.CrossbarCostModel;
import org.pfmsim.scaling.CrossbarScalingSpec;
import org.pfmsim.scaling.DigitalCostModel;
import org.pfmsim.scaling.FidelityMetric;
import org.pfmsim.scaling.GlassVolumeCostModel;
import org.pfmsim.scaling.OpticalMvmCostModel;
import org.pfmsim.scaling.ParameterGrid;
import org.pfmsim.scaling.PhotonBudget;
import org.pfmsim.scaling.ScalingStudy;

/** Maps the keys of {@code scaling-defaults.conf} onto the scaling model's records. */
final class ScalingBinder {
    private ScalingBinder() {
    }

    static ScalingStudy study(TypedConfig c) {
        ParameterGrid grid = new ParameterGrid(c.number("grid.min-parameters"), c.number("grid.max-parameters"),
                c.integer("grid.points-per-decade"));
        String o = "platform.optical-mvm.";
        OpticalMvmCostModel optical = new OpticalMvmCostModel(photons(c, o), converters(c, o),
                c.integer(o + "tile-rows"), c.integer(o + "tile-cols"), c.number(o + "pixel-pitch-meters"),
                c.number(o + "path-length-meters"), c.number(o + "refractive-index"));
        String g = "platform.glass-volume.";
        GlassVolumeCostModel glass = new GlassVolumeCostModel(photons(c, g), converters(c, g),
                c.number(g + "voxel-pitch-meters"), c.number(g + "refractive-index"), c.integer(g + "readout-stages"),
                c.number(g + "block-volume-m3"));
        String d = "platform.digital.";
        DigitalCostModel digital = new DigitalCostModel(new DigitalSpec(c.number(d + "energy-per-mac-joules"),
                c.number(d + "macs-per-second"), c.integer(d + "weight-bits"),
                c.number(d + "bit-cell-area-square-meters")), c.number(d + "weights-per-chip"));
        return new ScalingStudy(grid, c.longInteger("model.width"), c.number("model.aspect-ratio"),
                List.of(crossbar(c), optical, glass), digital);
    }

    static CalibrationSpec calibration(TypedConfig c) {
        String p = "calibration.";
        return new CalibrationSpec(c.string(p + "results-root"), c.string(p + "key"),
                FidelityMetric.parse(p + "metric", c.string(p + "metric")), c.number(p + "target"),
                c.string(p + "sweep-id"), c.bool(p + "interpolate"));
    }

    private static CrossbarCostModel crossbar(TypedConfig c) {
        String p = "platform.crossbar.";
        String k = p + "cost.";
        CrossbarCostSpec cost = new CrossbarCostSpec(c.number(k + "integration-time-seconds"),
                c.number(k + "dac-energy-joules"), c.number(k + "adc-fom-joules-per-step"),
                c.number(k + "adc-sample-rate-hertz"), c.integer(k + "adcs-per-tile"),
                c.number(k + "digital-add-energy-joules"), c.number(k + "feature-size-meters"),
                c.number(k + "cell-area-f2"), c.number(k + "converter-area-square-meters"));
        return new CrossbarCostModel(new CrossbarScalingSpec(c.integer(p + "tile-rows"), c.integer(p + "tile-cols"),
                c.number(p + "g-min-siemens"), c.number(p + "g-max-siemens"), c.number(p + "read-voltage-volts"),
                c.number(p + "adc.bits"), c.number(p + "mean-weight-fraction"),
                c.number(p + "mean-input-square-fraction"), cost));
    }

    private static PhotonBudget photons(TypedConfig c, String p) {
        return new PhotonBudget(p, c.number(p + "wavelength-meters"), c.number(p + "output-snr"),
                c.number(p + "detector-efficiency"), c.number(p + "optical-efficiency"),
                c.number(p + "laser-wall-plug-efficiency"));
    }

    private static Converters converters(TypedConfig c, String p) {
        return new Converters(p, c.number(p + "dac-energy-joules"), c.number(p + "adc-fom-joules-per-step"),
                c.integer(p + "adc-bits"), c.number(p + "converter-rate-hertz"));
    }
}
