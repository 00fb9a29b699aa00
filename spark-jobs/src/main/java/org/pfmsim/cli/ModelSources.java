package org.pfmsim.cli;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.checkpoint.CheckpointMlp;
import org.pfmsim.checkpoint.MalformedCheckpointException;
import org.pfmsim.checkpoint.SafetensorsSource;
import org.pfmsim.config.ConfigException;
import org.pfmsim.inputs.FileInputs;
import org.pfmsim.inputs.GaussianInputs;
import org.pfmsim.inputs.InputSource;
import org.pfmsim.inputs.NpyFile;
import org.pfmsim.inputs.ParquetInputs;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.weights.TensorWeights;

/**
 * Binds {@code model.source = checkpoint} (model.checkpoint.*) and {@code inputs.*}: the model read from a
 * safetensors checkpoint (its header checked now, so a bad file stops the run before any work), and the
 * input batch generated or read from a file (checked now: shape, width, finiteness).
 */
final class ModelSources {
    private static final String CK = "model.checkpoint.";

    private ModelSources() {
    }

    /** The MLP stack of {@code model.checkpoint.path}, its layers named by pattern or explicitly. */
    static CheckpointMlp checkpoint(TypedConfig c) {
        String path = c.string(CK + "path");
        if (path.isBlank()) {
            throw ConfigException.of(CK + "path", "\"\"", "the checkpoint's local path or Hadoop URI when "
                    + "model.source = checkpoint");
        }
        String preset = c.string(CK + "preset");
        if (!preset.equals("mlp")) {
            throw ConfigException.of(CK + "preset", preset, "mlp");
        }
        SafetensorsSource source;
        try {
            source = SafetensorsSource.open(path);
        } catch (MalformedCheckpointException e) {
            throw new ConfigException(CK + "path: " + e.getMessage());
        }
        List<String> weights = c.strings(CK + "weights");
        List<String> biases = c.strings(CK + "biases");
        List<TensorWeights.Linear> layers;
        String key;
        if (weights.isEmpty()) {
            if (!biases.isEmpty()) {
                throw ConfigException.of(CK + "biases", biases, "empty unless model.checkpoint.weights names the layers");
            }
            key = CK + "weight-pattern";
            layers = CheckpointMlp.byPattern(source, path, key, c.string(key), CK + "bias-pattern",
                    c.string(CK + "bias-pattern"));
        } else {
            key = CK + "weights";
            if (!biases.isEmpty() && biases.size() != weights.size()) {
                throw ConfigException.of(CK + "biases", biases, "one name per weight (\"\" for no bias) or none at all; "
                        + weights.size() + " weights are named");
            }
            layers = new ArrayList<>();
            for (int l = 0; l < weights.size(); l++) {
                String bias = biases.isEmpty() || biases.get(l).isEmpty() ? null : biases.get(l);
                layers.add(new TensorWeights.Linear(weights.get(l), bias));
            }
        }
        return CheckpointMlp.of(source, path, key, layers,
                Activation.parse("model.activation", c.string("model.activation")),
                Activation.parse("model.output-activation", c.string("model.output-activation")));
    }

    /** The input batch: {@code inputs.source} synthetic, npy or parquet, checked against the model. */
    static InputSource inputs(TypedConfig c, long seed, int batch, ModelSpec model) {
        String source = c.string("inputs.source");
        String path = c.string("inputs.path");
        if (!source.equals("synthetic") && path.isBlank()) {
            throw ConfigException.of("inputs.path", "\"\"", "the input file's local path or Hadoop URI when "
                    + "inputs.source = " + source);
        }
        FileInputs inputs = switch (source) {
            case "synthetic" -> null;
            case "npy" -> NpyFile.features("inputs.path", path, batch);
            case "parquet" -> ParquetInputs.features("inputs.path", path, c.string("inputs.column"), batch);
            default -> throw ConfigException.of("inputs.source", source, "one of synthetic npy parquet");
        };
        if (inputs == null) {
            return new GaussianInputs(seed);
        }
        inputs.batch(batch, model.inputWidth()); // refuses a width or row count that does not fit, now
        return inputs;
    }
}
