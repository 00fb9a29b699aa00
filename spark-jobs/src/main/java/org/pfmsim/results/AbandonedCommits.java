package org.pfmsim.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pfmsim.sweep.SweepLock;
import org.pfmsim.sweep.SweepLockedException;

/**
 * What writers that died mid-commit left in an output root's {@code _staging}, and reclaiming it. A staging
 * directory is {@code ID-UUID} ({@link ResultStore#pathSafe} of the run id); a live writer holds the run id's
 * commit lock for as long as its staging exists, so staging of a run id whose lock is free (or is held by the
 * caller) belongs to a dead writer. Reclaiming one finishes its publication if it had begun
 * ({@link RunPublication#rollForward}: the staged run was complete) and then deletes it.
 */
public final class AbandonedCommits {
    private final FileSystem fs;
    private final Path root;
    private final SweepLock.Timing lockTiming;
    private final Consumer<String> notices;

    /**
     * @param notices one-line notices (a dead writer's commit finished, a lock taken over)
     */
    public AbandonedCommits(FileSystem fs, Path root, SweepLock.Timing lockTiming, Consumer<String> notices) {
        this.fs = fs;
        this.root = root;
        this.lockTiming = lockTiming;
        this.notices = notices;
    }

    /** For a sweep, outside any commit: the commit lock timing every {@code ResultStore} uses. */
    public static AbandonedCommits of(FileSystem fs, Path root, Consumer<String> notices) {
        return new AbandonedCommits(fs, root, ResultStore.COMMIT_LOCK, notices);
    }

    /** The commit lock file of a run id. */
    static Path lockFile(Path root, String runId) {
        return new Path(new Path(root, ResultStore.LOCKS), ResultStore.pathSafe(runId) + ".lock");
    }

    /**
     * Reclaims every staging directory of {@code runId}; the caller holds its commit lock.
     *
     * @return how many were reclaimed
     */
    int reclaimHeld(String runId) throws IOException {
        return reclaim(byRunId().getOrDefault(ResultStore.pathSafe(runId), List.of()));
    }

    /**
     * Reclaims every staging directory of {@code runId} unless a live writer holds its lock.
     *
     * @return how many were reclaimed (0 while a writer of the run is alive)
     */
    public int reclaim(String runId) throws IOException {
        List<Path> stagings = byRunId().getOrDefault(ResultStore.pathSafe(runId), List.of());
        return stagings.isEmpty() ? 0 : reclaimUnlocked(runId, stagings);
    }

    /**
     * Finishes every publication a dead writer had begun, so each table holds whole runs before anyone reads it.
     * Failures become notices; the journals then stay for the next writer.
     */
    void finishPublications() {
        try {
            for (Map.Entry<String, List<Path>> e : byRunId().entrySet()) {
                List<Path> journals = new ArrayList<>();
                for (Path staging : e.getValue()) {
                    if (fs.exists(new Path(staging, RunPublication.PUBLISHING))) {
                        journals.add(staging);
                    }
                }
                if (!journals.isEmpty()) {
                    reclaimUnlocked(e.getKey(), journals);
                }
            }
            Path stagingRoot = new Path(root, ResultStore.STAGING);
            if (fs.exists(stagingRoot) && fs.listStatus(stagingRoot).length == 0) {
                ResultStore.deleteQuietly(fs, stagingRoot, false); // a clean-up a failing writer could not do
            }
        } catch (IOException | RuntimeException e) {
            notices.accept("left unfinished commits under " + root + " for the next writer: " + e.getMessage());
        }
    }

    /** Whether a publication of {@code runId} that a writer began waits in {@code _staging} to be finished. */
    public boolean hasPendingPublication(String runId) throws IOException {
        for (Path staging : byRunId().getOrDefault(ResultStore.pathSafe(runId), List.of())) {
            if (fs.exists(new Path(staging, RunPublication.PUBLISHING))) {
                return true;
            }
        }
        return false;
    }

    private int reclaimUnlocked(String id, List<Path> stagings) throws IOException {
        String what = "commit of run " + id + " under " + root;
        try (SweepLock lock = SweepLock.acquire(fs, lockFile(root, id), what, lockTiming, false,
                m -> notices.accept(what + ": " + m))) {
            return reclaim(stagings);
        } catch (SweepLockedException live) {
            return 0; // a live writer's staging
        }
    }

    private int reclaim(List<Path> stagings) throws IOException {
        int reclaimed = 0;
        for (Path staging : stagings) {
            if (new RunPublication(fs, root, staging).rollForward()) {
                notices.accept("finished the commit a stopped writer had begun in " + staging);
            }
            if (fs.delete(staging, true)) {
                reclaimed++;
            }
        }
        if (!stagings.isEmpty()) {
            ResultStore.deleteQuietly(fs, new Path(root, ResultStore.STAGING), false); // only when empty
        }
        return reclaimed;
    }

    /** Staging directories by the path-safe run id their names start with. */
    private Map<String, List<Path>> byRunId() throws IOException {
        Map<String, List<Path>> byId = new LinkedHashMap<>();
        Path stagingRoot = new Path(root, ResultStore.STAGING);
        if (!fs.exists(stagingRoot)) {
            return byId;
        }
        for (FileStatus s : fs.listStatus(stagingRoot)) {
            String id = stagedRunId(s.getPath().getName());
            if (id != null && s.isDirectory()) {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(s.getPath());
            }
        }
        return byId;
    }

    /** The path-safe run id of a staging directory name {@code ID-UUID}, or null for another name. */
    static String stagedRunId(String name) {
        if (name.length() < 38 || name.charAt(name.length() - 37) != '-') {
            return null;
        }
        String uuid = name.substring(name.length() - 36);
        try {
            return UUID.fromString(uuid).toString().equals(uuid) ? name.substring(0, name.length() - 37) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
