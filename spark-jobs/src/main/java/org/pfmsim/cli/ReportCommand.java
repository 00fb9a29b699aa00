package org.pfmsim.cli;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.report.Report;
import org.pfmsim.report.ReportDirectory;
import org.pfmsim.results.ResultStore;
import org.pfmsim.results.ResultTables;
import org.pfmsim.spark.SparkSessions;

/**
 * {@code pfm report RESULTS_ROOT [--out DIR]}: PNG plots and a Markdown summary of a results root, in
 * {@code RESULTS_ROOT/report} by default. A previous report there is replaced whole (and the command says
 * so); anything else at that path is left alone and the command refuses.
 */
final class ReportCommand implements Command {
    static final String USAGE = "RESULTS_ROOT [--out DIR]";

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String arguments() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String root = null;
        String outDir = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--out") && i + 1 < args.size()) {
                outDir = args.get(++i);
            } else if (a.startsWith("--out=")) {
                outDir = a.substring("--out=".length());
            } else if (a.startsWith("-")) {
                throw new UsageException(a.equals("--out") ? "--out needs a directory" : "unknown option " + a);
            } else if (root == null) {
                root = a;
            } else {
                throw new UsageException("one results root expected, got " + root + " and " + a);
            }
        }
        if (root == null) {
            throw new UsageException("missing RESULTS_ROOT");
        }
        // Charts are drawn off-screen: no display is needed (or wanted) on a server.
        System.setProperty("java.awt.headless", "true");
        Path target = outDir == null ? new Path(root, "report") : new Path(outDir);
        SparkSession spark = SparkSessions.start("pfm-sim report");
        try {
            FileSystem rootFs = fileSystem(spark, new Path(root));
            boolean hasRuns = exists(rootFs, new Path(root, ResultTables.RUNS));
            boolean hasScaling = exists(rootFs, new Path(root, ResultTables.SCALING));
            if (!hasRuns && !hasScaling) {
                throw new UsageException(root + " holds neither a runs nor a scaling table");
            }
            ReportDirectory dir = new ReportDirectory(fileSystem(spark, target), target);
            boolean replacing = previous(dir, target);
            ResultStore store = new ResultStore(spark, root);
            List<Row> runs = hasRuns ? store.read(ResultTables.RUNS).filter(col("status").equalTo("complete"))
                    .select(ResultTables.RUN_ID, ResultTables.SWEEP_ID, "config", "accuracy", "accuracy_digital")
                    .collectAsList() : List.of();
            List<Row> layers = hasRuns ? store.read(ResultTables.LAYERS)
                    .select(ResultTables.RUN_ID, "layer", "rel_error_chain", "snr_db_chain").collectAsList() : List.of();
            List<Row> scaling = hasScaling ? store.read(ResultTables.SCALING).collectAsList() : List.of();
            Map<String, byte[]> files = Report.build(root, runs, layers, scaling);
            dir.publish(files);
            out.println((replacing ? "replaced the previous report in " : "report in ") + target + ": "
                    + String.join(" ", files.keySet()));
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static boolean previous(ReportDirectory dir, Path target) {
        try {
            if (dir.absent()) {
                return false;
            }
            if (!dir.holdsPreviousReport()) {
                throw new UsageException("--out " + target + " exists and is not a report written by pfm report: "
                        + "refusing to overwrite it");
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + target + ": " + e.getMessage(), e);
        }
    }

    private static FileSystem fileSystem(SparkSession spark, Path p) {
        try {
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("no file system for " + p + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(FileSystem fs, Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
