package org.pfmsim.cli;

import java.util.List;
import org.pfmsim.checkpoint.CheckpointMlp;
import org.pfmsim.checkpoint.ModelDirectory;
import org.pfmsim.config.ConfigException;
import org.pfmsim.crossbar.CrossbarCostSpec;
import org.pfmsim.crossbar.CrossbarPlatform;
import org.pfmsim.crossbar.CrossbarSpec;
import org.pfmsim.digital.DigitalPlatform;
import org.pfmsim.digital.DigitalSpec;
import org.pfmsim.forward.DecoderSimulation;
import org.pfmsim.forward.Simulation;
import org.pfmsim.grid.TilingSpec;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.optical.OpticalMvmPlatform;
import org.pfmsim.placement.Placement;
import org.pfmsim.platform.Platform;
import org.pfmsim.results.OutputsSpec;
import org.pfmsim.volume.GlassVolumeSimulation;
import org.pfmsim.weights.SyntheticWeights;
import org.pfmsim.weights.WeightSource;

/** Maps config keys onto the modules' spec records (which check ranges and name the key on failure). */
final class ConfigBinder {
    private ConfigBinder() {
    }

    static RunConfig bind(TypedConfig c, String json, String hash) {
        if (c.string("platform.kind").equals(GlassVolumeSimulation.KIND)) {
            if (c.bool("output.outputs")) {
                throw ConfigException.of("output.outputs", true, "false for platform.kind = "
                        + GlassVolumeSimulation.KIND + " (a glass volume has no class outputs)");
            }
            return new RunConfig(null, null, GlassVolumeBinder.bind(c), outputRoot(c), sweepId(c), json, hash,
                    outputs(c));
        }
        long seed = c.longInteger("seed");
        int batch = c.integer("batch.size");
        String source = c.string("model.source");
        if (!List.of("synthetic", "checkpoint", "synthetic-decoder").contains(source)) {
            throw ConfigException.of("model.source", source, "one of synthetic checkpoint synthetic-decoder");
        }
        Platform platform = platform(c);
        TilingSpec tiling = new TilingSpec(c.integer("tiling.tile-rows"), c.integer("tiling.tile-cols"),
                c.integer("tiling.row-tiles-per-unit"), c.choice("tiling.placement", Placement.class),
                c.integer("tiling.partitions"));
        if (platform instanceof CrossbarPlatform cb && cb.spec().wires().model() == CrossbarSpec.WireSpec.Model.NODAL
                && (long) tiling.tileRows() * tiling.tileCols() > CrossbarSpec.WireSpec.NODAL_MAX_CELLS) {
            throw ConfigException.of("platform.crossbar.wires.model", "nodal", "only for tiles of at most "
                    + CrossbarSpec.WireSpec.NODAL_MAX_CELLS + " cells (tiling is " + tiling.tileRows() + "x"
                    + tiling.tileCols() + "); use first-order");
        }
        double sampleRate = c.number("output.tile-sample-rate");
        Simulation sim = null;
        DecoderSimulation decoder = null;
        ModelDirectory checkpoint = source.equals("checkpoint") ? ModelSources.open(c) : null;
        if (source.equals("synthetic-decoder")) {
            decoder = DecoderConfig.synthetic(c, seed, batch, platform, tiling, sampleRate);
        } else if (checkpoint != null && (checkpoint.architecture() != null
                || !c.string("model.checkpoint.preset").equals("mlp"))) {
            // A config.json states a decoder's architecture; without one, the preset names it.
            decoder = DecoderConfig.checkpoint(c, checkpoint, seed, batch, platform, tiling, sampleRate);
        } else {
            ModelSpec model;
            WeightSource weights;
            if (source.equals("synthetic")) {
                model = model(c);
                weights = new SyntheticWeights(seed, model, positive(c, "model.init-gain"),
                        nonNegative(c, "model.bias-std"));
            } else {
                CheckpointMlp mlp = ModelSources.checkpoint(c, checkpoint);
                model = mlp.model();
                weights = mlp.weights();
            }
            ModelSources.Evaluated inputs = ModelSources.inputs(c, seed, batch, model);
            sim = new Simulation(seed, batch, inputs.rows(), model, weights, platform, tiling, sampleRate,
                    inputs.source(), inputs.labels());
        }
        return new RunConfig(sim, decoder, null, outputRoot(c), sweepId(c), json, hash, outputs(c));
    }

    private static String outputRoot(TypedConfig c) {
        return OutputRoot.check(c.string("output.root"));
    }

    private static OutputsSpec outputs(TypedConfig c) {
        return new OutputsSpec(c.bool("output.outputs"), c.integer("output.outputs-top-k"));
    }

    private static String sweepId(TypedConfig c) {
        String sweep = c.string("output.sweep-id");
        return sweep.isEmpty() ? null : SafeName.check("output.sweep-id", sweep);
    }

    private static ModelSpec model(TypedConfig c) {
        int width = c.integer("model.width");
        int in = c.integer("model.input-width");
        int out = c.integer("model.output-width");
        return ModelSpec.mlp(in == 0 ? width : in, width, out == 0 ? width : out, c.integer("model.depth"),
                c.bool("model.bias"), Activation.parse("model.activation", c.string("model.activation")),
                Activation.parse("model.output-activation", c.string("model.output-activation")));
    }

    private static Platform platform(TypedConfig c) {
        String kind = c.string("platform.kind");
        return switch (kind) {
            case "crossbar" -> new CrossbarPlatform(crossbar(c));
            case "digital" -> new DigitalPlatform(new DigitalSpec(c.number("platform.digital.energy-per-mac-joules"),
                    c.number("platform.digital.macs-per-second"), c.integer("platform.digital.weight-bits"),
                    c.number("platform.digital.bit-cell-area-square-meters")));
            case "optical-mvm" -> new OpticalMvmPlatform(OpticalMvmConfig.spec(c));
            default -> throw ConfigException.of("platform.kind", kind,
                    "one of crossbar digital optical-mvm " + GlassVolumeSimulation.KIND);
        };
    }

    private static CrossbarSpec crossbar(TypedConfig c) {
        String p = "platform.crossbar.";
        var variability = new CrossbarSpec.Variability(
                c.choice(p + "variability.model", CrossbarSpec.Variability.Model.class),
                c.number(p + "variability.sigma"));
        var dac = new CrossbarSpec.DacSpec(c.bool(p + "dac.enabled"), c.integer(p + "dac.bits"),
                c.numberOr(p + "dac.range", "calibrated", "calibrated or a number > 0"));
        var wires = new CrossbarSpec.WireSpec(c.choice(p + "wires.model", CrossbarSpec.WireSpec.Model.class),
                c.number(p + "wires.segment-resistance-ohms"));
        var adc = new CrossbarSpec.AdcSpec(c.bool(p + "adc.enabled"), c.integer(p + "adc.bits"),
                c.choice(p + "adc.range", CrossbarSpec.AdcSpec.RangeMode.class), c.number(p + "adc.headroom"));
        String k = p + "cost.";
        var cost = new CrossbarCostSpec(c.number(k + "integration-time-seconds"), c.number(k + "dac-energy-joules"),
                c.number(k + "adc-fom-joules-per-step"), c.number(k + "adc-sample-rate-hertz"),
                c.integer(k + "adcs-per-tile"), c.number(k + "digital-add-energy-joules"),
                c.number(k + "feature-size-meters"), c.number(k + "cell-area-f2"),
                c.number(k + "converter-area-square-meters"));
        return new CrossbarSpec(c.number(p + "g-min-siemens"), c.number(p + "g-max-siemens"),
                c.number(p + "read-voltage-volts"), c.integer(p + "conductance-levels"), variability,
                c.number(p + "stuck-on-rate"), c.number(p + "stuck-off-rate"), c.number(p + "read-noise-sigma"),
                dac, wires, adc, cost);
    }

    private static double positive(TypedConfig c, String key) {
        return org.pfmsim.config.Checks.positive(key, c.number(key));
    }

    private static double nonNegative(TypedConfig c, String key) {
        return org.pfmsim.config.Checks.nonNegative(key, c.number(key));
    }
}
