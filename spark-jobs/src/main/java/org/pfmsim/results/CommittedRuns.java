package org.pfmsim.results;

import static org.pfmsim.results.ResultTables.RUNS;
import static org.pfmsim.results.ResultTables.RUN_ID;
import static org.pfmsim.results.ResultTables.SWEEP_ID;

import java.io.IOException;
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
     * is not committed, and committing it again replaces whatever it left in {@code layers} or {@code tiles};
     * nor is one whose rerun's publication a killed writer left unfinished.
     *
     * @param sweepId the sweep, or null for runs outside a sweep
     */
    public static boolean isCommitted(FileSystem fs, Path root, String sweepId, String runId) throws IOException {
        // Spark's own escaping of partition values, as in the directories its writer made.
        String sweepDir = ExternalCatalogUtils.getPartitionPathString(SWEEP_ID,
                sweepId == null ? ExternalCatalogUtils.DEFAULT_PARTITION_NAME() : sweepId);
        String runDir = ExternalCatalogUtils.getPartitionPathString(RUN_ID, runId);
        Path partition = new Path(new Path(new Path(root, RUNS), sweepDir), runDir);
        // A publication a killed writer began is not complete, even while the previous run's _SUCCESS stays.
        return fs.exists(new Path(partition, ResultStore.SUCCESS))
                && !AbandonedCommits.of(fs, root, m -> { }).hasPendingPublication(runId);
    }

    /**
     * Reclaims the staging directories that killed commits of {@code runId} left under {@code root}
     * ({@link AbandonedCommits#reclaim}): a publication that had begun is finished, anything else deleted; none
     * while a live writer holds the run's commit lock.
     *
     * @return how many were reclaimed
     */
    public static int discardStaging(FileSystem fs, Path root, String runId) throws IOException {
        return AbandonedCommits.of(fs, root, m -> System.err.println("pfm: " + m)).reclaim(runId);
    }
}
