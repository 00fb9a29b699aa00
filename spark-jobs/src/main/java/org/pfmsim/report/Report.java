package org.pfmsim.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.pfmsim.report.FidelitySweeps.Curve;
import org.pfmsim.report.FidelitySweeps.Point;
import org.pfmsim.scaling.BudgetPicker;

/**
 * The content of {@code pfm report}: PNG plots of fidelity versus physical budget (one per budget key,
 * a line per sweep), of task accuracy versus budget (sweeps whose runs have an accuracy) and of cost versus parameter count (per scaling study: energy and latency per token,
 * a line per platform), and {@code report.md}, which shows them with the numbers behind them.
 */
public final class Report {
    /** The summary's file name. */
    public static final String SUMMARY = "report.md";

    private Report() {
    }

    /**
     * @param root    the results root, as named in the summary
     * @param runs    rows of {@code runs} (run_id, sweep_id, config), complete runs only
     * @param layers  rows of {@code layers} (run_id, layer, rel_error_chain, snr_db_chain)
     * @param scaling rows of {@code scaling}
     * @return file name to content, the summary last
     */
    public static Map<String, byte[]> build(String root, List<Row> runs, List<Row> layers, List<Row> scaling) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder();
        md.append("# pfm-sim report\n\nResults root: `").append(root).append("`: ").append(runs.size())
                .append(" runs, ").append(scaling.size()).append(" scaling rows.\n");
        List<Curve> curves = FidelitySweeps.curves(runs, layers);
        fidelity(curves, files, md);
        accuracy(curves, files, md);
        cost(scaling, files, md);
        files.put(SUMMARY, md.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static void fidelity(List<Curve> curves, Map<String, byte[]> files, StringBuilder md) {
        md.append("\n## Fidelity versus physical budget\n\n");
        if (curves.isEmpty()) {
            md.append("No sweep varies a numeric config key over runs with layers: nothing to plot.\n");
            return;
        }
        md.append("Relative L2 error of the physical chain against the ideal chain at each run's last layer "
                + "(`rel_error_chain`), against the config key the sweep varied.\n");
        Map<String, List<Curve>> byKey = new TreeMap<>();
        curves.forEach(c -> byKey.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c));
        for (Map.Entry<String, List<Curve>> e : byKey.entrySet()) {
            String file = "fidelity-" + e.getKey().replaceAll("[^A-Za-z0-9]+", "-") + ".png";
            List<Charts.Series> series = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Curve c : e.getValue()) {
                double[] x = c.points().stream().mapToDouble(Point::budget).toArray();
                double[] y = c.points().stream().mapToDouble(Point::relErrorChain).toArray();
                series.add(new Charts.Series(c.sweep(), x, y));
                c.points().forEach(p -> {
                    xs.add(p.budget());
                    ys.add(p.relErrorChain());
                });
            }
            // Log axes where the values span a decade (photon budgets, errors); linear otherwise (bits).
            files.put(file, Charts.png("Fidelity versus " + e.getKey(), e.getKey(), "rel_error_chain (last layer)",
                    series, Charts.spansDecade(xs.stream().mapToDouble(d -> d).toArray()),
                    Charts.spansDecade(ys.stream().mapToDouble(d -> d).toArray())));
            md.append("\n### ").append(e.getKey()).append("\n\n![fidelity versus ").append(e.getKey()).append("](")
                    .append(file).append(")\n\n| sweep | ").append(e.getKey())
                    .append(" | run_id | rel_error_chain | snr_db_chain |\n|---|---|---|---|---|\n");
            for (Curve c : e.getValue()) {
                for (Point p : c.points()) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4g | %.2f |%n", c.sweep(),
                            BudgetPicker.plain(p.budget()), p.runId(), p.relErrorChain(), p.snrDbChain()));
                }
            }
        }
    }

    /**
     * Task accuracy against the budget, for the sweeps whose every run has an accuracy (a classifier given
     * labels, or a decoder): the physical model's, with the digital model's as the ceiling.
     */
    private static void accuracy(List<Curve> curves, Map<String, byte[]> files, StringBuilder md) {
        Map<String, List<Curve>> byKey = new TreeMap<>();
        curves.stream().filter(c -> c.points().stream().allMatch(p -> p.accuracy() != null))
                .forEach(c -> byKey.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c));
        if (byKey.isEmpty()) {
            return;
        }
        md.append("\n## Task accuracy versus physical budget\n\nThe physical model's `accuracy` against the config "
                + "key the sweep varied; the digital model's (`accuracy_digital`) is the ceiling.\n");
        for (Map.Entry<String, List<Curve>> e : byKey.entrySet()) {
            String file = "accuracy-" + e.getKey().replaceAll("[^A-Za-z0-9]+", "-") + ".png";
            List<Charts.Series> series = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            for (Curve c : e.getValue()) {
                double[] x = c.points().stream().mapToDouble(Point::budget).toArray();
                series.add(new Charts.Series(c.sweep(), x,
                        c.points().stream().mapToDouble(Point::accuracy).toArray()));
                series.add(new Charts.Series(c.sweep() + " (digital)", x,
                        c.points().stream().mapToDouble(p -> p.accuracyDigital() == null ? Double.NaN
                                : p.accuracyDigital()).toArray()));
                c.points().forEach(p -> xs.add(p.budget()));
            }
            files.put(file, Charts.png("Accuracy versus " + e.getKey(), e.getKey(), "accuracy", series,
                    Charts.spansDecade(xs.stream().mapToDouble(d -> d).toArray()), false));
            md.append("\n### ").append(e.getKey()).append("\n\n![accuracy versus ").append(e.getKey()).append("](")
                    .append(file).append(")\n\n| sweep | ").append(e.getKey())
                    .append(" | run_id | accuracy | accuracy_digital |\n|---|---|---|---|---|\n");
            for (Curve c : e.getValue()) {
                for (Point p : c.points()) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4f | %s |%n", c.sweep(),
                            BudgetPicker.plain(p.budget()), p.runId(), p.accuracy(),
                            p.accuracyDigital() == null ? "" : String.format(Locale.ROOT, "%.4f", p.accuracyDigital())));
                }
            }
        }
    }

    private static void cost(List<Row> scaling, Map<String, byte[]> files, StringBuilder md) {
        md.append("\n## Cost versus parameter count\n\n");
        if (scaling.isEmpty()) {
            md.append("No `scaling` table under this root (run `pfm scale`): nothing to plot.\n");
            return;
        }
        Map<String, Map<String, List<Row>>> byStudy = new TreeMap<>();
        for (Row r : scaling) {
            byStudy.computeIfAbsent(r.getAs("run_id"), s -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getAs("platform"), p -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, Map<String, List<Row>>> study : byStudy.entrySet()) {
            String id = study.getKey();
            md.append("### Scaling study ").append(id).append("\n\n");
            for (String[] plot : new String[][] {{"energy_per_token_joules", "Energy per token (J)"},
                    {"latency_per_token_seconds", "Latency per token (s)"}}) {
                String file = "cost-" + plot[0].replace('_', '-') + "-" + id + ".png";
                List<Charts.Series> series = new ArrayList<>();
                study.getValue().forEach((platform, rows) -> series.add(new Charts.Series(platform,
                        column(rows, "parameters"), column(rows, plot[0]))));
                files.put(file, Charts.png(plot[1] + " versus parameters", "parameters", plot[1], series, true, true));
                md.append("![").append(plot[1]).append("](").append(file).append(")\n\n");
            }
            md.append("| platform | parameters | energy per token (J) | latency per token (s) | advantage |\n"
                    + "|---|---|---|---|---|\n");
            study.getValue().forEach((platform, rows) -> rows.stream()
                    .sorted((a, b) -> Long.compare(a.getAs("parameters"), b.getAs("parameters")))
                    .filter(r -> isPowerOf1000(r.<Long>getAs("parameters")))
                    .forEach(r -> md.append(String.format(Locale.ROOT, "| %s | %.0e | %.3g | %.3g | %.3g |%n", platform,
                            (double) r.<Long>getAs("parameters"), r.<Double>getAs("energy_per_token_joules"),
                            r.<Double>getAs("latency_per_token_seconds"), r.<Double>getAs("advantage")))));
            md.append('\n');
        }
    }

    /** The table lists 10^9, 10^12, 10^15, 10^18 (and other powers of 1000): the plots show the rest. */
    private static boolean isPowerOf1000(long n) {
        double e = Math.log10(n) / 3;
        return n > 0 && Math.abs(e - Math.rint(e)) < 1e-9 && Math.round(Math.pow(10, 3 * Math.rint(e))) == n;
    }

    private static double[] column(List<Row> rows, String name) {
        return rows.stream().sorted((a, b) -> Long.compare(a.getAs("parameters"), b.getAs("parameters")))
                .mapToDouble(r -> ((Number) r.getAs(name)).doubleValue()).toArray();
    }
}
