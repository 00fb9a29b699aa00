package org.pfmsim.results;

import static org.pfmsim.results.ResultTables.RUN_ID;
import static org.pfmsim.results.ResultTables.SCALING;
import static org.pfmsim.results.ResultTables.SWEEP_ID;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.sweep.SweepLock;

/**
 * Writes one scaling study into the {@code scaling} table under a results root, with the commit
 * protocol of {@link ResultStore}: the rows are staged in a hidden directory, the staged partition
 * ({@code sweep_id=…/run_id=…}) gets a {@code _manifest.json} and a {@code _SUCCESS} marker, the
 * earlier partition of the same run id (under any sweep) is deleted and the new one renamed into place.
 * A study is named by its config, so rerunning a config replaces its rows instead of duplicating them.
 * A failure before the swap leaves the previous version in place; nothing of the new one stays visible.
 */
public final class ScalingStore {
    private final SparkSession spark;
    private final Path root;

    public ScalingStore(SparkSession spark, String root) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.root = new Path(Objects.requireNonNull(root, "root"));
    }

    /**
     * @param runId the study's id; every row must carry it
     * @param rows  rows in {@link ResultTables#SCALING_SCHEMA} order
     * @return the location of the study's partition
     */
    public String commit(String runId, List<Row> rows) {
        for (Row r : rows) {
            if (!runId.equals(r.getString(0))) {
                throw new IllegalArgumentException("scaling row of run " + r.getString(0) + ", not " + runId);
            }
        }
        try {
            return stageAndPublish(runId, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("commit of scaling study " + runId + " under " + root + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The runs' commit protocol ({@link RunPublication}, under a commit lock): a study's staging is
     * {@code scaling-ID-UUID}, so its lock is the commit lock of {@code scaling-ID} and a dead writer's staging
     * is reclaimed (its publication finished) like a run's ({@link AbandonedCommits}); the old partition is set
     * aside, never deleted before the new one is in.
     */
    private String stageAndPublish(String runId, List<Row> rows) throws IOException {
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        String id = "scaling-" + runId;
        String what = "commit of scaling study " + runId + " under " + root;
        try (SweepLock lock = SweepLock.acquire(fs, AbandonedCommits.lockFile(root, id), what,
                ResultStore.COMMIT_LOCK, true, m -> System.err.println("pfm: " + what + ": " + m))) {
            new AbandonedCommits(fs, root, ResultStore.COMMIT_LOCK, m -> System.err.println("pfm: " + m))
                    .reclaimHeld(id);
            Path stagingRoot = new Path(root, ResultStore.STAGING);
            Path staging = new Path(stagingRoot, ResultStore.pathSafe(id) + "-" + UUID.randomUUID());
            boolean published = false;
            try {
                spark.createDataFrame(rows, ResultTables.SCALING_SCHEMA).coalesce(1).write()
                        .mode(SaveMode.ErrorIfExists).partitionBy(SWEEP_ID, RUN_ID)
                        .parquet(new Path(staging, SCALING).toString());
                Path sweepDir = onlyChild(fs, new Path(staging, SCALING));
                Path partition = onlyChild(fs, sweepDir);
                writeMarkers(fs, runId, sweepDir.getName(), partition);
                ResultStore.requireDirectory(fs, new Path(root, SCALING));
                if (lock.lostTo() != null) {
                    throw new IOException("lost the commit lock to " + lock.lostTo() + " before publishing");
                }
                new RunPublication(fs, root, staging).publish();
                published = true;
                return new Path(new Path(new Path(root, SCALING), sweepDir.getName()), partition.getName()).toString();
            } finally {
                if (published || !fs.exists(new Path(staging, RunPublication.PUBLISHING))) {
                    ResultStore.deleteQuietly(fs, staging, true);
                }
                ResultStore.deleteQuietly(fs, stagingRoot, false);
            }
        }
    }

    private static void writeMarkers(FileSystem fs, String runId, String sweepDir, Path partition) throws IOException {
        List<String> files = new ArrayList<>();
        for (FileStatus s : fs.listStatus(partition)) {
            String name = s.getPath().getName();
            if (s.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                files.add(SCALING + "/" + sweepDir + "/" + partition.getName() + "/" + name);
            }
        }
        files.sort(null);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put(RUN_ID, runId);
        manifest.put("tables", Map.of(SCALING, files));
        try (OutputStream out = fs.create(new Path(partition, "_manifest.json"), false)) {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, manifest);
        }
        fs.create(new Path(partition, "_SUCCESS"), false).close();
    }

    private static Path onlyChild(FileSystem fs, Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (s.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
                children.add(s.getPath());
            }
        }
        if (children.size() != 1) {
            throw new IOException("expected one partition under " + dir + ", found " + children);
        }
        return children.get(0);
    }
}
