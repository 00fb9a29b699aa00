package org.pfmsim.cli;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.checkpoint.CheckpointMlp;
import org.pfmsim.checkpoint.MalformedCheckpointException;
import org.pfmsim.checkpoint.ModelDirectory;
import org.pfmsim.config.ConfigException;
import org.pfmsim.decoder.TokenBatch;
import org.pfmsim.inputs.ClassLabels;
import org.pfmsim.inputs.FileInputs;
import org.pfmsim.inputs.GaussianInputs;
import org.pfmsim.inputs.InputRowCount;
import org.pfmsim.inputs.InputSource;
import org.pfmsim.inputs.NpyFile;
import org.pfmsim.inputs.ParquetInputs;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.weights.TensorSource;
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

    /**
     * The checkpoint at {@code model.checkpoint.path}, every header read and checked: a safetensors file,
     * a Hugging Face model directory (config.json with model.safetensors or a sharded index), or an index.
     */
    static ModelDirectory open(TypedConfig c) {
        String path = c.string(CK + "path");
        if (path.isBlank()) {
            throw ConfigException.of(CK + "path", "\"\"", "the checkpoint's local path or Hadoop URI when "
                    + "model.source = checkpoint");
        }
        try {
            return ModelDirectory.open(path);
        } catch (MalformedCheckpointException e) {
            throw new ConfigException(CK + "path: " + e.getMessage());
        }
    }

    /**
     * What a run that failed while reading the checkpoint reports: a {@link MalformedCheckpointException}
     * anywhere in the cause chain (a non-finite weight, or a file cut short after its header was read, found
     * by a task and carried back as the cause of Spark's job failure) becomes the same one-line config error as
     * a bad header found before the run (exit status 2). Null for any other failure.
     */
    static ConfigException checkpointFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MalformedCheckpointException bad) {
                return new ConfigException(CK + "path: " + bad.getMessage());
            }
        }
        return null;
    }

    /** The MLP stack of the checkpoint, its layers named by pattern or explicitly. */
    static CheckpointMlp checkpoint(TypedConfig c, ModelDirectory checkpoint) {
        String path = c.string(CK + "path");
        TensorSource source = checkpoint.tensors();
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

    /**
     * The inputs a classifier or MLP stack evaluates: their source, how many rows, and their class ids when
     * {@code inputs.labels-path} names them (else null).
     */
    record Evaluated(InputSource source, int rows, int[] labels) {
    }

    /**
     * The evaluated inputs: {@code inputs.source} synthetic, npy or parquet, {@link #rows inputs.rows} of
     * them, checked against the model (width, finiteness) and their labels against its output width.
     */
    static Evaluated inputs(TypedConfig c, long seed, int batch, ModelSpec model) {
        String source = inputSource(c);
        String path = c.string("inputs.path");
        long fileRows = source.equals("synthetic") ? 0 : InputRowCount.of("inputs.path", source, path);
        int rows = rows(c, batch, source, path, fileRows);
        InputSource inputs = switch (source) {
            case "npy" -> NpyFile.features("inputs.path", path, rows);
            case "parquet" -> ParquetInputs.features("inputs.path", path, c.string("inputs.column"), rows);
            default -> new GaussianInputs(seed);
        };
        if (inputs instanceof FileInputs file) {
            file.batch(rows, model.inputWidth()); // refuses a width or row count that does not fit, now
        }
        String labelsPath = c.string("inputs.labels-path");
        int[] labels = labelsPath.isBlank() ? null : ClassLabels.read(labelsPath, c.string("inputs.labels-column"),
                source.equals("synthetic") ? rows : fileRows, model.outputWidth(), rows);
        return new Evaluated(inputs, rows, labels);
    }

    /**
     * How many rows (decoders: sequences) a run evaluates, {@code inputs.rows}: 0 = every row of the file
     * (synthetic inputs: one micro-batch, {@code batch.size}); else that many, which a file must hold.
     *
     * @param fileRows rows the input file holds (ignored for synthetic inputs)
     */
    static int rows(TypedConfig c, int batch, String source, String path, long fileRows) {
        int rows = c.integer("inputs.rows");
        if (rows < 0) {
            throw ConfigException.of("inputs.rows", rows, "0 (every row of the file) or a row count >= 1");
        }
        if (source.equals("synthetic")) {
            return rows == 0 ? batch : rows;
        }
        if (fileRows == 0) {
            throw ConfigException.of("inputs.path", path, "a file with at least one row");
        }
        if (rows > fileRows) {
            throw ConfigException.of("inputs.rows", rows, "at most the " + fileRows + " rows of " + path);
        }
        if (rows == 0 && fileRows > Integer.MAX_VALUE) {
            throw ConfigException.of("inputs.rows", 0, "a row count of at most " + Integer.MAX_VALUE + " ("
                    + path + " holds " + fileRows + " rows)");
        }
        return rows == 0 ? (int) fileRows : rows;
    }

    /** {@code inputs.source}, checked: one of synthetic npy parquet, a file source with its {@code inputs.path}. */
    private static String inputSource(TypedConfig c) {
        String source = c.string("inputs.source");
        if (!source.equals("synthetic") && c.string("inputs.path").isBlank()) {
            throw ConfigException.of("inputs.path", "\"\"", "the input file's local path or Hadoop URI when "
                    + "inputs.source = " + source);
        }
        if (!List.of("synthetic", "npy", "parquet").contains(source)) {
            throw ConfigException.of("inputs.source", source, "one of synthetic npy parquet");
        }
        return source;
    }

    /**
     * The token ids of a decoder run: synthetic (uniform over the vocabulary), or the first
     * {@link #rows inputs.rows} rows of {@code length} ids from an npy array [rows, length] or a Parquet array
     * column; next-token labels.
     */
    static TokenBatch tokens(TypedConfig c, long seed, int micro, int length, int vocab) {
        String source = inputSource(c);
        String path = c.string("inputs.path");
        int batch = rows(c, micro, source, path,
                source.equals("synthetic") ? 0 : InputRowCount.of("inputs.path", source, path));
        int[] ids = ids(c, seed, batch, length, vocab);
        String labelsPath = c.string("inputs.labels-path");
        if (labelsPath.isBlank()) {
            return TokenBatch.withNextTokenLabels(batch, length, ids);
        }
        return new TokenBatch(batch, length, ids, labels(labelsPath, batch, length, vocab));
    }

    /** The ids of {@link #tokens}: synthetic, or the first {@code batch} sequences of an npy or Parquet file. */
    private static int[] ids(TypedConfig c, long seed, int batch, int length, int vocab) {
        String source = c.string("inputs.source");
        String path = c.string("inputs.path");
        List<long[]> rows = new ArrayList<>();
        switch (source) {
            case "synthetic" -> {
                return TokenBatch.synthetic(seed, batch, length, vocab).ids();
            }
            case "npy" -> {
                NpyFile.Header h = NpyFile.header("inputs.path", path);
                if (h.shape().length != 2 || h.shape()[1] != length) {
                    throw ConfigException.of("inputs.path", path, "token ids of shape [sequences, "
                            + length + "] (model.decoder.sequence-length); the file holds "
                            + java.util.Arrays.toString(h.shape()));
                }
                long[] flat = NpyFile.ids("inputs.path", path, h, batch);
                for (int r = 0; r < flat.length / length; r++) {
                    rows.add(java.util.Arrays.copyOfRange(flat, r * length, (r + 1) * length));
                }
            }
            case "parquet" -> rows.addAll(ParquetInputs.ids("inputs.path", path, c.string("inputs.column"), batch));
            default -> throw ConfigException.of("inputs.source", source, "one of synthetic npy parquet");
        }
        if (rows.size() < batch) {
            throw ConfigException.of("inputs.path", path, "at least inputs.rows = " + batch + " sequences; it "
                    + "holds " + rows.size());
        }
        int[] ids = new int[Math.multiplyExact(batch, length)];
        for (int s = 0; s < batch; s++) {
            long[] row = rows.get(s);
            if (row.length != length) {
                throw ConfigException.of("inputs.path", path, "sequences of " + length
                        + " ids (model.decoder.sequence-length); sequence " + s + " has " + row.length);
            }
            for (int t = 0; t < length; t++) {
                if (row[t] < 0 || row[t] >= vocab) {
                    throw ConfigException.of("inputs.path", path, "ids in [0, " + vocab + ") (the vocabulary); "
                            + "sequence " + s + " position " + t + " holds " + row[t]);
                }
                ids[s * length + t] = (int) row[t];
            }
        }
        return ids;
    }

    /**
     * Labels from an npy array [sequences, length] of int32/int64: the token each position should predict,
     * or -1 for a position without a label.
     */
    private static int[] labels(String path, int batch, int length, int vocab) {
        String key = "inputs.labels-path";
        NpyFile.Header h = NpyFile.header(key, path);
        if (h.shape().length != 2 || h.shape()[1] != length || h.shape()[0] < batch) {
            throw ConfigException.of(key, path, "labels of shape [at least inputs.rows = " + batch + ", " + length
                    + " (model.decoder.sequence-length)]; the file holds " + java.util.Arrays.toString(h.shape()));
        }
        long[] flat = NpyFile.ids(key, path, h, batch);
        int[] labels = new int[flat.length];
        for (int k = 0; k < flat.length; k++) {
            if (flat[k] < TokenBatch.NO_LABEL || flat[k] >= vocab) {
                throw ConfigException.of(key, path, "labels in [0, " + vocab + ") or -1 for none; sequence "
                        + k / length + " position " + k % length + " holds " + flat[k]);
            }
            labels[k] = (int) flat[k];
        }
        return labels;
    }
}
