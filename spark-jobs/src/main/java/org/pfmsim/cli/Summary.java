package org.pfmsim.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.pfmsim.results.LayerRecord;
import org.pfmsim.results.RunRecord;

/** The per-layer table printed after a run. */
final class Summary {
    private Summary() {
    }

    static void print(PrintStream out, RunRecord run, String location, List<LayerRecord> layers) {
        out.printf(Locale.ROOT, "run_id %s  platform %s  parameters %,d  batch %d  wall %.1f s%n", run.runId(),
                run.platform(), run.parameters(), run.batch(), run.wallSeconds());
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
        if (run.top1Agreement() != null) {
            out.printf(Locale.ROOT, "next token: top-1 agreement %.4f, KL(digital || physical) %.4g nats, accuracy %s"
                    + " (digital %s)%n", run.top1Agreement(), run.klDivergence(), fraction(run.accuracy()),
                    fraction(run.accuracyDigital()));
        }
        out.printf(Locale.ROOT, "total energy %.4g J (%.4g J per sample), latency %.4g s for the batch%n", energy,
                energy / run.batch(), latency);
    }

    private static String fraction(Double v) {
        return v == null ? "n/a (no labels)" : String.format(Locale.ROOT, "%.4f", v);
    }
}
