package org.pfmsim.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.pfmsim.scaling.ScalingPoint;
import org.pfmsim.scaling.ScalingRow;

/** The table {@code pfm scale} prints: one line per platform and parameter count. */
final class ScalingSummary {
    private ScalingSummary() {
    }

    static void print(PrintStream out, String runId, String location, List<ScalingRow> rows) {
        out.printf(Locale.ROOT, "scaling %s  %d rows%n", runId, rows.size());
        out.println("results " + location);
        out.printf(Locale.ROOT, "%-12s %9s %9s %7s %10s %10s %10s %11s %11s %11s %11s %10s %11s %11s%n",
                "platform", "params", "width", "depth", "tiles", "area_m2", "volume_m3", "J_per_MAC", "J_per_token",
                "latency_s", "tokens_s", "advantage", "calib_s", "calib_J");
        for (ScalingRow r : rows) {
            ScalingPoint p = r.point();
            out.printf(Locale.ROOT,
                    "%-12s %9.3g %9d %7d %10d %10s %10s %11.3e %11.3e %11.3e %11.3e %10.3g %11.3e %11.3e%n",
                    p.platform(), (double) p.workload().parameters(), p.workload().width(), p.workload().depth(),
                    p.tiles(), size(p.areaSquareMeters()), size(p.volumeCubicMeters()), p.energyPerMacJoules(),
                    p.energyPerTokenJoules(), p.latencyPerTokenSeconds(), p.throughputTokensPerSecond(),
                    r.advantage(), r.calibration().deviceSeconds(), r.calibration().energyJoules());
        }
    }

    private static String size(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }
}
