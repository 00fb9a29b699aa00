package org.pfmsim.results;

import static org.pfmsim.results.ResultTables.RUNS;
import static org.pfmsim.results.ResultTables.SWEEP_ID;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Moves one staged commit (a run's tables, or a scaling study's one table) into the result tables, table by table, so that each table holds at every moment either
 * the run's previous partition or the new one whole, and so that a writer killed at any instant leaves a state
 * the next writer can finish ({@link #rollForward}). Callers hold the run's commit lock: no two publications of
 * one run id ever interleave.
 *
 * <p>The journal is the staging directory itself: a {@value #PUBLISHING} marker written before the first move
 * says "the staged run is complete; finish moving it in". Per table, the old partition (under every sweep) is
 * renamed aside into {@code <staging>/}{@value #REPLACED}, then the staged partition is renamed into place (two
 * renames, each atomic on local files and HDFS; the old partition is never deleted before the new one is in);
 * the other tables first, in {@link ResultTables#ALL}'s order, {@code runs} last, so a run's {@code runs} partition with its {@code _SUCCESS} appears only once its other
 * tables are in. Which tables have rows is read from the manifest in the staged {@code runs} partition, so a
 * resumed publication can tell "already moved in" from "no rows" for a table whose staged partition is gone.
 */
final class RunPublication {
    /** Marker in a staging directory: everything is staged, publication has begun. */
    static final String PUBLISHING = "_publishing";
    /** Where a publication puts the partitions it replaces, inside its staging directory. */
    static final String REPLACED = "_replaced";
    /** Every table of a run, {@code runs} last: its partition (with _SUCCESS) marks the run complete. */
    private static final List<String> RUN_ORDER = java.util.stream.Stream.concat(
            ResultTables.ALL.stream().filter(t -> !t.equals(RUNS)), java.util.stream.Stream.of(RUNS)).toList();
    /** A scaling study's one table, whose partition holds its own manifest and _SUCCESS. */
    private static final List<String> SCALING_ORDER = List.of(ResultTables.SCALING);

    private final FileSystem fs;
    private final Path root;
    private final Path staging;
    /** The tables in publication order; the last one's staged partition holds the manifest. */
    private final List<String> order;

    /**
     * The publication of whatever {@code staging} holds: a scaling study when it stages the {@code scaling}
     * table, else a run. One commit protocol serves every table.
     */
    RunPublication(FileSystem fs, Path root, Path staging) throws IOException {
        this.fs = fs;
        this.root = root;
        this.staging = staging;
        this.order = fs.exists(new Path(staging, ResultTables.SCALING)) ? SCALING_ORDER : RUN_ORDER;
    }

    /**
     * Publishes a freshly staged run. On a failure (not a kill) it puts the previous partitions back, removes the
     * journal and rethrows, so the last good run stays; if even that fails, the journal stays and the next
     * writer rolls forward.
     */
    void publish() throws IOException {
        fs.create(new Path(staging, PUBLISHING), false).close();
        List<String> done = new ArrayList<>();
        try {
            Layout layout = layout();
            for (String table : order) {
                swap(layout, table);
                done.add(table);
            }
        } catch (IOException | RuntimeException failure) {
            try {
                rollBack(done);
                fs.delete(new Path(staging, PUBLISHING), false);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
    }

    /**
     * Finishes the publication of a dead writer, if it had begun ({@value #PUBLISHING} present), else does
     * nothing; the caller then deletes the staging directory.
     *
     * @return true when a publication was finished
     */
    boolean rollForward() throws IOException {
        if (!fs.exists(new Path(staging, PUBLISHING))) {
            return false;
        }
        Layout layout = layout();
        if (layout == null) {
            return false; // the last table already moved in: the publication was complete but for the clean-up
        }
        for (String table : order) {
            swap(layout, table);
        }
        return true;
    }

    /**
     * One table's step, idempotent: staged partition present means not yet moved (set the old one aside, move it
     * in); absent with rows in the manifest means moved in already; absent without rows means the table only
     * needs the old partition set aside.
     */
    private void swap(Layout layout, String table) throws IOException {
        Path staged = layout.staged(staging, table);
        boolean pending = fs.exists(staged);
        if (!pending && layout.hasRows(table)) {
            return;
        }
        setAside(table, layout.runDir());
        if (!pending) {
            return;
        }
        Path target = layout.target(root, table);
        if (fs.exists(target)) {
            // Only a writer without the lock could have put it there; renaming onto it would nest the run in it.
            throw new IOException(target + " reappeared while its run was being published");
        }
        if (!fs.mkdirs(target.getParent())) {
            throw new IOException("cannot create " + target.getParent());
        }
        if (!fs.rename(staged, target)) {
            throw new IOException("cannot move " + staged + " to " + target);
        }
    }

    private Layout layout() throws IOException {
        return Layout.read(fs, staging, order.get(order.size() - 1));
    }

    /** Renames every partition {@code runDir} of {@code table} (under any sweep) into the replaced area. */
    private void setAside(String table, String runDir) throws IOException {
        for (Path old : partitions(fs, new Path(root, table), runDir)) {
            Path aside = new Path(new Path(new Path(staging, REPLACED), table + "-" + UUID.randomUUID()),
                    old.getParent().getName());
            if (!fs.mkdirs(aside)) {
                throw new IOException("cannot create " + aside);
            }
            if (!fs.rename(old, new Path(aside, runDir))) {
                throw new IOException("cannot move " + old + " aside to " + aside);
            }
        }
    }

    /** Undoes the swaps of {@code done}: the new partitions out, the replaced ones back. */
    private void rollBack(List<String> done) throws IOException {
        Layout layout = layout();
        for (String table : order) {
            String runDir = layout == null ? null : layout.runDir();
            if (runDir != null && done.contains(table)) {
                for (Path moved : partitions(fs, new Path(root, table), runDir)) {
                    if (!fs.delete(moved, true)) {
                        throw new IOException("cannot delete " + moved);
                    }
                }
            }
        }
        Path replaced = new Path(staging, REPLACED);
        if (!fs.exists(replaced)) {
            return;
        }
        for (FileStatus aside : fs.listStatus(replaced)) {
            String table = aside.getPath().getName().replaceFirst("-[0-9a-f-]{36}$", "");
            for (FileStatus sweep : fs.listStatus(aside.getPath())) {
                for (FileStatus run : fs.listStatus(sweep.getPath())) {
                    Path back = new Path(new Path(new Path(root, table), sweep.getPath().getName()),
                            run.getPath().getName());
                    if (!fs.mkdirs(back.getParent()) || !fs.rename(run.getPath(), back)) {
                        throw new IOException("cannot move " + run.getPath() + " back to " + back);
                    }
                }
            }
        }
    }

    /** The partitions named {@code runDir} of a table, under every sweep. */
    static List<Path> partitions(FileSystem fs, Path tableDir, String runDir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!fs.exists(tableDir) || !fs.getFileStatus(tableDir).isDirectory()) {
            return found;
        }
        for (FileStatus sweep : fs.listStatus(tableDir)) {
            Path old = new Path(sweep.getPath(), runDir);
            if (sweep.isDirectory() && sweep.getPath().getName().startsWith(SWEEP_ID + "=") && fs.exists(old)) {
                found.add(old);
            }
        }
        return found;
    }

    /**
     * A staged commit's partition names and which tables have rows, from the manifest in the staged partition of
     * its last table ({@code runs}, or {@code scaling}).
     */
    private record Layout(String sweepDir, String runDir, Map<String, List<String>> files) {
        /** Null when the last table's staged partition is gone (moved in). */
        static Layout read(FileSystem fs, Path staging, String lastTable) throws IOException {
            Path runsTable = new Path(staging, lastTable);
            if (!fs.exists(runsTable)) {
                return null;
            }
            for (FileStatus sweep : fs.listStatus(runsTable)) {
                if (!sweep.isDirectory() || !sweep.getPath().getName().startsWith(SWEEP_ID + "=")) {
                    continue;
                }
                for (FileStatus run : fs.listStatus(sweep.getPath())) {
                    Path manifest = new Path(run.getPath(), ResultStore.MANIFEST);
                    if (run.isDirectory() && fs.exists(manifest)) {
                        return new Layout(sweep.getPath().getName(), run.getPath().getName(), tables(fs, manifest));
                    }
                }
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, List<String>> tables(FileSystem fs, Path manifest) throws IOException {
            try (InputStream in = fs.open(manifest)) {
                Map<String, Object> json = new ObjectMapper().readValue(in, Map.class);
                return (Map<String, List<String>>) json.get("tables");
            }
        }

        boolean hasRows(String table) {
            List<String> f = files.get(table);
            return f != null && !f.isEmpty();
        }

        Path staged(Path staging, String table) {
            return new Path(new Path(new Path(staging, table), sweepDir), runDir);
        }

        Path target(Path root, String table) {
            return new Path(new Path(new Path(root, table), sweepDir), runDir);
        }
    }
}
