package org.pfmsim.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pfmsim.checkpoint.HfArchitecture;
import org.pfmsim.checkpoint.MalformedCheckpointException;
import org.pfmsim.checkpoint.ModelDirectory;
import org.pfmsim.checkpoint.ShardedSafetensors;
import org.pfmsim.checkpoint.SafetensorsSource;
import org.pfmsim.checkpoint.TensorEntry;
import org.pfmsim.config.ConfigException;

/**
 * {@code pfm inspect CHECKPOINT}: what a safetensors checkpoint holds (tensor names, dtypes, shapes,
 * parameter counts and their total), read from its header alone; for a Hugging Face model directory (or a
 * sharded index) also the architecture its config.json states and the shard of every tensor. A missing or
 * malformed file is bad input: one line, exit status 2.
 */
final class InspectCommand implements Command {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String arguments() {
        return "CHECKPOINT";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new UsageException(args.isEmpty() ? "missing CHECKPOINT" : "one CHECKPOINT expected, got " + args);
        }
        ModelDirectory model;
        try {
            model = ModelDirectory.open(args.get(0));
        } catch (MalformedCheckpointException e) {
            throw new ConfigException(e.getMessage());
        }
        if (model.architecture() == null && model.tensors() instanceof SafetensorsSource file) {
            print(file, out);
        } else {
            print(model, out);
        }
        return 0;
    }

    /** A model directory or sharded index: the architecture, then every tensor with its shard file. */
    static void print(ModelDirectory model, PrintStream out) {
        HfArchitecture a = model.architecture();
        if (a != null) {
            out.printf(Locale.ROOT, "model %s: model_type %s (preset %s), heads %d, kv heads %d, norm eps %s, "
                    + "rope theta %s, tied embeddings %s%s%n", model.location(), a.modelType(), a.preset().configName(),
                    a.heads(), a.kvHeads(), a.normEps(), a.ropeTheta(), a.tiedEmbeddings(),
                    a.slidingWindow() > 0 ? ", sliding window " + a.slidingWindow() : "");
        }
        List<String> names = model.tensors().names();
        int nameWidth = "tensor".length();
        int shapeWidth = "shape".length();
        long total = 0;
        List<TensorEntry> entries = new java.util.ArrayList<>();
        List<String> shards = new java.util.ArrayList<>();
        for (String name : names) {
            TensorEntry t;
            String shard;
            if (model.tensors() instanceof ShardedSafetensors sharded) {
                t = sharded.tensor(name);
                shard = sharded.shardOf(name);
            } else {
                SafetensorsSource file = (SafetensorsSource) model.tensors();
                t = file.tensor(name);
                shard = ModelDirectory.SINGLE;
            }
            entries.add(t);
            shards.add(shard);
            nameWidth = Math.max(nameWidth, name.length());
            shapeWidth = Math.max(shapeWidth, t.shapeText().length());
            total += t.elementCount();
        }
        out.printf(Locale.ROOT, "%d tensors, %,d parameters, in %d file%s%n", entries.size(), total,
                shards.stream().distinct().count(), shards.stream().distinct().count() == 1 ? "" : "s");
        String row = "%-" + nameWidth + "s  %-5s  %-" + shapeWidth + "s  %,15d  %s%n";
        out.printf(Locale.ROOT, "%-" + nameWidth + "s  %-5s  %-" + shapeWidth + "s  %15s  %s%n", "tensor", "dtype",
                "shape", "parameters", "shard");
        for (int i = 0; i < entries.size(); i++) {
            TensorEntry t = entries.get(i);
            out.printf(Locale.ROOT, row, t.name(), t.dtype(), t.shapeText(), t.elementCount(), shards.get(i));
        }
        out.printf(Locale.ROOT, "%-" + (nameWidth + shapeWidth + 9) + "s  %,15d%n", "total", total);
    }

    static void print(SafetensorsSource checkpoint, PrintStream out) {
        List<TensorEntry> tensors = checkpoint.header().tensors();
        int nameWidth = "tensor".length();
        int shapeWidth = "shape".length();
        long total = 0;
        for (TensorEntry t : tensors) {
            nameWidth = Math.max(nameWidth, t.name().length());
            shapeWidth = Math.max(shapeWidth, t.shapeText().length());
            total += t.elementCount();
        }
        out.printf(Locale.ROOT, "checkpoint %s: %d tensors, %,d parameters, %,d bytes of data%n",
                checkpoint.location(), tensors.size(), total, checkpoint.header().dataLength());
        for (Map.Entry<String, String> m : checkpoint.header().metadata().entrySet()) {
            out.printf(Locale.ROOT, "metadata %s = %s%n", m.getKey(), m.getValue());
        }
        String row = "%-" + nameWidth + "s  %-5s  %-" + shapeWidth + "s  %,15d%n";
        out.printf(Locale.ROOT, "%-" + nameWidth + "s  %-5s  %-" + shapeWidth + "s  %15s%n", "tensor", "dtype", "shape",
                "parameters");
        for (TensorEntry t : tensors) {
            out.printf(Locale.ROOT, row, t.name(), t.dtype(), t.shapeText(), t.elementCount());
        }
        out.printf(Locale.ROOT, "%-" + (nameWidth + shapeWidth + 9) + "s  %,15d%n", "total", total);
    }
}
