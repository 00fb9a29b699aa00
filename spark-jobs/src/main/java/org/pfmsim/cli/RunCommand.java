package org.pfmsim.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.config.ConfigException;
import org.pfmsim.forward.ForwardPass;
import org.pfmsim.forward.LayerOutcome;
import org.pfmsim.forward.ResultRecords;
import org.pfmsim.forward.Simulation;
import org.pfmsim.forward.SparkLayerExecutor;
import org.pfmsim.placement.MemoryEstimate;
import org.pfmsim.results.ResultStore;
import org.pfmsim.results.RunRecord;
import org.pfmsim.spark.SparkSessions;

/** {@code pfm run}: one simulation on Spark, committed to the results root, summarized on stdout. */
final class RunCommand implements Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String arguments() {
        return ConfigArgs.USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return execute(ConfigArgs.parse(args).load(), out, err);
    }

    /** Runs one resolved config to completion and commits it; returns the exit status. */
    static int execute(RunConfig config, PrintStream out, PrintStream err) {
        Simulation sim = config.simulation();
        MemoryEstimate memory = MemoryEstimate.of(sim.model(), sim.tiling(), sim.batch());
        long heap = Runtime.getRuntime().maxMemory();
        if (memory.driverBytes() > heap / 2) {
            throw ConfigException.of("batch.size", sim.batch(), "a batch whose activations fit the driver heap: "
                    + "estimated " + memory.describe() + " against " + (heap >> 20) + " MiB of heap");
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        SparkSession spark = SparkSessions.start("pfm-sim run " + config.runId());
        try {
            ResultStore store = new ResultStore(spark, config.outputRoot());
            store.checkWritable();
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = sim.tiling().partitions() > 0 ? sim.tiling().partitions() : 2 * jsc.defaultParallelism();
            err.printf(Locale.ROOT, "pfm: run %s: %s, %d layers, %,d parameters, batch %d, %d partitions; memory %s%n",
                    config.runId(), sim.platform().kind(), sim.model().depth(), sim.model().parameterCount(),
                    sim.batch(), partitions, memory.describe());
            List<LayerOutcome> layers = ForwardPass.run(sim, new SparkLayerExecutor(jsc), partitions,
                    (o, n) -> err.printf(Locale.ROOT, "pfm: layer %d/%d done in %.2f s, rel_error_chain %.4g%n",
                            o.spec().index() + 1, n, o.wallSeconds(), o.chain().relativeL2Error()),
                    ForwardPass.Retention.LAST_LAYER);
            double wall = (System.nanoTime() - t0) / 1e9;
            RunRecord run = new RunRecord(config.runId(), config.sweepId(), config.configHash(), config.configJson(),
                    sim.platform().kind(), sim.model().parameterCount(), sim.batch(), "complete", wall, started,
                    CodeVersion.get());
            String location = store.commit(run, ResultRecords.layers(config.runId(), layers),
                    ResultRecords.tiles(config.runId(), layers));
            Summary.print(out, run, location, layers);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
