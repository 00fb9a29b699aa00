package org.pfmsim.results;

import static org.pfmsim.results.ResultTables.RUNS;
import static org.pfmsim.results.ResultTables.RUN_ID;
import static org.pfmsim.results.ResultTables.SWEEP_ID;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * What a resumable sweep asks of the {@link ResultStore} layout, answered from the file system alone (no
 * Spark session): is a run committed, and clearing what killed commits left behind.
 */
public final class CommittedRuns {
    private CommittedRuns() {
    }

    /**
     * Whether run {@code runId} of sweep {@code sweepId} is committed under {@code root}: its {@code runs}
     * partition holds {@code _SUCCESS}, which a commit moves in last, so a run interrupted anywhere before that
     * is not committed, and committing it again replaces whatever it left in {@code layers} or {@code tiles}.
     *
     * @param sweepId the sweep, or null for runs outside a sweep
     */
    public static boolean isCommitted(FileSystem fs, Path root, String sweepId, String runId) throws IOException {
        // Spark's own escaping of partition values, as in the directories its writer made.
        String sweepDir = ExternalCatalogUtils.getPartitionPathString(SWEEP_ID,
                sweepId == null ? ExternalCatalogUtils.DEFAULT_PARTITION_NAME() : sweepId);
        String runDir = ExternalCatalogUtils.getPartitionPathString(RUN_ID, runId);
        Path partition = new Path(new Path(new Path(root, RUNS), sweepDir), runDir);
        return fs.exists(new Path(partition, ResultStore.SUCCESS));
    }

    /**
     * Deletes the staging directories that killed commits of {@code runId} left under {@code root}: invisible
     * to readers, but each holds a copy of the run's tables. Call it only while no commit of this run id is
     * running (the condition {@link ResultStore#commit} already sets); a sweep holding its lock meets it.
     *
     * @return how many were deleted
     */
    public static int discardStaging(FileSystem fs, Path root, String runId) throws IOException {
        Path stagingRoot = new Path(root, ResultStore.STAGING);
        if (!fs.exists(stagingRoot)) {
            return 0;
        }
        String prefix = ResultStore.pathSafe(runId) + "-";
        int deleted = 0;
        for (FileStatus s : fs.listStatus(stagingRoot)) {
            String name = s.getPath().getName();
            if (name.startsWith(prefix) && isUuid(name.substring(prefix.length())) && fs.delete(s.getPath(), true)) {
                deleted++;
            }
        }
        try {
            fs.delete(stagingRoot, false); // only when empty: other runs may be staging
        } catch (IOException notEmpty) {
            // left for the commit that is using it
        }
        return deleted;
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
