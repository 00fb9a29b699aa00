package org.pfmsim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.results.CommittedRuns;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.sweep.SweepLock;
import org.pfmsim.sweep.SweepLockedException;
import scala.Tuple2;

/**
 * {@code pfm sweep SWEEP_CONFIG [--set key=value]... [--wait]}: every point of a sweep, one after another in
 * one Spark session, under a lock on (output root, sweep name).
 *
 * <p>Resumable and idempotent: a point whose run is committed under the sweep ({@link CommittedRuns}) is
 * skipped, any other is run and committed through {@link RunCommand}, whose commit replaces whatever an
 * interrupted attempt left. Exit status: 0 every point complete; 1 a point failed (points committed before
 * it stay, a rerun resumes); 2 bad usage or sweep config (nothing run); {@value #LOCKED} (EX_TEMPFAIL of
 * sysexits.h, which schedulers treat as "retry later") another sweep holds the lock, or took it over.
 */
final class SweepCommand implements Command {
    static final int LOCKED = 75;
    /** Hidden from Parquet readers by the leading underscore. */
    static final String LOCK_DIR = "_sweep_locks";

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String arguments() {
        return "SWEEP_CONFIG [--set key=value]... [--wait]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(args);
        boolean wait = rest.remove("--wait");
        ConfigArgs parsed = ConfigArgs.parse(rest);
        SweepConfig sweep = SweepConfig.load(parsed.configPath(), parsed.overrides());
        List<SweepPlan.Point> points = SweepPlan.expand(sweep,
                m -> err.println("pfm: sweep " + sweep.name() + ": " + m));
        String root = points.get(0).config().outputRoot();
        String what = "sweep " + sweep.name() + " under " + root;
        try {
            Path rootPath = new Path(root);
            FileSystem fs = rootPath.getFileSystem(hadoopConfiguration());
            Path lockFile = new Path(new Path(rootPath, LOCK_DIR), sweep.name() + ".lock");
            try (SweepLock lock = SweepLock.acquire(fs, lockFile, what, sweep.lockTiming(), wait,
                    m -> err.println("pfm: " + what + ": " + m))) {
                err.printf(Locale.ROOT, "pfm: %s: %d points (%s of %d axes)%n", what, points.size(),
                        sweep.zip() ? "zip" : "grid", sweep.axes().size());
                return runPoints(sweep, points, fs, rootPath, lock, out, err);
            }
        } catch (SweepLockedException e) {
            err.println("pfm: " + e.getMessage());
            return LOCKED;
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": " + e.getMessage(), e);
        }
    }

    private static int runPoints(SweepConfig sweep, List<SweepPlan.Point> points, FileSystem fs, Path root,
            SweepLock lock, PrintStream out, PrintStream err) throws IOException {
        SparkSession spark = null; // started at the first point to run: a complete sweep needs none
        boolean ownSession = false; // a session the caller already has (a notebook, a driver) is left running
        int ran = 0;
        try {
            out.printf(Locale.ROOT, "%-9s %-16s %-8s %s%n", "point", "run_id", "status", "axes");
            for (SweepPlan.Point p : points) {
                if (lock.lostTo() != null) {
                    throw new SweepLockedException("sweep " + sweep.name() + " lost its lock to " + lock.lostTo()
                            + " before point " + p.number() + "/" + p.total() + "; rerun to resume");
                }
                String id = p.runId();
                String head = String.format(Locale.ROOT, "pfm: sweep %s point %d/%d (%s) run %s: ", sweep.name(),
                        p.number(), p.total(), p.describe(), id);
                boolean complete = CommittedRuns.isCommitted(fs, root, sweep.name(), id);
                if (complete) {
                    err.println(head + "skipped (complete)");
                } else {
                    if (spark == null) {
                        ownSession = SparkSession.getDefaultSession().isEmpty();
                        spark = SparkSessions.start("pfm-sim sweep " + sweep.name());
                    }
                    int leftovers = CommittedRuns.discardStaging(fs, root, id);
                    err.println(head + "running" + (leftovers > 0 ? " (cleared " + leftovers
                            + " staging directories of an interrupted attempt)" : ""));
                    long t0 = System.nanoTime();
                    try {
                        RunCommand.execute(p.config(), spark, err);
                    } catch (RuntimeException e) {
                        // The scheduler's one line names the point; earlier points stay committed.
                        throw new IllegalStateException("point " + p.number() + "/" + p.total() + " (" + p.describe()
                                + ") run " + id + ": " + ConfigLoader.oneLine(e.getMessage()) + " ("
                                + e.getClass().getSimpleName() + "); rerun to resume", e);
                    }
                    err.printf(Locale.ROOT, "%sdone in %.1f s%n", head, (System.nanoTime() - t0) / 1e9);
                    ran++;
                }
                out.printf(Locale.ROOT, "%-9s %-16s %-8s %s%n", p.number() + "/" + p.total(), id,
                        complete ? "skipped" : "ran", p.describe());
            }
        } finally {
            if (spark != null && ownSession) {
                spark.stop();
            }
        }
        out.printf(Locale.ROOT, "sweep %s: %d points, %d ran, %d skipped (complete); results %s%n", sweep.name(),
                points.size(), ran, points.size() - ran, root);
        return 0;
    }

    /** The Hadoop configuration a Spark session would use (spark.hadoop.* settings), without starting one. */
    private static Configuration hadoopConfiguration() {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> kv : SparkSessions.conf("pfm-sim sweep").getAllWithPrefix("spark.hadoop.")) {
            hadoop.set(kv._1(), kv._2());
        }
        return hadoop;
    }
}
