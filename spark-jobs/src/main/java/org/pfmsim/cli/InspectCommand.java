package org.pfmsim.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pfmsim.checkpoint.MalformedCheckpointException;
import org.pfmsim.checkpoint.SafetensorsSource;
import org.pfmsim.checkpoint.TensorEntry;
import org.pfmsim.config.ConfigException;

/**
 * {@code pfm inspect CHECKPOINT}: what a safetensors checkpoint holds (tensor names, dtypes, shapes,
 * parameter counts and their total), read from its header alone. A missing or malformed file is bad
 * input: one line, exit status 2.
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
        SafetensorsSource checkpoint;
        try {
            checkpoint = SafetensorsSource.open(args.get(0));
        } catch (MalformedCheckpointException e) {
            throw new ConfigException(e.getMessage());
        }
        print(checkpoint, out);
        return 0;
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
