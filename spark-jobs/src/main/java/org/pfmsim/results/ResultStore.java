package org.pfmsim.results;

import static org.pfmsim.results.ResultTables.LAYERS;
import static org.pfmsim.results.ResultTables.OUTPUTS;
import static org.pfmsim.results.ResultTables.RUNS;
import static org.pfmsim.results.ResultTables.RUN_ID;
import static org.pfmsim.results.ResultTables.SWEEP_ID;
import static org.pfmsim.results.ResultTables.TILES;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.sweep.SweepLock;

/**
 * The one writer of simulation results: the {@code runs}, {@code layers} and {@code tiles}
 * Parquet tables under an output root, each partitioned by {@code sweep_id} then {@code run_id}.
 *
 * <p>Invariants a reader can rely on:
 * <ul>
 *   <li>a run is visible (has a partition in {@code runs}) only once all its tables are in place;
 *       its {@code runs} partition holds a {@code _SUCCESS} marker and a {@code _manifest.json}
 *       listing the data files of each table, paths relative to the root;</li>
 *   <li>committing a run id again replaces the earlier run in every table, never duplicates it,
 *       even when the sweep id changed;</li>
 *   <li>commits of one run id are serialized by a lock file ({@value #LOCKS}/ID.lock, taken over
 *       when its holder died), so concurrent writers of one run (a retry while the first still
 *       commits) leave one of them whole, never a mix;</li>
 *   <li>each table holds the previous run or the new one whole at every moment, but for the
 *       instant between two renames ({@link RunPublication}); a writer killed at any point leaves a
 *       journal in {@code _staging} that the next commit of the run, or the next {@link #read},
 *       finishes: its complete staged run is moved in; a writer killed before publishing leaves only
 *       staging, which the next commit of the run deletes ({@link AbandonedCommits});</li>
 *   <li>a failed commit leaves the previous run in place and no staging directory behind.</li>
 * </ul>
 *
 * <p>All file operations go through the Hadoop {@link FileSystem} of the root, so the root may be
 * a local path or any Hadoop URI ({@code hdfs://host:port/x}).
 */
public final class ResultStore {

    /** Hidden from Spark readers because the name starts with an underscore. */
    static final String STAGING = "_staging";
    static final String MANIFEST = "_manifest.json";
    static final String SUCCESS = "_SUCCESS";
    /** Commit locks, one per run id; hidden from Spark readers too. */
    static final String LOCKS = "_commit_locks";
    /**
     * A commit holds its lock for seconds to minutes (staging, renames); the heartbeat keeps a slow commit's
     * lock, a lock of a process gone from this host is taken over at once, one of another host after 60 s
     * without heartbeat; a second commit of the run polls every half second.
     */
    static final SweepLock.Timing COMMIT_LOCK = new SweepLock.Timing(5, 60, 0.5);

    private final SparkSession spark;
    private final Path root;
    private final FileSystem fileSystem;
    private final SweepLock.Timing lockTiming;
    private final Consumer<String> notices;

    /**
     * @param spark session whose Hadoop configuration resolves the root's file system
     * @param root  output root, a local path or a Hadoop URI
     */
    public ResultStore(SparkSession spark, String root) {
        this(spark, root, null, COMMIT_LOCK, m -> System.err.println("pfm: " + m));
    }

    /**
     * @param fileSystem the root's file system for locking and publishing, or null for the one the session's
     *                   Hadoop configuration resolves (tests pass a fault-injecting one)
     * @param notices    one-line notices: waiting for another commit, finishing a dead writer's commit
     */
    ResultStore(SparkSession spark, String root, FileSystem fileSystem, SweepLock.Timing lockTiming,
            Consumer<String> notices) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.root = new Path(Objects.requireNonNull(root, "root"));
        this.fileSystem = fileSystem;
        this.lockTiming = Objects.requireNonNull(lockTiming, "lockTiming");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /** The output root as given. */
    public String root() {
        return root.toString();
    }

    /**
     * Creates the root if missing and proves it writable by creating and deleting a marker file,
     * so a job fails before hours of simulation rather than at its commit.
     *
     * @throws IllegalStateException with a one-line message naming the root when it is a file,
     *                               cannot be created, or cannot be written
     */
    public void checkWritable() {
        String problem;
        try {
            problem = probe(fileSystem());
        } catch (IOException | RuntimeException | org.apache.hadoop.fs.FSError e) {
            throw unwritable("is not writable: " + e, e);
        }
        if (problem != null) {
            throw unwritable(problem, null);
        }
    }

    /** Null when the root is a writable directory (created if need be), else what is wrong. */
    private String probe(FileSystem fs) throws IOException {
        if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
            return "is not a directory";
        }
        if (!fs.mkdirs(root)) {
            return "cannot be created";
        }
        Path marker = new Path(root, "_writable-probe-" + UUID.randomUUID());
        try (OutputStream out = fs.create(marker, false)) {
            out.write('1');
        } catch (IOException | RuntimeException | Error full) { // a full disk fails the write or the close
            deleteQuietly(fs, marker, false);
            throw full;
        }
        return fs.delete(marker, false) ? null : "keeps its probe file " + marker.getName();
    }

    /**
     * Commits one complete run: stages all three tables in a hidden directory, then swaps this
     * run's partitions into place with the {@code runs} partition last.
     *
     * @param run    the run; its {@code runId} and {@code sweepId} tag every row
     * @param layers one record per layer, all with the run's id
     * @param tiles  sampled tile records, all with the run's id; may be empty
     * @return the location of the run's partition in the {@code runs} table
     * @throws IllegalArgumentException if a layer or tile record names another run
     * @throws UncheckedIOException     if the file system fails. Nothing of this commit stays
     *                                  visible and a previous version of the run stays in place.
     */
    public String commit(RunRecord run, List<LayerRecord> layers, List<TileRecord> tiles) {
        return commit(run, layers, tiles, List.of());
    }

    /** The same, with the run's {@code outputs} rows (empty when {@code output.outputs} is off). */
    public String commit(RunRecord run, List<LayerRecord> layers, List<TileRecord> tiles,
            List<OutputRecord> outputs) {
        Objects.requireNonNull(run, "run");
        requireSameRun(run.runId(), layers, "layer", LayerRecord::runId);
        requireSameRun(run.runId(), tiles, "tile", TileRecord::runId);
        requireSameRun(run.runId(), outputs, "output", OutputRecord::runId);
        try {
            return stageAndPublish(run, layers, tiles, outputs);
        } catch (IOException e) {
            throw new UncheckedIOException("commit of run " + run.runId() + " under " + root
                    + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a table with its declared schema. Prefer this to a bare {@code spark.read().parquet}:
     * partition values live in directory names, and without a schema Spark infers their type, so
     * a run id such as {@code 0042} comes back as the integer 42, and {@code sweep_id} as type
     * {@code void} when no run of the root belongs to a sweep. Also reads a table that exists
     * but has no rows yet (e.g. {@code tiles} when no run sampled tiles).
     *
     * @param table one of {@link ResultTables#ALL}
     */
    public Dataset<Row> read(String table) {
        try {
            abandoned(fileSystem()).finishPublications(); // a dead writer's half-moved run is finished first
        } catch (IOException e) {
            notices.accept("cannot check " + root + " for unfinished commits: " + e.getMessage());
        }
        return spark.read().schema(ResultTables.schema(table))
                .parquet(new Path(root, table).toString());
    }

    private String stageAndPublish(RunRecord run, List<LayerRecord> layers, List<TileRecord> tiles,
            List<OutputRecord> outputs) throws IOException {
        FileSystem fs = fileSystem();
        String what = "commit of run " + run.runId() + " under " + root;
        Path lockFile = AbandonedCommits.lockFile(root, run.runId());
        try (SweepLock lock = SweepLock.acquire(fs, lockFile, what, lockTiming, true,
                m -> notices.accept(what + ": " + m))) {
            int reclaimed = abandoned(fs).reclaimHeld(run.runId());
            if (reclaimed > 0) {
                notices.accept(what + ": cleared " + reclaimed + " staging directories of interrupted commits");
            }
            Path stagingRoot = new Path(root, STAGING);
            Path staging = new Path(stagingRoot, pathSafe(run.runId()) + "-" + UUID.randomUUID());
            boolean published = false;
            try {
                stage(staging, run, layers, tiles, outputs);
                StagedRun staged = StagedRun.locate(fs, staging);
                writeMarkers(fs, run, staged);
                for (String table : ResultTables.ALL) {
                    requireDirectory(fs, new Path(root, table));
                }
                if (lock.lostTo() != null) {
                    throw new IOException("lost the commit lock to " + lock.lostTo() + " before publishing");
                }
                new RunPublication(fs, root, staging).publish();
                published = true;
                return staged.target(root, RUNS).toString();
            } finally {
                // Runs on success and failure alike; a cleanup failure must not mask the real one. A failed
                // publication that could not restore the previous run keeps its journal for the next writer.
                if (published || !existsQuietly(fs, new Path(staging, RunPublication.PUBLISHING))) {
                    deleteQuietly(fs, staging, true);
                }
                deleteQuietly(fs, stagingRoot, false); // only when empty: other commits may be staging
            }
        }
    }

    /** Writes each table with one file per table (coalesce(1)) under the staging directory. */
    private void stage(Path staging, RunRecord run, List<LayerRecord> layers,
            List<TileRecord> tiles, List<OutputRecord> outputs) {
        String sweepId = run.sweepId();
        write(staging, RUNS, List.of(ResultTables.toRow(run)));
        write(staging, LAYERS, layers.stream().map(l -> ResultTables.toRow(l, sweepId)).toList());
        write(staging, TILES, tiles.stream().map(t -> ResultTables.toRow(t, sweepId)).toList());
        write(staging, OUTPUTS, outputs.stream().map(o -> ResultTables.toRow(o, sweepId)).toList());
    }

    private void write(Path staging, String table, List<Row> rows) {
        spark.createDataFrame(rows, ResultTables.schema(table))
                .coalesce(1)
                .write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy(SWEEP_ID, RUN_ID)
                .parquet(new Path(staging, table).toString());
    }

    /** The manifest and success marker go into the staged runs partition, so they move with it. */
    private void writeMarkers(FileSystem fs, RunRecord run, StagedRun staged) throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put(RUN_ID, run.runId());
        manifest.put(SWEEP_ID, run.sweepId());
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (String table : ResultTables.ALL) {
            files.put(table, staged.dataFiles(fs, table));
        }
        manifest.put("tables", files);
        Path runsPartition = staged.partition(RUNS);
        try (OutputStream out = fs.create(new Path(runsPartition, MANIFEST), false)) {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, manifest);
        }
        fs.create(new Path(runsPartition, SUCCESS), false).close();
    }

    /** Creates a table directory, failing if something that is not a directory is in the way. */
    static void requireDirectory(FileSystem fs, Path dir) throws IOException {
        if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
            throw new IOException(dir + " is not a directory");
        }
        if (!fs.mkdirs(dir)) {
            throw new IOException("cannot create " + dir);
        }
    }

    private AbandonedCommits abandoned(FileSystem fs) {
        return new AbandonedCommits(fs, root, lockTiming, notices);
    }

    private static boolean existsQuietly(FileSystem fs, Path path) {
        try {
            return fs.exists(path);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private FileSystem fileSystem() throws IOException {
        if (fileSystem != null) {
            return fileSystem;
        }
        return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    }

    private IllegalStateException unwritable(String reason, Throwable cause) {
        String oneLine = ("Output root " + root + " " + reason).replaceAll("\\s+", " ");
        return new IllegalStateException(oneLine, cause);
    }

    private static <T> void requireSameRun(String runId, List<T> records, String what,
            Function<T, String> idOf) {
        Objects.requireNonNull(records, what + " records");
        for (int i = 0; i < records.size(); i++) {
            String other = idOf.apply(records.get(i));
            if (!runId.equals(other)) {
                throw new IllegalArgumentException(what + " record " + i + " belongs to run "
                        + other + ", not to run " + runId);
            }
        }
    }

    /** A directory name fragment for the staging directory; the partition names come from Spark. */
    static String pathSafe(String runId) {
        String safe = runId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    static void deleteQuietly(FileSystem fs, Path path, boolean recursive) {
        try {
            fs.delete(path, recursive);
        } catch (IOException | RuntimeException e) {
            // Leftovers under _staging are invisible to readers; never let them hide the outcome.
        }
    }

    /**
     * Where Spark put each table of one staged run. The partition directory names
     * ({@code sweep_id=…}, {@code run_id=…}) are read back from the listing because Spark escapes
     * partition values; rebuilding them by hand would miss its escaping rules.
     *
     * @param sweepDir   name of the sweep partition directory, e.g. {@code sweep_id=s1}
     * @param runDir     name of the run partition directory, e.g. {@code run_id=r1}
     * @param partitions staged partition directory per table; absent for a table with no rows
     */
    private record StagedRun(String sweepDir, String runDir,
            Map<String, Path> partitions) {

        static StagedRun locate(FileSystem fs, Path staging) throws IOException {
            Map<String, Path> partitions = new LinkedHashMap<>();
            for (String table : ResultTables.ALL) {
                Path partition = onlyPartition(fs, new Path(staging, table), 0);
                if (partition != null) {
                    partitions.put(table, partition);
                }
            }
            Path runs = partitions.get(RUNS);
            if (runs == null) {
                throw new IOException("staged runs table has no partition under " + staging);
            }
            String sweepDir = runs.getParent().getName();
            String runDir = runs.getName();
            for (Map.Entry<String, Path> e : partitions.entrySet()) {
                Path p = e.getValue();
                if (!p.getName().equals(runDir) || !p.getParent().getName().equals(sweepDir)) {
                    throw new IOException("staged " + e.getKey() + " partition " + p
                            + " differs from runs partition " + runs);
                }
            }
            return new StagedRun(sweepDir, runDir, partitions);
        }

        /** Descends sweep_id=…/run_id=… and insists on exactly one directory per level. */
        private static Path onlyPartition(FileSystem fs, Path dir, int depth) throws IOException {
            if (depth == 2) {
                return dir;
            }
            if (!fs.exists(dir)) {
                return null;
            }
            List<Path> children = new ArrayList<>();
            for (FileStatus s : fs.listStatus(dir)) {
                if (s.isDirectory() && visible(s.getPath().getName())) {
                    children.add(s.getPath());
                }
            }
            if (children.isEmpty()) {
                return null; // an empty table: Spark wrote only _SUCCESS
            }
            if (children.size() > 1) {
                throw new IOException("expected one partition under " + dir + ", found " + children);
            }
            return onlyPartition(fs, children.get(0), depth + 1);
        }

        Path partition(String table) {
            return partitions.get(table);
        }

        Path target(Path root, String table) {
            return new Path(new Path(new Path(root, table), sweepDir), runDir);
        }

        /** Data files of a staged table, as paths relative to the root once published. */
        List<String> dataFiles(FileSystem fs, String table) throws IOException {
            List<String> files = new ArrayList<>();
            Path partition = partitions.get(table);
            if (partition != null) {
                for (FileStatus s : fs.listStatus(partition)) {
                    if (s.isFile() && visible(s.getPath().getName())) {
                        files.add(table + "/" + sweepDir + "/" + runDir + "/" + s.getPath().getName());
                    }
                }
            }
            files.sort(null);
            return files;
        }

        /** Spark readers skip names starting with '_' or '.'; so do we. */
        private static boolean visible(String name) {
            return !name.startsWith("_") && !name.startsWith(".");
        }
    }
}
