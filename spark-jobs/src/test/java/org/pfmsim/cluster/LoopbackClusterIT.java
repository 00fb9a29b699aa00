package org.pfmsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfmsim.results.ResultRows;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;

/**
 * The same job on a standalone Spark cluster (master and two one-core workers on 127.0.0.1, started by
 * scripts/cluster from the Maven jars) and on local Spark: every bit of every result equal, also when an
 * executor JVM is killed in the middle of the run.
 */
class LoopbackClusterIT {
    private static final Path WORK = Scripts.ROOT.resolve("spark-jobs/target/it-cluster");
    private static final Map<String, String> ENV = Map.of("PFM_CLUSTER_DIR", WORK.resolve("state").toString());
    private static final String[] MODEL = {"--set", "seed=11", "--set", "batch.size=8", "--set", "model.width=512",
        "--set", "model.output-width=128", "--set", "model.depth=6", "--set", "tiling.tile-rows=128",
        "--set", "tiling.tile-cols=128", "--set", "tiling.partitions=4", "--set", "output.tile-sample-rate=0.25"};

    private static String master;
    private static Path reference;

    @BeforeAll
    static void startClusterAndRunTheLocalReference() throws Exception {
        Scripts.Run cluster = Scripts.start(WORK.resolve("logs"), ENV, "cluster", "start", "--workers", "2");
        assertEquals(0, cluster.await(180), cluster.err());
        master = cluster.out().strip();
        assertTrue(master.matches("spark://127\\.0\\.0\\.1:\\d+"), master);
        reference = run("local[2]", "local");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        Scripts.Run stop = Scripts.start(WORK.resolve("logs"), ENV, "cluster", "stop");
        assertEquals(0, stop.await(60), stop.err());
        Scripts.Run status = Scripts.start(WORK.resolve("logs"), ENV, "cluster", "status");
        assertEquals(1, status.await(60), "every recorded process is gone: " + status.out());
    }

    @Test
    void aRunOnTheClusterIsBitIdenticalToTheLocalRun() throws Exception {
        assertSameResults(reference, run(master, "on-cluster"));
    }

    @Test
    void killingAnExecutorMidRunStillCompletesWithIdenticalResults() throws Exception {
        Path root = WORK.resolve("killed");
        Scripts.Run run = submit(master, root);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!run.err().contains("layer 2/6 done")) {
            assertTrue(run.process().isAlive(), "the run ended before an executor could be killed: " + run.err());
            assertTrue(System.nanoTime() < deadline, "no progress: " + run.err());
            Thread.sleep(100);
        }
        ProcessHandle executor = executors().findFirst().orElseThrow(() -> new AssertionError("no executor running"));
        assertTrue(executor.destroyForcibly(), "kill -9 executor " + executor.pid());
        assertEquals(0, run.await(600), run.err());
        assertSameResults(reference, root);
    }

    /** Executor JVMs launched by this test's workers (their classpath is the cluster's SPARK_HOME). */
    private static java.util.stream.Stream<ProcessHandle> executors() {
        String home = WORK.resolve("state/spark-home").toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("CoarseGrainedExecutorBackend") && c.contains(home)).orElse(false));
    }

    private static Path run(String sparkMaster, String name) throws Exception {
        Path root = WORK.resolve(name);
        Scripts.Run run = submit(sparkMaster, root);
        assertEquals(0, run.await(600), run.err());
        assertTrue(run.out().startsWith("run_id "), run.out());
        return root;
    }

    private static Scripts.Run submit(String sparkMaster, Path root) throws IOException {
        deleteRecursively(root);
        String[] args = new String[MODEL.length + 6];
        args[0] = "--master";
        args[1] = sparkMaster;
        args[2] = "run";
        args[3] = Scripts.ROOT.resolve("conf/quickstart.conf").toString();
        System.arraycopy(MODEL, 0, args, 4, MODEL.length);
        args[MODEL.length + 4] = "--set";
        args[MODEL.length + 5] = "output.root=" + root;
        return Scripts.start(WORK.resolve("logs"), Map.of(), "pfm", args);
    }

    private static void assertSameResults(Path expected, Path actual) {
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("cluster-it")).getOrCreate();
        try {
            for (String table : List.of("layers", "tiles")) {
                assertEquals(ResultRows.untimed(spark, expected.toString(), table),
                        ResultRows.untimed(spark, actual.toString(), table), table);
            }
            Row run = new ResultStore(spark, actual.toString()).read("runs").first();
            assertEquals("complete", run.getAs("status"));
        } finally {
            spark.stop();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
