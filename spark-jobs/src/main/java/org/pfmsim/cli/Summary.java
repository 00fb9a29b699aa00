package org.pfmsim.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.pfmsim.results.LayerRecord;
import org.pfmsim.results.RunRecord;
import org.pfmsim.task.TaskMetrics;

/** The per-layer table printed after a run. */
final class Summary {
    private Summary() {
    }

    static void print(PrintStream out, RunRecord run, String location, List<LayerRecord> layers) {
        out.printf(Locale.ROOT, "run_id %s  platform %s  parameters %,d  rows %,d  batch %d  wall %.1f s%n",
                run.runId(), run.platform(), run.parameters(), run.rows(), run.batch(), run.wallSeconds());
        out.println("results " + location);
        out.printf(Locale.ROOT, "%5s %-16s %13s %6s %15s %15s %12s %12s %12s %12s%n", "layer", "kind", "rows x cols",
                "tiles", "rel_error_local", "rel_error_chain", "cosine_chain", "snr_db_chain", "energy_J", "latency_s");
        double energy = 0;
        double latency = 0;
        for (LayerRecord o : layers) {
            out.printf(Locale.ROOT, "%5d %-16s %13s %6d %15.4g %15.4g %12.6f %12.2f %12.4g %12.4g%n", o.layer(),
                    o.kind(), o.rows() + "x" + o.cols(), o.tiles(), o.relErrorLocal(), o.relErrorChain(),
                    o.cosineChain(), o.snrDbChain(), o.energyJoules(), o.latencySeconds());
            energy += o.energyJoules();
            latency += o.latencySeconds();
        }
        TaskMetrics t = run.task();
        if (t != null) {
            out.printf(Locale.ROOT, "task (%,d positions, %,d labelled): accuracy %s (digital %s), top-1 agreement %.4f,"
                    + " KL(digital || physical) %.4g nats, cross entropy %s (digital %s), perplexity %s (digital %s)%n",
                    t.positions(), t.labelled(), number(t.accuracy()), number(t.accuracyDigital()), t.top1Agreement(),
                    t.klDivergence(), number(t.crossEntropy()), number(t.crossEntropyDigital()),
                    number(t.perplexity()), number(t.perplexityDigital()));
        }
        out.printf(Locale.ROOT, "total energy %.4g J (%.4g J per sample), latency %.4g s for the %,d rows%n", energy,
                energy / run.rows(), latency, run.rows());
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a (no labels)" : String.format(Locale.ROOT, "%.4f", v);
    }
}
