package org.pfmsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfmsim.task.TaskMetrics;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName("ResultStoreTest")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "2")
                .registerKryoClasses(ResultTables.kryoClasses());
        spark = SparkSession.builder().config(conf).getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void roundTripKeepsEveryColumnIncludingNaNInfinityAndNullSweep() {
        String root = dir.resolve("out").toString();
        ResultStore store = new ResultStore(spark, root);
        RunRecord lone = run("run-lone", null, 1.5);
        RunRecord plain = run("run-swept", "sweep-a", 2.5);
        // With task metrics but no labels: the label metrics are stored as nulls and read back as NaN.
        RunRecord swept = new RunRecord(plain.runId(), plain.sweepId(), plain.configHash(), plain.configJson(),
                plain.platform(), plain.parameters(), plain.batch(), plain.status(), plain.wallSeconds(),
                plain.startedAt(), plain.codeVersion(), 100, new TaskMetrics(0.75, 0.125, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 100, 0));
        List<LayerRecord> loneLayers = List.of(
                layer("run-lone", 0, Double.POSITIVE_INFINITY, 0.0),
                layer("run-lone", 1, Double.NaN, Double.NEGATIVE_INFINITY));
        List<LayerRecord> sweptLayers = List.of(layer("run-swept", 0, 12.5, 1e-3));
        List<TileRecord> loneTiles = List.of(tile("run-lone", 0, 0, 0.0), tile("run-lone", 1, 1, Double.NaN));
        List<TileRecord> sweptTiles = List.of(tile("run-swept", 0, 2, Double.POSITIVE_INFINITY));

        store.commit(lone, loneLayers, loneTiles, List.of(output("run-lone", 0, 3)));
        store.commit(swept, sweptLayers, sweptTiles, List.of(output("run-swept", 0, null),
                output("run-swept", 1, 2)));

        assertEquals(List.of(lone, swept), readAll(root, "runs", ResultTables::runFromRow));
        assertEquals(concat(loneLayers, sweptLayers), readAll(root, "layers", ResultTables::layerFromRow));
        assertEquals(concat(loneTiles, sweptTiles), readAll(root, "tiles", ResultTables::tileFromRow));
        List<Row> outputs = store.read(ResultTables.OUTPUTS).orderBy("run_id", "sample").collectAsList();
        assertEquals(3, outputs.size());
        Row top = outputs.get(2);
        assertEquals(List.of("run-swept", "sweep-a", 1L, 4, 2, 1, 0), List.of(top.getAs("run_id"), top.getAs("sweep_id"),
                top.getAs("sample"), top.getAs("position"), top.getAs("label"), top.getAs("physical_top1"),
                top.getAs("digital_top1")));
        assertEquals(List.of(0.5f, -1f), top.getList(top.fieldIndex("physical")));
        assertEquals(List.of(7, 3), top.getList(top.fieldIndex("physical_classes")));
        assertTrue(outputs.get(1).isNullAt(outputs.get(1).fieldIndex("label")));
        Map<String, String> sweepByRun = Map.of("run-lone", "null", "run-swept", "sweep-a");
        for (String table : ResultTables.ALL) {
            for (Row row : spark.read().parquet(root + "/" + table).collectAsList()) {
                Object sweep = row.getAs("sweep_id");
                assertEquals(sweepByRun.get(row.<String>getAs("run_id")), String.valueOf(sweep), table);
            }
        }
    }

    @Test
    void recommitReplacesEveryTableWithTheSecondValues() {
        String root = dir.resolve("out").toString();
        ResultStore store = new ResultStore(spark, root);
        store.commit(run("other", null, 9.0), List.of(layer("other", 0, 30.0, 0.1)),
                List.of(tile("other", 0, 0, 0.2)));
        store.commit(run("twice", "sweep-1", 1.0),
                List.of(layer("twice", 0, 1.0, 0.5), layer("twice", 1, 2.0, 0.6), layer("twice", 2, 3.0, 0.7)),
                List.of(tile("twice", 0, 0, 0.1), tile("twice", 0, 1, 0.2)));
        // The rerun moves to another sweep and drops its tiles: no trace of the first may remain.
        RunRecord second = run("twice", "sweep-2", 4.0);
        List<LayerRecord> secondLayers = List.of(layer("twice", 0, 40.0, 0.01), layer("twice", 1, 41.0, 0.02));
        store.commit(second, secondLayers, List.of());

        List<RunRecord> runs = readAll(root, "runs", ResultTables::runFromRow);
        assertEquals(List.of(run("other", null, 9.0), second), runs);
        List<LayerRecord> layers = readAll(root, "layers", ResultTables::layerFromRow);
        assertEquals(secondLayers, layers.stream().filter(l -> l.runId().equals("twice")).toList());
        assertEquals(3, layers.size());
        List<TileRecord> tiles = readAll(root, "tiles", ResultTables::tileFromRow);
        assertEquals(List.of(tile("other", 0, 0, 0.2)), tiles);
    }

    @Test
    void twoRunsCoexistInTheLayersTable() {
        String root = dir.resolve("out").toString();
        ResultStore store = new ResultStore(spark, root);
        store.commit(run("alpha", "s", 1.0), List.of(layer("alpha", 0, 10.0, 0.1)), List.of());
        store.commit(run("beta", "s", 2.0), List.of(layer("beta", 0, 20.0, 0.2), layer("beta", 1, 21.0, 0.3)),
                List.of());

        List<Row> layers = spark.read().parquet(root + "/layers").orderBy("run_id", "layer").collectAsList();
        assertEquals(List.of("alpha", "beta", "beta"),
                layers.stream().map(r -> r.<String>getAs("run_id")).toList());
        assertEquals(2, spark.read().parquet(root + "/runs").count());
        // No run has tiles, yet the table can be read with its schema.
        assertEquals(0, store.read(ResultTables.TILES).count());
    }

    @Test
    void commitLeavesNoStagingAndMarksTheRunWithSuccessAndManifest() throws IOException {
        Path root = dir.resolve("out");
        String location = new ResultStore(spark, root.toString()).commit(run("r1", "s1", 1.0),
                List.of(layer("r1", 0, 10.0, 0.1)), List.of(tile("r1", 0, 0, 0.1)), List.of(output("r1", 0, 1)));

        assertFalse(Files.exists(root.resolve("_staging")));
        Path partition = root.resolve("runs/sweep_id=s1/run_id=r1");
        assertTrue(location.endsWith("runs/sweep_id=s1/run_id=r1"), location);
        assertTrue(Files.isRegularFile(partition.resolve("_SUCCESS")));
        Map<?, ?> manifest = new ObjectMapper().readValue(partition.resolve("_manifest.json").toFile(), Map.class);
        assertEquals("r1", manifest.get("run_id"));
        Map<?, ?> tables = (Map<?, ?>) manifest.get("tables");
        for (String table : ResultTables.ALL) {
            List<?> files = (List<?>) tables.get(table);
            assertEquals(1, files.size(), table + ": coalesce(1) writes one file per table");
            assertTrue(Files.isRegularFile(root.resolve((String) files.get(0))), files.get(0).toString());
        }
    }

    @Test
    void recordOfAnotherRunIsRejectedBeforeAnythingIsWritten() {
        Path root = dir.resolve("out");
        ResultStore store = new ResultStore(spark, root.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.commit(run("mine", null, 1.0), List.of(layer("mine", 0, 1.0, 0.1)),
                        List.of(tile("mine", 0, 0, 0.1), tile("yours", 0, 1, 0.1))));
        assertTrue(e.getMessage().contains("yours"), e.getMessage());
        assertFalse(Files.exists(root));
    }

    @Test
    void failureWhileStagedLeavesNoRunAndNoStaging() throws IOException {
        Path root = Files.createDirectories(dir.resolve("out"));
        Files.writeString(root.resolve("layers"), "a file where a table belongs");
        ResultStore store = new ResultStore(spark, root.toString());

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.commit(run("r", "s", 1.0),
                List.of(layer("r", 0, 1.0, 0.1)), List.of(tile("r", 0, 0, 0.1))));
        assertTrue(e.getMessage().contains("layers"), e.getMessage());

        assertFalse(Files.exists(root.resolve("_staging")));
        assertEquals(List.of(), runPartitions(root));
    }

    @Test
    void failureDuringSwapRemovesThePartOfTheRunAlreadyMovedIn() throws IOException {
        Path root = dir.resolve("out");
        ResultStore store = new ResultStore(spark, root.toString());
        store.commit(run("kept", "t", 1.0), List.of(layer("kept", 0, 1.0, 0.1)), List.of());
        // layers of the doomed run get in, then its tiles partition is blocked by a file.
        Files.createDirectories(root.resolve("tiles"));
        Files.writeString(root.resolve("tiles/sweep_id=s"), "blocks the sweep directory");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.commit(run("doomed", "s", 2.0),
                List.of(layer("doomed", 0, 2.0, 0.2)), List.of(tile("doomed", 0, 0, 0.2))));
        assertTrue(e.getMessage().contains("tiles"), e.getMessage());
        assertFalse(Files.exists(root.resolve("layers/sweep_id=s/run_id=doomed")));

        assertFalse(Files.exists(root.resolve("_staging")));
        assertEquals(List.of("kept"), runIds(root + "/runs"));
        assertEquals(List.of("kept"), runIds(root + "/layers"));
    }

    @Test
    void checkWritableCreatesAMissingRootAndLeavesNoProbe() throws IOException {
        Path root = dir.resolve("a/b/out");
        new ResultStore(spark, root.toString()).checkWritable();
        assertTrue(Files.isDirectory(root));
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void checkWritableOnAFileFailsNamingThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ResultStore(spark, file.toString()).checkWritable());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void readWithSchemaKeepsANumericLookingRunIdAString() {
        String root = dir.resolve("out").toString();
        ResultStore store = new ResultStore(spark, root);
        store.commit(run("0042", null, 1.0), List.of(layer("0042", 0, 1.0, 0.1)), List.of());

        Row row = store.read(ResultTables.RUNS).first();
        assertEquals("0042", row.getAs("run_id"));
        assertNull(row.getAs("sweep_id"));
    }

    @Test
    void runIdThatSparkEscapesRoundTripsAndIsReplacedOnRerun() {
        String root = dir.resolve("out").toString();
        ResultStore store = new ResultStore(spark, root);
        String runId = "grid/3:7 50%";
        store.commit(run(runId, "sweep=x", 1.0), List.of(layer(runId, 0, 1.0, 0.1)), List.of());
        RunRecord again = run(runId, "sweep=x", 2.0);
        store.commit(again, List.of(layer(runId, 0, 2.0, 0.2)), List.of());

        assertEquals(List.of(again), readAll(root, "runs", ResultTables::runFromRow));
        assertEquals(List.of(layer(runId, 0, 2.0, 0.2)), readAll(root, "layers", ResultTables::layerFromRow));
    }

    private static <T> List<T> readAll(String root, String table, Function<Row, T> convert) {
        return spark.read().parquet(root + "/" + table)
                .orderBy(ResultTables.RUN_ID).collectAsList().stream()
                .map(convert)
                .sorted(Comparator.comparing(Object::toString))
                .toList();
    }

    private static List<String> runIds(String tablePath) {
        return spark.read().parquet(tablePath).select("run_id").distinct().orderBy("run_id")
                .collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    private static List<Path> runPartitions(Path root) throws IOException {
        Path runs = root.resolve("runs");
        if (!Files.exists(runs)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(runs)) {
            return walk.filter(p -> p.getFileName().toString().startsWith("run_id=")).toList();
        }
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream())
                .sorted(Comparator.comparing(Object::toString)).toList();
    }

    private static RunRecord run(String runId, String sweepId, double wallSeconds) {
        return new RunRecord(runId, sweepId, "hash-" + runId, "{\"seed\":7,\"platform\":{\"kind\":\"crossbar\"}}",
                "crossbar", 1_048_576L, 32, "complete", wallSeconds,
                Instant.parse("2025-03-04T05:06:07.123456Z"), "0.1.0-test");
    }

    private static LayerRecord layer(String runId, int index, double snrDb, double relError) {
        return new LayerRecord(runId, index, "linear", 1024, 512, 8, relError, relError * 2,
                0.99, snrDb, 0.25, 0.999, snrDb + 1, 1.5e-9, 2.5e-6, 1e-6, 3, 4, 0.75);
    }

    private static OutputRecord output(String runId, long sample, Integer label) {
        return new OutputRecord(runId, sample, 4, label, 1, 0, new float[] {0.5f, -1f}, new float[] {0.25f, 0f},
                new int[] {7, 3}, new int[] {0, 9});
    }

    private static TileRecord tile(String runId, long tileRow, long tileCol, double relError) {
        return new TileRecord(runId, 0, tileRow, tileCol, 256, 128, relError, 1e-12, 5, 6, 7);
    }
}
