package org.pfmsim.cli;

import java.util.List;
import org.pfmsim.checkpoint.CheckpointMlp;
import org.pfmsim.checkpoint.ModelDirectory;
import org.pfmsim.compensation.CompensatedPlatform;
import org.pfmsim.compensation.CompensationSpec;
import org.pfmsim.compensation.CorrectionKind;
import org.pfmsim.config.ConfigException;
import org.pfmsim.forward.RunModel;
import org.pfmsim.forward.Simulation;
import org.pfmsim.forward.StagedRun;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.placement.Placement;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.platform.Media;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.StagedMedium;
import org.pfmsim.platform.TileMedium;
import org.pfmsim.results.OutputsSpec;
import org.pfmsim.weights.SyntheticWeights;
import org.pfmsim.weights.WeightSource;

/** Maps config keys onto the modules' spec records (which check ranges and name the key on failure). */
final class ConfigBinder {
    private ConfigBinder() {
    }

    static RunConfig bind(TypedConfig c, String json, String hash) {
        // A medium that is not a grid of matrix tiles binds its whole model, which runs its own stages.
        if (Media.of(c.string("platform.kind")) instanceof StagedMedium staged) {
            if (c.bool("output.outputs")) {
                throw ConfigException.of("output.outputs", true, "false for platform.kind = "
                        + c.string("platform.kind") + " (its model has no class outputs)");
            }
            if (CompensationSpec.bind(c).characterizes()) {
                throw ConfigException.of("compensation.kind", c.string("compensation.kind"), "none for platform.kind = "
                        + c.string("platform.kind") + " (its model is not a grid of matrix tiles)");
            }
            return new RunConfig(new StagedRun(staged.bind(c)), outputRoot(c), sweepId(c), json, hash, outputs(c));
        }
        long seed = c.longInteger("seed");
        int batch = c.integer("batch.size");
        String source = c.string("model.source");
        if (!List.of("synthetic", "checkpoint", "synthetic-decoder").contains(source)) {
            throw ConfigException.of("model.source", source, "one of synthetic checkpoint synthetic-decoder");
        }
        TilingSpec tiling = new TilingSpec(c.integer("tiling.tile-rows"), c.integer("tiling.tile-cols"),
                c.integer("tiling.row-tiles-per-unit"), c.choice("tiling.placement", Placement.class),
                c.integer("tiling.partitions"));
        Platform platform = compensated(c, platform(c, tiling), tiling);
        double sampleRate = c.number("output.tile-sample-rate");
        RunModel model;
        ModelDirectory checkpoint = source.equals("checkpoint") ? ModelSources.open(c) : null;
        if (source.equals("synthetic-decoder")) {
            model = DecoderConfig.synthetic(c, seed, batch, platform, tiling, sampleRate);
        } else if (checkpoint != null && (checkpoint.architecture() != null
                || !c.string("model.checkpoint.preset").equals("mlp"))) {
            // A config.json states a decoder's architecture; without one, the preset names it.
            model = DecoderConfig.checkpoint(c, checkpoint, seed, batch, platform, tiling, sampleRate);
        } else {
            ModelSpec mlp;
            WeightSource weights;
            if (source.equals("synthetic")) {
                mlp = model(c);
                weights = new SyntheticWeights(seed, mlp, positive(c, "model.init-gain"),
                        nonNegative(c, "model.bias-std"));
            } else {
                CheckpointMlp stack = ModelSources.checkpoint(c, checkpoint);
                mlp = stack.model();
                weights = stack.weights();
            }
            ModelSources.Evaluated inputs = ModelSources.inputs(c, seed, batch, mlp);
            model = new Simulation(seed, batch, inputs.rows(), mlp, weights, platform, tiling, sampleRate,
                    inputs.source(), inputs.labels());
        }
        return new RunConfig(model, outputRoot(c), sweepId(c), json, hash, outputs(c));
    }

    /**
     * The platform with its per-tile tunable correction in the digital periphery ({@code compensation.*}), or as
     * fabricated. The characterization age may not come after the evaluation age, and the rank-r layer update
     * is not run yet (refused rather than ignored).
     */
    private static Platform compensated(TypedConfig c, Platform platform, TilingSpec tiling) {
        CompensationSpec spec = CompensationSpec.bind(c);
        if (!spec.characterizes()) {
            return platform;
        }
        spec.checkAgainst(Math.min(tiling.tileRows(), tiling.tileCols()), platform.ageSeconds());
        if (spec.kind() == CorrectionKind.LOW_RANK) {
            throw ConfigException.of("compensation.kind", "low-rank", "none, global-gain, column-gain or "
                    + "column-affine in a run (the rank-r layer update is fitted by the compensation kernels but not "
                    + "yet applied in runs)");
        }
        return new CompensatedPlatform(platform, spec);
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

    /**
     * The platform of a matrix model: the registered medium of {@code platform.kind} binds its own keys
     * (the engine names no medium).
     */
    private static Platform platform(TypedConfig c, TilingSpec tiling) {
        return ((TileMedium) Media.of(c.string("platform.kind"))).bind(c, tiling.tileRows(), tiling.tileCols());
    }

    private static double positive(TypedConfig c, String key) {
        return org.pfmsim.config.Checks.positive(key, c.number(key));
    }

    private static double nonNegative(TypedConfig c, String key) {
        return org.pfmsim.config.Checks.nonNegative(key, c.number(key));
    }
}
