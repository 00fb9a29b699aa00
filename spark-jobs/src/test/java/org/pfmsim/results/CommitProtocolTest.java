package org.pfmsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.sweep.SweepLock;

/**
 * The commit protocol under concurrent writers of one run, slow renames and kills at every step
 * ({@link FaultyFileSystem}). A writer's version of the run is told by a tag in every row: the run's
 * {@code wall_seconds}, its layers' {@code snr_db_local} and its tiles' {@code rel_error}; version {@code t} has
 * {@code 1 + t % 3} layers and 2 tiles when {@code t} is even, none when odd.
 */
class CommitProtocolTest {
    private static final String RUN = "r";
    private static final String SWEEP = "s";
    /** Short lock times so a killed writer's lock goes stale within a test (its pid stays alive in this JVM). */
    private static final SweepLock.Timing FAST = new SweepLock.Timing(0.05, 0.2, 0.02);

    private static final long STALE_MILLIS = 300;

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName("CommitProtocolTest")
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
    void twoConcurrentCommitsOfOneRunWithSlowRenamesLeaveOneWholeNeverNested() throws Exception {
        for (int trial = 0; trial < 2; trial++) {
            Path root = dir.resolve("concurrent-" + trial);
            List<Future<?>> writers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int tag = 1; tag <= 2; tag++) {
                    int t = tag;
                    writers.add(pool.submit(() -> store(root, FaultyFileSystem.of(300, 0)).commit(run(t),
                            layers(t), tiles(t))));
                }
                for (Future<?> w : writers) {
                    w.get(); // both exit successfully: the second waits for the first's lock, then replaces it
                }
            } finally {
                pool.shutdownNow();
            }
            int visible = assertOneWholeVersion(root);
            assertTrue(visible == 1 || visible == 2, "visible " + visible);
            assertNoNestedPartitions(root);
            assertFalse(Files.exists(root.resolve("_staging")), "no staging left");
        }
    }

    @Test
    void aKillAtAnyStepKeepsEachTableOldOrNewAndTheNextReaderFinishesTheCommit() throws Exception {
        int steps = stepsOfACommit();
        for (int kill = 1; kill <= steps; kill++) {
            Path root = dir.resolve("kill-" + kill);
            store(root, FaultyFileSystem.of(0, 0)).commit(run(2), layers(2), tiles(2));
            FaultyFileSystem dying = FaultyFileSystem.of(0, kill);
            try {
                store(root, dying).commit(run(3), layers(3), tiles(3));
            } catch (FaultyFileSystem.Killed expected) {
                // the writer is gone
            }
            assertTrue(dying.killed(), "step " + kill + " of " + steps + " was reached");
            // Before anyone recovers: every table holds version 2 or 3 whole (or is between its two renames).
            for (String table : List.of(ResultTables.RUNS, ResultTables.LAYERS, ResultTables.TILES)) {
                TreeSet<Integer> tags = rawTags(root, table);
                assertTrue(tags.size() <= 1, "kill at step " + kill + ": " + table + " mixes versions " + tags);
            }
            Thread.sleep(STALE_MILLIS); // the dead writer's lock goes stale
            int visible = assertOneWholeVersion(root); // reading through the store finishes a begun publication
            assertTrue(visible == 2 || visible == 3, "kill at step " + kill + ": version " + visible);
            assertFalse(Files.exists(root.resolve("_staging/" + stagingAny(root))), "journal reclaimed");
            if (kill % 4 == 0) { // (every fourth step, for time: the stress test commits after kills too)
                store(root, FaultyFileSystem.of(0, 0)).commit(run(4), layers(4), tiles(4));
                assertEquals(4, assertOneWholeVersion(root), "kill at step " + kill + ": the next commit succeeds");
                assertFalse(Files.exists(root.resolve("_staging")), "kill at step " + kill + ": staging reclaimed");
            }
        }
    }

    @Test
    void aFailureAtAnyStepLeavesThePreviousRunWholeOrTheNewOneAndNoStaging() throws Exception {
        int steps = stepsOfACommit();
        for (int step = 1; step <= steps; step++) {
            Path root = dir.resolve("fail-" + step);
            store(root, FaultyFileSystem.of(0, 0)).commit(run(2), layers(2), tiles(2));
            boolean failed = false;
            try {
                store(root, FaultyFileSystem.failingAt(step)).commit(run(3), layers(3), tiles(3));
            } catch (java.io.UncheckedIOException e) {
                failed = true;
                assertTrue(e.getMessage().contains("injected failure at step " + step), e.getMessage());
            }
            int visible = assertOneWholeVersion(root);
            // A failure before the last rename restores version 2; one in the clean-up after it is harmless.
            assertEquals(failed ? 2 : 3, visible, "failure at step " + step);
            assertFalse(Files.exists(root.resolve("_staging")), "failure at step " + step + ": staging left");
        }
    }

    @Test
    void stagingOfKilledRetriesIsReclaimedByTheNextCommitOfTheRun() throws Exception {
        Path root = dir.resolve("pile");
        store(root, FaultyFileSystem.of(0, 0)).commit(run(2), layers(2), tiles(2));
        for (int i = 0; i < 3; i++) {
            try {
                store(root, FaultyFileSystem.killedAt(ResultStore.MANIFEST)).commit(run(5 + i), layers(5 + i), tiles(5 + i));
                fail("the writer was to be killed");
            } catch (FaultyFileSystem.Killed expected) {
                // killed while writing its markers, before publication began
            }
            try (Stream<Path> left = Files.list(root.resolve("_staging"))) {
                assertEquals(1, left.count(), "only the last killed attempt's staging is left");
            }
            Thread.sleep(STALE_MILLIS);
        }
        store(root, FaultyFileSystem.of(0, 0)).commit(run(9), layers(9), tiles(9));
        assertFalse(Files.exists(root.resolve("_staging")), "all three reclaimed");
        assertEquals(9, assertOneWholeVersion(root));
    }

    /**
     * Many writers of one run at once, each killed at a random step or not at all, round after round: after each
     * round every table holds one version whole (the same in all three), the last good one or one of the round's,
     * and never an older one once a writer of the round succeeded.
     */
    @Test
    @org.junit.jupiter.api.Disabled("fails about one run in three on a loaded 2-core machine (issue 19 open): after a "
            + "round, runs holds one writer's version while layers holds another's, also with issue 19's original "
            + "RunPublication; a real gap in the protocol, not in the test. Re-enable with the fix")
    void stressManyConcurrentWritersAndRandomKillsNeverMixOrLoseARun() throws Exception {
        Path root = dir.resolve("stress");
        int steps = stepsOfACommit();
        store(root, FaultyFileSystem.of(0, 0)).commit(run(1), layers(1), tiles(1));
        int lastGood = 1;
        SplittableRandom random = new SplittableRandom(19);
        int tag = 1;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 6; round++) {
                List<Integer> tags = new ArrayList<>();
                List<Future<Boolean>> writers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int t = ++tag;
                    int kill = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(steps);
                    long delay = random.nextInt(30);
                    tags.add(t);
                    writers.add(pool.submit(() -> {
                        try {
                            store(root, FaultyFileSystem.of(delay, kill)).commit(run(t), layers(t), tiles(t));
                            return true;
                        } catch (FaultyFileSystem.Killed killed) {
                            return false;
                        }
                    }));
                }
                boolean anySucceeded = false;
                for (Future<Boolean> w : writers) {
                    anySucceeded |= w.get();
                }
                // Well past staleness (three times it), so the last killed writer's lock is stale for every read
                // below: a read finishes a dead writer's begun publication, and one whose lock turned stale between
                // the read of runs and the read of layers was seen half finished (CI, loaded machine, 300 ms).
                Thread.sleep(3 * STALE_MILLIS);
                int visible = assertOneWholeVersion(root);
                assertNoNestedPartitions(root);
                if (anySucceeded) {
                    assertTrue(tags.contains(visible), "round " + round + ": version " + visible + " not of " + tags);
                } else {
                    assertTrue(visible == lastGood || tags.contains(visible), "round " + round + ": " + visible);
                }
                lastGood = visible;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many mutating file system calls an undisturbed commit of version 3 over version 2 makes. */
    private int stepsOfACommit() {
        Path root = dir.resolve("count");
        store(root, FaultyFileSystem.of(0, 0)).commit(run(2), layers(2), tiles(2));
        FaultyFileSystem counting = FaultyFileSystem.of(0, 0);
        store(root, counting).commit(run(3), layers(3), tiles(3));
        return counting.steps();
    }

    private static ResultStore store(Path root, FaultyFileSystem fs) {
        return new ResultStore(spark, root.toString(), fs, FAST, m -> { });
    }

    /** Reads every table through the store; asserts they hold one version, whole, the same in all; returns it. */
    private static int assertOneWholeVersion(Path root) {
        ResultStore store = new ResultStore(spark, root.toString(), FaultyFileSystem.of(0, 0), FAST, m -> { });
        List<Row> runs = store.read(ResultTables.RUNS).collectAsList();
        assertEquals(1, runs.size(), "one runs row: " + runs);
        int tag = (int) runs.get(0).<Double>getAs("wall_seconds").doubleValue();
        List<Row> layers = store.read(ResultTables.LAYERS).collectAsList();
        assertEquals(layers(tag).size(), layers.size(), "layers of version " + tag + ": " + layers);
        for (Row l : layers) {
            assertEquals(tag, (int) l.<Double>getAs("snr_db_local").doubleValue(), "layers of version " + tag);
        }
        List<Row> tiles = store.read(ResultTables.TILES).collectAsList();
        assertEquals(tiles(tag).size(), tiles.size(), "tiles of version " + tag + ": " + tiles);
        for (Row t : tiles) {
            assertEquals(tag, (int) t.<Double>getAs("rel_error").doubleValue(), "tiles of version " + tag);
        }
        return tag;
    }

    /** The version tags in a table's files as they are, read without the store (no recovery). */
    private static TreeSet<Integer> rawTags(Path root, String table) {
        TreeSet<Integer> tags = new TreeSet<>();
        Path dir = root.resolve(table);
        if (!Files.exists(dir)) {
            return tags;
        }
        String column = switch (table) {
            case ResultTables.RUNS -> "wall_seconds";
            case ResultTables.LAYERS -> "snr_db_local";
            default -> "rel_error";
        };
        for (Row r : spark.read().schema(ResultTables.schema(table)).parquet(dir.toString()).select(column)
                .collectAsList()) {
            tags.add((int) r.getDouble(0));
        }
        return tags;
    }

    private static String stagingAny(Path root) throws IOException {
        Path staging = root.resolve("_staging");
        if (!Files.exists(staging)) {
            return "absent";
        }
        try (Stream<Path> left = Files.list(staging)) {
            return left.filter(p -> Files.exists(p.resolve(RunPublication.PUBLISHING)))
                    .map(p -> p.getFileName().toString()).findFirst().orElse("absent");
        }
    }

    private static void assertNoNestedPartitions(Path root) throws IOException {
        for (String table : ResultTables.ALL) {
            Path dir = root.resolve(table);
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                List<Path> nested = walk.filter(p -> p.getFileName().toString().startsWith("run_id="))
                        .filter(p -> p.getParent().getFileName().toString().startsWith("run_id=")
                                || !p.getParent().getFileName().toString().startsWith("sweep_id="))
                        .toList();
                assertEquals(Collections.emptyList(), nested, table + ": a run partition inside another");
            }
        }
    }

    private static RunRecord run(int tag) {
        return new RunRecord(RUN, SWEEP, "hash", "{}", "crossbar", 1L, 1, "complete", tag,
                Instant.parse("2025-03-04T05:06:07Z"), "test");
    }

    private static List<LayerRecord> layers(int tag) {
        List<LayerRecord> out = new ArrayList<>();
        for (int i = 0; i <= tag % 3; i++) {
            out.add(new LayerRecord(RUN, i, "linear", 8, 8, 1, 0.1, 0.2, 0.99, 20.0, 0.25, 0.999, tag, 1e-9,
                    1e-6, 1e-6, 0, 0, 0.5));
        }
        return out;
    }

    private static List<TileRecord> tiles(int tag) {
        return tag % 2 == 0 ? List.of(new TileRecord(RUN, 0, 0, 0, 8, 8, tag, 1e-12, 0, 0, 0),
                new TileRecord(RUN, 0, 0, 1, 8, 8, tag, 1e-12, 0, 0, 0)) : List.of();
    }
}
