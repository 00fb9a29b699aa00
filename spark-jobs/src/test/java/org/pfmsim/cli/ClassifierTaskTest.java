package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.config.ConfigException;
import org.pfmsim.inputs.ClassLabels;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;

/**
 * An MLP classifier given labels ({@code inputs.labels-path}): the trained digits fixture
 * (scripts/fixtures/digits_classifier.py) over its whole 540-row test set in micro-batches of 64 (540 is
 * not a multiple), its {@code accuracy_digital} against the script's independent float64 computation, and
 * labels files that do not fit refused naming the file and the row.
 */
class ClassifierTaskTest {
    private static final int ROWS = 540;
    private static final int CLASSES = 10;

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(ClassifierTaskTest.class.getResource("/digits/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digits classifier on a crossbar over every test row, micro-batches of 64. */
    static String config(Path root) {
        return String.join("\n", "seed = 5", "batch.size = 64",
                "model { source = checkpoint, checkpoint.path = \"" + fixture("model.safetensors") + "\",",
                "  activation = relu }",
                "inputs { source = npy, path = \"" + fixture("test-x.npy") + "\",",
                "  labels-path = \"" + fixture("test-y.npy") + "\" }",
                "platform.kind = crossbar",
                "tiling { tile-rows = 32, tile-cols = 10, partitions = 2 }",
                "output.root = \"" + root + "\"", "");
    }

    /** What the fixture script computed in float64: correct predictions of the 540 test rows. */
    static int correctFloat64() throws IOException {
        Matcher m = Pattern.compile("\"correct_float64\":\\s*(\\d+)").matcher(Files.readString(fixture("expected.json")));
        assertTrue(m.find(), "expected.json names correct_float64");
        return Integer.parseInt(m.group(1));
    }

    @Test
    void trainedClassifierAccuracyDigitalEqualsTheIndependentFloat64ComputationOverEveryRow() throws IOException {
        Path conf = dir.resolve("digits.conf");
        Files.writeString(conf, config(dir.resolve("out")) + "output.outputs = true\n");
        String out = PfmCli.succeed("run", conf.toString());
        assertTrue(out.contains("task (540 positions, 540 labelled): accuracy "), out);
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("classifier-task")).getOrCreate();
        try {
            List<Row> runs = new ResultStore(spark, dir.resolve("out").toString()).read("runs").collectAsList();
            assertEquals(1, runs.size());
            Row run = runs.get(0);
            assertEquals(ROWS, (long) run.<Long>getAs("rows"), "every row of the file");
            assertEquals(64, (int) run.<Integer>getAs("batch"));
            assertEquals((double) correctFloat64() / ROWS, (double) run.<Double>getAs("accuracy_digital"), 0.0);
            double accuracy = run.getAs("accuracy");
            assertTrue(accuracy > 0.5 && accuracy <= 1, "a crossbar keeps most of a trained classifier: " + accuracy);
            double agreement = run.getAs("top1_agreement");
            assertTrue(agreement > 0.5 && agreement <= 1, "top-1 agreement " + agreement);
            assertTrue(run.<Double>getAs("kl_divergence") >= 0);
            double ce = run.getAs("cross_entropy_digital");
            assertEquals(Math.exp(ce), run.<Double>getAs("perplexity_digital"), 1e-12 * Math.exp(ce));
            assertNotNull(run.getAs("cross_entropy"));
            assertEquals(ROWS, (long) run.<Long>getAs("labelled"));

            // The outputs table: one row per evaluated sample, in file order, with both chains' scores.
            List<Row> outputs = new ResultStore(spark, dir.resolve("out").toString()).read("outputs")
                    .orderBy("sample").collectAsList();
            assertEquals(ROWS, outputs.size(), "one row per row evaluated");
            long[] labels = readInt64(fixture("test-y.npy"));
            int digitalCorrect = 0;
            int physicalCorrect = 0;
            for (int r = 0; r < ROWS; r++) {
                Row o = outputs.get(r);
                assertEquals(r, (long) o.<Long>getAs("sample"));
                assertEquals(0, (int) o.<Integer>getAs("position"));
                assertEquals(labels[r], (long) o.<Integer>getAs("label"));
                List<Float> digital = o.getList(o.fieldIndex("digital"));
                assertEquals(CLASSES, digital.size(), "every class's score");
                assertEquals(CLASSES, o.getList(o.fieldIndex("physical")).size());
                assertTrue(o.isNullAt(o.fieldIndex("digital_classes")), "all classes kept: no class list");
                int top = 0;
                for (int c = 1; c < CLASSES; c++) {
                    top = digital.get(c) > digital.get(top) ? c : top;
                }
                assertEquals(top, (int) o.<Integer>getAs("digital_top1"));
                digitalCorrect += top == labels[r] ? 1 : 0;
                physicalCorrect += o.<Integer>getAs("physical_top1") == labels[r] ? 1 : 0;
            }
            assertEquals(correctFloat64(), digitalCorrect, "the table's digital outputs give the float64 accuracy");
            assertEquals(accuracy, (double) physicalCorrect / ROWS, 0.0, "and its physical ones the run's accuracy");
        } finally {
            spark.stop();
        }
    }

    /**
     * The published curve's two ends (ONN-QAT-SQL, see conf/sweep-digits-photons.conf): with shot noise the
     * only non-ideality, the classifier is near chance at 0.01 photons per MAC and within two points of the
     * digital model at 1000.
     */
    @Test
    void shotNoiseOnlyAccuracyIsNearChanceAtFewPhotonsAndNearsTheDigitalModelAtMany() {
        double[] accuracy = new double[2];
        double digital = 0;
        double[] photons = {0.01, 1000};
        for (int i = 0; i < 2; i++) {
            String config = config(dir.resolve("unused")).replace("platform.kind = crossbar", String.join("\n",
                    "platform.kind = optical-mvm",
                    "platform.optical-mvm { photons-per-mac = " + photons[i] + ", fabrication-sigma = 0, loss-db = 0,",
                    "  crosstalk = 0, detector { dark-counts = 0, read-noise-electrons = 0 }, dac.enabled = false,",
                    "  adc.enabled = false }"));
            RunConfig run = ConfigLoader.resolve(com.typesafe.config.ConfigFactory.parseString(config), List.of());
            List<org.pfmsim.forward.LayerOutcome> layers = org.pfmsim.forward.ForwardPass.run(run.simulation(),
                    new org.pfmsim.stage.LocalStageExecutor(), 1, (o, n) -> { });
            org.pfmsim.forward.LayerOutcome last = layers.get(layers.size() - 1);
            org.pfmsim.task.TaskMetrics m = org.pfmsim.task.TaskMetrics.of(last.ideal(), last.physical(), CLASSES,
                    run.simulation().labels());
            accuracy[i] = m.accuracy();
            digital = m.accuracyDigital();
        }
        assertTrue(accuracy[0] < 0.2, "near chance (0.1) at 0.01 photons per MAC: " + accuracy[0]);
        assertTrue(accuracy[1] > digital - 0.02, "near the digital " + digital + " at 1000: " + accuracy[1]);
    }

    @Test
    void labelsFromAParquetIntegerColumnEqualTheNpyLabels() throws IOException {
        long[] expected = readInt64(fixture("test-y.npy"));
        String parquet = dir.resolve("labels.parquet").toString();
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("labels-parquet").setMaster("local[1]"))
                .getOrCreate();
        try {
            List<Row> rows = new ArrayList<>();
            for (long v : expected) {
                rows.add(RowFactory.create((int) v, 0.5));
            }
            StructType schema = new StructType().add("label", DataTypes.IntegerType, false)
                    .add("weight", DataTypes.DoubleType, false);
            spark.createDataFrame(rows, schema).coalesce(1).write().parquet(parquet);
        } finally {
            spark.stop();
        }
        int[] fromParquet = ClassLabels.read(parquet, "label", ROWS, CLASSES, ROWS);
        int[] fromNpy = ClassLabels.read(fixture("test-y.npy").toString(), "", ROWS, CLASSES, ROWS);
        assertArrayEquals(fromNpy, fromParquet);
        assertEquals(expected[539], fromNpy[539]);
        assertArrayEquals(java.util.Arrays.copyOf(fromNpy, 100), ClassLabels.read(parquet, "label", ROWS, CLASSES, 100),
                "the rows evaluated: the leading labels");
        ConfigException notInteger = assertThrows(ConfigException.class,
                () -> ClassLabels.read(parquet, "weight", ROWS, CLASSES, ROWS));
        assertEquals("inputs.labels-path = " + parquet + ": allowed integer class ids; row 0 holds 0.5",
                notInteger.getMessage());
        ConfigException noColumn = assertThrows(ConfigException.class,
                () -> ClassLabels.read(parquet, "", ROWS, CLASSES, ROWS));
        assertEquals("inputs.labels-column = \"\": allowed the integer column of class ids in the Parquet labels file "
                + parquet, noColumn.getMessage());
    }

    @Test
    void labelsOfTheWrongLengthOutOfRangeOrNotIntegerAreRefusedNamingTheFileAndRow() throws IOException {
        long[] labels = readInt64(fixture("test-y.npy"));
        Path shorter = writeInt64(dir.resolve("short.npy"), java.util.Arrays.copyOf(labels, ROWS - 1));
        Path outside = dir.resolve("outside.npy");
        long[] bad = labels.clone();
        bad[7] = CLASSES;
        writeInt64(outside, bad);
        Path fraction = dir.resolve("fraction.npy");
        double[] fractional = new double[ROWS];
        for (int r = 0; r < ROWS; r++) {
            fractional[r] = labels[r];
        }
        fractional[3] = 2.5;
        writeFloat64(fraction, fractional);

        Path conf = dir.resolve("digits.conf");
        Files.writeString(conf, config(dir.resolve("refused")));
        assertRefused(conf, shorter, "one label per input row (540 rows); the file holds 539 labels");
        assertRefused(conf, outside, "class ids in [0, 10) (the model's output width); row 7 holds 10");
        assertRefused(conf, fraction, "integer class ids; row 3 holds 2.5");
        fractional[3] = 2;
        writeFloat64(fraction, fractional);
        assertEquals(2, ClassLabels.read(fraction.toString(), "", ROWS, CLASSES, ROWS)[3],
                "whole-number floats are class ids");
    }

    private void assertRefused(Path conf, Path labels, String allowed) {
        PfmCli.Result r = PfmCli.run("run", conf.toString(), "--set", "inputs.labels-path=" + labels);
        assertEquals(2, r.status(), r.err());
        assertEquals("pfm: inputs.labels-path = " + labels + ": allowed " + allowed + "\n", r.err());
        assertTrue(Files.notExists(dir.resolve("refused")), "nothing written");
    }

    static long[] readInt64(Path npy) throws IOException {
        byte[] all = Files.readAllBytes(npy);
        int headerLength = (all[8] & 0xff) | (all[9] & 0xff) << 8;
        String header = new String(all, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'<i8'"), header);
        ByteBuffer b = ByteBuffer.wrap(all, 10 + headerLength, all.length - 10 - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / 8];
        for (int k = 0; k < out.length; k++) {
            out[k] = b.getLong();
        }
        return out;
    }

    static Path writeInt64(Path file, long[] values) throws IOException {
        return write1d(file, "<i8", values.length, b -> {
            for (long v : values) {
                b.putLong(v);
            }
        });
    }

    static Path writeFloat64(Path file, double[] values) throws IOException {
        return write1d(file, "<f8", values.length, b -> {
            for (double v : values) {
                b.putDouble(v);
            }
        });
    }

    /** A 1-D .npy array (format 1.0) of 8-byte little-endian items. */
    private static Path write1d(Path file, String descr, int count, java.util.function.Consumer<ByteBuffer> data)
            throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + count + ",), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * count).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII));
        data.accept(b);
        Files.write(file, b.array());
        return file;
    }
}
