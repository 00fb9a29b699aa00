package org.pfmsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a report goes, through the Hadoop file system of its path (local or any Hadoop URI). A report
 * directory carries a {@code _pfm-report} marker; only such a directory is ever replaced, and it is
 * replaced whole: the new report is written beside it under a hidden name, then the old one is moved
 * aside, the new one moved in and the old one deleted, so a reader sees the old report or the new one,
 * never a mix (for the instant between the two renames, none).
 */
public final class ReportDirectory {
    static final String MARKER = "_pfm-report";

    private final FileSystem fs;
    private final Path dir;

    public ReportDirectory(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    /** True when nothing is at the path yet. */
    public boolean absent() throws IOException {
        return !fs.exists(dir);
    }

    /** True when the path holds a report this command wrote (and so may be replaced). */
    public boolean holdsPreviousReport() throws IOException {
        return fs.exists(dir) && fs.getFileStatus(dir).isDirectory() && fs.exists(new Path(dir, MARKER));
    }

    /**
     * Writes {@code files} as the report, replacing a previous report.
     *
     * @throws IllegalStateException if something that is not a report is at the path
     */
    public void publish(Map<String, byte[]> files) {
        Path parent = dir.getParent();
        Path fresh = new Path(parent, "." + dir.getName() + ".new-" + UUID.randomUUID());
        Path old = new Path(parent, "." + dir.getName() + ".old-" + UUID.randomUUID());
        try {
            if (!absent() && !holdsPreviousReport()) {
                throw new IllegalStateException(dir + " exists and is not a report written by pfm report");
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                write(new Path(fresh, f.getKey()), f.getValue());
            }
            write(new Path(fresh, MARKER), "written by pfm report; replaced whole by the next one\n"
                    .getBytes(StandardCharsets.UTF_8));
            boolean replacing = !absent();
            if (replacing && !fs.rename(dir, old)) {
                throw new IOException("cannot move the previous report " + dir + " aside");
            }
            if (!fs.rename(fresh, dir)) {
                throw new IOException("cannot move " + fresh + " to " + dir);
            }
            if (replacing) {
                fs.delete(old, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("report " + dir + " not written: " + e.getMessage(), e);
        } finally {
            try {
                fs.delete(fresh, true);
            } catch (IOException e) {
                // a hidden leftover; the outcome above is what matters
            }
        }
    }

    private void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(file, false)) {
            out.write(bytes);
        }
    }
}
