package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.checkpoint.DType;
import org.pfmsim.checkpoint.SafetensorsWriter;
import org.pfmsim.config.ConfigException;
import org.pfmsim.forward.ForwardPass;
import org.pfmsim.forward.LayerOutcome;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.spark.SparkStageExecutor;

/**
 * An MLP read from a safetensors checkpoint (one layer per dtype) on npy inputs, bound from config as
 * {@code pfm run} binds it, against a float64 reference computed here with plain loops over the values the
 * test wrote; independent of the partition count; and end to end through {@code pfm run}.
 */
class CheckpointRunTest {
    /** Ragged widths (no multiple of the 16 x 8 tiles): 37 -> 29 -> 23 -> 11. */
    private static final int[] WIDTHS = {37, 29, 23, 11};
    private static final DType[] DTYPES = {DType.F32, DType.F16, DType.BF16};
    private static final int BATCH = 5;

    @TempDir
    static Path dir;

    private static double[][] weights; // [layer][out * in + i], PyTorch order
    private static double[][] biases;
    private static double[] inputs; // BATCH x WIDTHS[0]

    @BeforeAll
    static void setUp() throws IOException {
        weights = new double[3][];
        biases = new double[3][];
        SafetensorsWriter writer = new SafetensorsWriter();
        for (int l = 0; l < 3; l++) {
            int in = WIDTHS[l];
            int out = WIDTHS[l + 1];
            weights[l] = new double[out * in];
            biases[l] = new double[out];
            for (int k = 0; k < weights[l].length; k++) {
                weights[l][k] = ((k * 7 + l * 3) % 33 - 16) / 64.0; // k/64, |k| <= 16: exact in F32, F16, BF16
            }
            for (int o = 0; o < out; o++) {
                biases[l][o] = (o % 5 - 2) / 8.0;
            }
            writer.add("layers." + l + ".weight", DTYPES[l], new long[] {out, in}, floats(weights[l]))
                    .add("layers." + l + ".bias", DTYPES[l], new long[] {out}, floats(biases[l]));
        }
        writer.write(dir.resolve("mlp.safetensors").toString());
        inputs = new double[(BATCH + 2) * WIDTHS[0]]; // two rows more than the batch: inputs.rows takes the first 5
        for (int k = 0; k < inputs.length; k++) {
            inputs[k] = Math.sin(0.37 * k + 0.1);
        }
        writeNpyFloat64(dir.resolve("inputs.npy"), BATCH + 2, WIDTHS[0], inputs);
    }

    /** A local session; {@code pfm run} stops the session it used, so each test gets (or makes) its own. */
    private static SparkSession spark() {
        return SparkSession.builder().config(SparkSessions.conf("checkpoint-run-test").setMaster("local[2]"))
                .getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        spark().stop();
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return f;
    }

    /** A float64 .npy file [rows, cols]; see {@link #writeNpy}. */
    static void writeNpyFloat64(Path file, int rows, int cols, double[] values) throws IOException {
        writeNpy(file, "<f8", rows, cols, values.length, b -> {
            for (double v : values) {
                b.putDouble(v);
            }
        });
    }

    /**
     * A .npy file (format 1.0) of 8-byte little-endian items, built from the NumPy format description:
     * {@code descr} names the item type, {@code data} puts the {@code count} items.
     */
    static void writeNpy(Path file, String descr, int rows, int cols, int count,
                         java.util.function.Consumer<ByteBuffer> data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * count).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII));
        data.accept(b);
        Files.write(file, b.array());
    }

    private static String config(int partitions) {
        return String.join("\n",
                "batch.size = " + BATCH,
                "model { source = checkpoint, checkpoint.path = \"" + dir.resolve("mlp.safetensors") + "\"",
                "        activation = tanh, output-activation = identity }",
                "inputs { source = npy, rows = " + BATCH + ", path = \"" + dir.resolve("inputs.npy") + "\" }",
                "platform.kind = digital",
                "tiling { tile-rows = 8, tile-cols = 8, row-tiles-per-unit = 2, partitions = " + partitions + " }",
                "output.root = \"" + dir.resolve("results") + "\"",
                "");
    }

    /** y = tanh(x W^T + b) for hidden layers, identity for the last, in float64. */
    private static double[] reference() {
        double[] x = java.util.Arrays.copyOf(inputs, BATCH * WIDTHS[0]);
        for (int l = 0; l < 3; l++) {
            int in = WIDTHS[l];
            int out = WIDTHS[l + 1];
            double[] y = new double[BATCH * out];
            for (int s = 0; s < BATCH; s++) {
                for (int o = 0; o < out; o++) {
                    double sum = biases[l][o];
                    for (int i = 0; i < in; i++) {
                        sum += x[s * in + i] * weights[l][o * in + i];
                    }
                    y[s * out + o] = l < 2 ? Math.tanh(sum) : sum;
                }
            }
            x = y;
        }
        return x;
    }

    @Test
    void checkpointMlpMatchesTheFloat64ReferenceAndDoesNotDependOnThePartitionCount() {
        double[] expected = reference();
        double norm = 0;
        for (double v : expected) {
            norm = Math.max(norm, Math.abs(v));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        List<LayerOutcome> first = null;
        for (int partitions : new int[] {1, 4}) {
            RunConfig run = ConfigLoader.resolve(ConfigFactory.parseString(config(partitions)), List.of());
            assertEquals(List.of(37, 29, 23), run.simulation().model().layers().stream().map(l -> l.rows()).toList());
            List<LayerOutcome> layers = ForwardPass.run(run.simulation(), new SparkStageExecutor(jsc), partitions,
                    (o, n) -> { });
            float[] y = layers.get(2).physical();
            assertEquals(expected.length, y.length);
            for (int k = 0; k < y.length; k++) {
                assertEquals(expected[k], y[k], 1e-5 * norm, "output " + k + " with " + partitions + " partitions");
            }
            if (first == null) {
                first = layers;
            } else {
                for (int l = 0; l < 3; l++) {
                    assertArrayEquals(first.get(l).physical(), layers.get(l).physical(), "layer " + l + " bit-identical");
                }
            }
        }
    }

    @Test
    void pfmRunOfACheckpointWritesTheSameTables() throws IOException {
        Path conf = Files.writeString(dir.resolve("run.conf"), config(3));
        PfmCli.Result r = PfmCli.run("run", conf.toString());
        assertEquals(0, r.status(), r.err());
        ResultStore store = new ResultStore(spark(), dir.resolve("results").toString());
        Row run = store.read("runs").collectAsList().get(0);
        assertEquals(37L * 29 + 29 + 29L * 23 + 23 + 23L * 11 + 11, (long) run.getAs("parameters"));
        assertEquals("digital", run.getAs("platform"));
        List<Row> layers = store.read("layers").orderBy("layer").collectAsList();
        assertEquals(3, layers.size());
        for (int l = 0; l < 3; l++) {
            assertEquals(WIDTHS[l], (long) layers.get(l).getAs("rows"));
            assertEquals(WIDTHS[l + 1], (long) layers.get(l).getAs("cols"));
            assertEquals(0.0, (double) layers.get(l).getAs("rel_error_chain"), 1e-6, "digital is exact");
        }
    }

    @Test
    void layersThatDoNotChainAreRefusedNamingBothTensors() {
        String file = dir.resolve("broken.safetensors").toString();
        new SafetensorsWriter().add("layers.0.weight", DType.F32, new long[] {6, 4}, new float[24])
                .add("layers.1.weight", DType.F32, new long[] {3, 5}, new float[15]).write(file);
        String config = "model { source = checkpoint, checkpoint { path = \"" + file + "\", bias-pattern = \"\" } }\n"
                + "tiling { tile-rows = 2, tile-cols = 2 }";
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.resolve(ConfigFactory.parseString(config), List.of()));
        assertEquals("model.checkpoint.weight-pattern: tensor layers.1.weight [3, 5] takes 5 inputs but "
                + "layers.0.weight [6, 4] gives 6 outputs", e.getMessage());
    }

    @Test
    void nanInputsAreRefusedNamingRowAndColumnBeforeAnyWork() throws IOException {
        double[] bad = inputs.clone();
        bad[2 * WIDTHS[0] + 7] = Double.NaN;
        Path file = dir.resolve("nan.npy");
        writeNpyFloat64(file, BATCH + 2, WIDTHS[0], bad);
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.resolve(ConfigFactory.parseString(config(1)), List.of("inputs.path=" + file)));
        assertEquals("inputs.path = " + file + ": allowed finite inputs (row 2, column 7 is NaN)", e.getMessage());
    }
}
