package org.pfmsim.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pfmsim.checkpoint.DType;
import org.pfmsim.checkpoint.SafetensorsWriter;
import org.pfmsim.forward.DecoderSimulation;
import org.pfmsim.model.Activation;
import org.pfmsim.model.LayerSpec;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.weights.InMemoryTensors;
import org.pfmsim.weights.SyntheticWeights;

/**
 * {@code pfm make-checkpoint PATH [--widths 256,512,512,10] [--dtype F32|F16|BF16] [--seed N]}: writes a
 * sample MLP checkpoint in PyTorch's layout ({@code layers.{i}.weight [out, in]}, {@code layers.{i}.bias
 * [out]}) with the values of the synthetic model of the same widths and seed (He initialization, bias
 * std 0.01: {@link SyntheticWeights}), so a run from it (in F32) equals the synthetic run. For trying
 * {@code model.source = checkpoint} without PyTorch; small models only (tensors are built in memory).
 * With {@code --decoder CONFIG} it writes instead the GPT-2- or Llama-shaped decoder that CONFIG
 * describes with {@code model.source = synthetic-decoder}, under Hugging Face's tensor names, so the same
 * config with {@code model.source = checkpoint} pointed at the file runs the same model.
 */
final class MakeCheckpointCommand implements Command {
    /** Largest sample written, parameters (4 GB of float32 held in memory while writing). */
    static final long MAX_PARAMETERS = 1L << 28;

    @Override
    public String name() {
        return "make-checkpoint";
    }

    @Override
    public String arguments() {
        return "PATH [--widths 256,512,512,10 | --decoder CONFIG] [--dtype F32|F16|BF16] [--seed N]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String path = null;
        int[] widths = {256, 512, 512, 10};
        DType dtype = DType.F32;
        long seed = 1;
        String decoder = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value");
                }
                String v = args.get(++i);
                switch (a) {
                    case "--widths" -> widths = widths(v);
                    case "--dtype" -> dtype = dtype(v);
                    case "--seed" -> seed = number(a, v);
                    case "--decoder" -> decoder = v;
                    default -> throw new UsageException("unknown option " + a);
                }
            } else if (path == null) {
                path = a;
            } else {
                throw new UsageException("one PATH expected, got " + path + " and " + a);
            }
        }
        if (path == null) {
            throw new UsageException("missing PATH");
        }
        if (decoder != null) {
            return writeDecoder(path, decoder, dtype, out);
        }
        ModelSpec model = mlp(widths);
        if (model.parameterCount() > MAX_PARAMETERS) {
            throw new UsageException("--widths " + Arrays.toString(widths) + " make " + model.parameterCount()
                    + " parameters; a sample holds at most " + MAX_PARAMETERS);
        }
        SyntheticWeights synthetic = new SyntheticWeights(seed, model, 1.0, 0.01);
        SafetensorsWriter writer = new SafetensorsWriter().metadata("made-by", "pfm make-checkpoint")
                .metadata("seed", Long.toString(seed));
        for (int l = 0; l < model.depth(); l++) {
            int in = model.layer(l).rows();
            int outWidth = model.layer(l).cols();
            float[] w = new float[in * outWidth];
            synthetic.weights(l, 0, in, 0, outWidth, w);
            float[] pytorch = new float[w.length]; // W[in][out] -> weight[out][in]
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < outWidth; o++) {
                    pytorch[o * in + i] = w[i * outWidth + o];
                }
            }
            float[] b = new float[outWidth];
            synthetic.bias(l, 0, outWidth, b);
            writer.add("layers." + l + ".weight", dtype, new long[] {outWidth, in}, pytorch)
                    .add("layers." + l + ".bias", dtype, new long[] {outWidth}, b);
        }
        writer.write(path);
        out.printf(Locale.ROOT, "wrote %s: %d layers %s, %,d parameters, %s%n", path, model.depth(),
                Arrays.toString(widths), model.parameterCount(), dtype);
        return 0;
    }

    /** Writes every tensor of the synthetic decoder the config describes (its own seed applies). */
    private static int writeDecoder(String path, String config, DType dtype, PrintStream out) {
        RunConfig run = ConfigLoader.load(config, List.of());
        if (!(run.model() instanceof DecoderSimulation decoder) || !(decoder.tensors() instanceof InMemoryTensors tensors)) {
            throw new UsageException("--decoder " + config + ": allowed a config with model.source = synthetic-decoder");
        }
        SafetensorsWriter writer = new SafetensorsWriter().metadata("made-by", "pfm make-checkpoint --decoder")
                .metadata("preset", decoder.spec().preset().configName());
        long parameters = 0;
        for (String name : tensors.names()) {
            long[] shape = tensors.shape(name);
            int rows = shape.length == 2 ? Math.toIntExact(shape[0]) : 1;
            int cols = Math.toIntExact(shape[shape.length - 1]);
            float[] values = new float[rows * cols];
            tensors.read(name, 0, rows, 0, cols, values);
            writer.add(name, dtype, shape, values);
            parameters += values.length;
        }
        writer.write(path);
        out.printf(Locale.ROOT, "wrote %s: %s decoder, %d blocks, %,d parameters, %s%n", path,
                decoder.spec().preset().configName(), decoder.spec().depth(), parameters, dtype);
        return 0;
    }

    /** Layers widths[0] -> widths[1] -> ... with ReLU between them, biases on. */
    private static ModelSpec mlp(int[] widths) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            layers.add(new LayerSpec(l, widths[l], widths[l + 1], true,
                    l + 2 == widths.length ? Activation.IDENTITY : Activation.RELU));
        }
        return new ModelSpec(layers);
    }

    private static int[] widths(String v) {
        try {
            int[] w = Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (w.length >= 2 && Arrays.stream(w).allMatch(x -> x >= 1)) {
                return w;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UsageException("--widths " + v + ": allowed at least two positive integers, comma-separated");
    }

    private static DType dtype(String v) {
        try {
            return DType.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dtype " + v + ": allowed F32 F16 BF16");
        }
    }

    private static long number(String option, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " " + v + ": allowed an integer");
        }
    }
}
