package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.sweep.LockOwnerFixture;
import org.pfmsim.sweep.SweepLock;

/**
 * {@code pfm sweep} end to end: a driver killed mid-point, then a rerun that completes every point exactly once;
 * interrupted commits redone; a complete sweep rerun changing nothing; the lock refusing, waiting, taking over.
 */
class SweepRunTest {
    private static final int DEPTH = 2;

    /** Shared by the readers and the in-process sweeps, which run in a session they find and leave it running. */
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().config(SparkSessions.conf("sweep-run-test")).getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private Path root() {
        return dir.resolve("results");
    }

    /** Three points; big enough (a second or so each) that a kill lands inside a point. */
    private Path sweepFile() throws IOException {
        Path f = dir.resolve("sweep.conf");
        Files.writeString(f, String.join("\n",
                "sweep {",
                "  name = s1",
                "  base {",
                "    seed = 5, batch.size = 8",
                "    model { width = 256, depth = " + DEPTH + " }",
                "    tiling { tile-rows = 64, tile-cols = 64, partitions = 2 }",
                "    output { root = \"" + root() + "\", tile-sample-rate = 0.25 }",
                "  }",
                "  axes = [ { key = platform.crossbar.adc.bits, values = [4, 6, 8] } ]",
                "  lock { heartbeat-seconds = 0.2, stale-seconds = 3, poll-seconds = 0.1 }",
                "}", ""));
        return f;
    }

    private List<String> plannedRunIds() throws IOException {
        return SweepPlan.expand(SweepConfig.load(sweepFile().toString(), List.of())).stream()
                .map(p -> p.config().runId()).toList();
    }

    /** What a reader sees: run ids in runs, layer rows and tile rows per run id, rel_error_chain by (run, layer). */
    private record Visible(List<String> runs, Map<String, Long> layersPerRun, Map<String, Long> tilesPerRun,
                           Map<String, Double> chainError) {
    }

    private Visible read() {
        ResultStore store = new ResultStore(spark, root().toString());
        List<String> runs = new ArrayList<>();
        for (Row r : store.read("runs").collectAsList()) {
            assertEquals("s1", r.getAs("sweep_id"));
            assertEquals("complete", r.getAs("status"));
            runs.add(r.getAs("run_id"));
        }
        runs.sort(null);
        Map<String, Long> layers = new TreeMap<>();
        Map<String, Double> chain = new TreeMap<>();
        for (Row l : store.read("layers").collectAsList()) {
            layers.merge(l.getAs("run_id"), 1L, Long::sum);
            chain.put(l.getAs("run_id") + "/" + l.getAs("layer"), l.getAs("rel_error_chain"));
        }
        Map<String, Long> tiles = new TreeMap<>();
        for (Row t : store.read("tiles").collectAsList()) {
            tiles.merge(t.getAs("run_id"), 1L, Long::sum);
        }
        return new Visible(runs, layers, tiles, chain);
    }

    private void assertEveryPointExactlyOnce(Visible v) throws IOException {
        List<String> planned = new ArrayList<>(plannedRunIds());
        planned.sort(null);
        assertEquals(planned, v.runs(), "each point once in runs");
        for (String id : planned) {
            assertEquals(DEPTH, v.layersPerRun().get(id), "layers of run " + id + " once each");
        }
        assertEquals(planned, new ArrayList<>(v.layersPerRun().keySet()), "no layer rows of unlisted runs");
    }

    /** Every file under the root with its size and modification time (locks excepted). */
    private Map<String, String> snapshot() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(p -> root().relativize(p).toString(), p -> {
                        try {
                            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, (a, b) -> a, TreeMap::new));
        }
    }

    private static List<String> lines(String s, String containing) {
        return s.lines().filter(l -> l.contains(containing)).toList();
    }

    @Test
    void aDriverKilledMidPointIsResumedWithEveryPointExactlyOnceAndARerunChangesNothing() throws Exception {
        Path sweep = sweepFile();
        List<String> ids = plannedRunIds();
        long killedPid = killDuringSecondPoint(sweep);

        Visible afterKill = read();
        assertTrue(afterKill.runs().contains(ids.get(0)), "point 1 was committed before the kill");
        assertFalse(afterKill.runs().contains(ids.get(2)), "point 3 never started");
        for (String id : afterKill.layersPerRun().keySet()) {
            assertTrue(afterKill.runs().contains(id) || id.equals(ids.get(1)), "only the killed point may be partial");
        }

        // A stale-seconds far beyond this test's length: the takeover must come from the pid check alone.
        PfmCli.Result resumed = PfmCli.run("sweep", sweep.toString(), "--set", "sweep.lock.stale-seconds=3600");
        assertEquals(0, resumed.status(), resumed.err());
        String host = org.pfmsim.sweep.LockOwnerFixture.localHost();
        assertEquals(1, lines(resumed.err(), "taking over the stale lock of pid " + killedPid + " on " + host).size(),
                resumed.err());
        assertTrue(resumed.err().contains("its process " + killedPid + " is no longer running on this host"),
                resumed.err());
        assertEquals(1, lines(resumed.err(), "point 1/3 (platform.crossbar.adc.bits=4) run " + ids.get(0)
                + ": skipped (complete)").size(), resumed.err());
        assertEquals(1, lines(resumed.err(), "point 3/3 (platform.crossbar.adc.bits=8) run " + ids.get(2)
                + ": running").size(), resumed.err());
        assertTrue(resumed.out().endsWith("sweep s1: 3 points, " + (afterKill.runs().size() == 2 ? 1 : 2) + " ran, "
                + afterKill.runs().size() + " skipped (complete); results " + root() + "\n"), resumed.out());
        Visible complete = read();
        assertEveryPointExactlyOnce(complete);
        assertFalse(Files.exists(root().resolve("_staging")), "no staging left");
        assertFalse(Files.exists(root().resolve(SweepCommand.LOCK_DIR).resolve("s1.lock")), "lock released");

        Map<String, String> before = snapshot();
        PfmCli.Result again = PfmCli.run("sweep", sweep.toString());
        assertEquals(0, again.status(), again.err());
        assertEquals(3, lines(again.err(), ": skipped (complete)").size(), again.err());
        assertEquals(List.of(), lines(again.err(), "running"));
        assertTrue(again.out().endsWith("sweep s1: 3 points, 0 ran, 3 skipped (complete); results " + root() + "\n"));
        assertEquals(before, snapshot(), "a complete sweep run again changes nothing");
    }

    /** Starts the sweep in a separate JVM and kills it (SIGKILL) once point 2's first layer is done. */
    private long killDuringSecondPoint(Path sweep) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-Xmx") && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), Pfm.class.getName(),
                "sweep", sweep.toString()));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true).start();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<String> killedAt = reader.submit(() -> {
                StringBuilder log = new StringBuilder();
                boolean inPoint2 = false;
                try (BufferedReader in = new BufferedReader(new InputStreamReader(driver.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        log.append(line).append('\n');
                        inPoint2 |= line.contains("point 2/3") && line.endsWith("running");
                        if (inPoint2 && line.startsWith("pfm: layer 1/" + DEPTH + " done")) {
                            driver.destroyForcibly();
                            return log.toString();
                        }
                    }
                }
                throw new AssertionError("the sweep ended before point 2 ran: " + log);
            });
            killedAt.get(180, TimeUnit.SECONDS);
            assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
            return driver.pid();
        } finally {
            driver.destroyForcibly();
            reader.shutdownNow();
        }
    }

    @Test
    void interruptedCommitsAreRedoneAndTheirLeftoversCleared() throws Exception {
        Path sweep = sweepFile();
        List<String> ids = plannedRunIds();
        assertEquals(0, PfmCli.run("sweep", sweep.toString()).status());
        Visible first = read();
        assertEveryPointExactlyOnce(first);

        // Point 2 killed inside the swap: layers and tiles moved in, runs partition not yet.
        deleteTree(root().resolve("runs/sweep_id=s1/run_id=" + ids.get(1)));
        // Point 3 killed while staging: its staging directory holds part of its tables; nothing published.
        for (String table : List.of("runs", "layers", "tiles")) {
            deleteTree(root().resolve(table + "/sweep_id=s1/run_id=" + ids.get(2)));
        }
        Path leftover = root().resolve("_staging/" + ids.get(2) + "-0b9a1f6e-6d5c-4f3e-9a7b-1c2d3e4f5a6b/layers");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("part-00000.parquet"), "truncated");
        Path otherRun = root().resolve("_staging/0123456789abcdef-0b9a1f6e-6d5c-4f3e-9a7b-1c2d3e4f5a6b");
        Files.createDirectories(otherRun);

        PfmCli.Result resumed = PfmCli.run("sweep", sweep.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertEquals(1, lines(resumed.err(), "point 1/3 (platform.crossbar.adc.bits=4) run " + ids.get(0)
                + ": skipped (complete)").size(), resumed.err());
        assertEquals(1, lines(resumed.err(), "point 2/3 (platform.crossbar.adc.bits=6) run " + ids.get(1)
                + ": running").size(), resumed.err());
        assertEquals(1, lines(resumed.err(), "point 3/3 (platform.crossbar.adc.bits=8) run " + ids.get(2)
                + ": running (cleared 1 staging directories of an interrupted attempt)").size(), resumed.err());
        Visible second = read();
        assertEveryPointExactlyOnce(second);
        assertEquals(first.tilesPerRun(), second.tilesPerRun(), "no tile rows lost or duplicated");
        assertEquals(first.chainError(), second.chainError(), "redone points reproduce their results exactly");
        assertFalse(Files.exists(leftover.getParent()), "the killed attempt's staging is gone");
        assertTrue(Files.exists(otherRun), "another run's staging is not this sweep's to delete");
    }

    @Test
    void aSecondSweepRefusesWhileTheLockIsHeldWaitsWhenAskedAndWritesNothing() throws Exception {
        Path sweep = sweepFile();
        Path lockFile = root().resolve(SweepCommand.LOCK_DIR).resolve("s1.lock");
        Files.createDirectories(lockFile.getParent());
        try (OutputStream out = Files.newOutputStream(lockFile)) {
            out.write(LockOwnerFixture.json("other-host", 4242, "2026-11-22T10:00:00Z"));
        }
        PfmCli.Result refused = PfmCli.run("sweep", sweep.toString());
        assertEquals(75, refused.status());
        assertEquals("pfm: sweep s1 under " + root() + " is locked by pid 4242 on other-host since "
                + "2026-11-22T10:00:00Z; retry later or pass --wait\n", refused.err());
        assertEquals("", refused.out());
        assertEquals(List.of(SweepCommand.LOCK_DIR), Files.list(root()).map(p -> p.getFileName().toString()).toList(),
                "nothing written");

        // A live holder in this JVM: --wait waits for it, then runs the sweep.
        Files.delete(lockFile);
        FileSystem fs = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path hadoopLock = new org.apache.hadoop.fs.Path(lockFile.toUri());
        SweepLock held = SweepLock.acquire(fs, hadoopLock, "test", new SweepLock.Timing(0.2, 3, 0.1), false, m -> { });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<PfmCli.Result> waiting = pool.submit(() -> PfmCli.run("sweep", sweep.toString(), "--wait"));
            Thread.sleep(1500);
            assertFalse(waiting.isDone(), "waits while the lock is held and its heartbeat fresh");
            held.close();
            PfmCli.Result done = waiting.get(120, TimeUnit.SECONDS);
            assertEquals(0, done.status(), done.err());
            String waitLine = "waiting for the lock held by pid " + ProcessHandle.current().pid();
            assertEquals(1, lines(done.err(), waitLine).size(), done.err());
            assertTrue(done.out().contains("3 points, 3 ran, 0 skipped"), done.out());
        } finally {
            held.close();
            pool.shutdownNow();
        }
        assertEveryPointExactlyOnce(read());
        assertEquals(new TreeSet<>(List.of("_commit_locks", SweepCommand.LOCK_DIR, "layers", "outputs", "runs",
                "tiles")),
                new TreeSet<>(Files.list(root()).map(p -> p.getFileName().toString()).toList()));
        try (var locks = Files.list(root().resolve("_commit_locks"))) {
            assertEquals(List.of(), locks.toList(), "every commit released its lock");
        }
    }

    @Test
    void aFailingPointStopsTheSweepWithStatusOneNamingThePoint() throws IOException {
        Path sweep = sweepFile();
        String first = plannedRunIds().get(0);
        Files.createDirectories(root());
        Files.writeString(root().resolve("runs"), "a file where the runs table goes");
        PfmCli.Result r = PfmCli.run("sweep", sweep.toString());
        assertEquals(1, r.status(), r.err());
        List<String> reasons = lines(r.err(), "pfm: sweep failed: ");
        assertEquals(1, reasons.size(), r.err());
        assertTrue(reasons.get(0).startsWith("pfm: sweep failed: point 1/3 (platform.crossbar.adc.bits=4) run " + first
                + ": commit of run " + first + " under " + root() + " failed: "), reasons.get(0));
        assertTrue(reasons.get(0).endsWith("; rerun to resume (IllegalStateException)"), reasons.get(0));
        assertEquals(List.of(), lines(r.err(), "point 2/3"), "the sweep stops at the failed point");
        assertFalse(Files.exists(root().resolve(SweepCommand.LOCK_DIR).resolve("s1.lock")), "lock released");
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(x);
            }
        }
    }
}
