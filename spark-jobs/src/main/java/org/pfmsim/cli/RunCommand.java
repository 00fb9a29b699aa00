package org.pfmsim.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.config.ConfigException;
import org.pfmsim.task.TaskMetrics;
import org.pfmsim.forward.DecoderForwardPass;
import org.pfmsim.forward.DecoderSimulation;
import org.pfmsim.forward.ForwardPass;
import org.pfmsim.forward.LayerOutcome;
import org.pfmsim.forward.ResultRecords;
import org.pfmsim.forward.Simulation;
import org.pfmsim.forward.StagedRun;
import org.pfmsim.placement.MemoryEstimate;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.platform.Characterization;
import org.pfmsim.results.LayerRecord;
import org.pfmsim.results.OutputRecord;
import org.pfmsim.results.OutputsSpec;
import org.pfmsim.results.ResultStore;
import org.pfmsim.results.RunRecord;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.spark.SparkStageExecutor;

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

    /** Runs one resolved config to completion in its own Spark session and commits it; returns the exit status. */
    static int execute(RunConfig config, PrintStream out, PrintStream err) {
        checkFits(config);
        SparkSession spark = SparkSessions.start("pfm-sim run " + config.runId());
        try {
            Committed run = execute(config, spark, err);
            Summary.print(out, run.record(), run.location(), run.layers());
            if (config.model() instanceof StagedRun staged) {
                staged.model().summary().forEach(out::println);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** A committed run: its {@code runs} row, where it was committed, and its layers. */
    record Committed(RunRecord record, String location, List<LayerRecord> layers) {
    }

    /**
     * Runs one resolved config in a session the caller owns (a sweep runs its points one after another in
     * one session) and commits it; progress goes to {@code err}.
     */
    static Committed execute(RunConfig config, SparkSession spark, PrintStream err) {
        if (config.model() instanceof StagedRun staged) {
            return StagedRunCommand.execute(config, staged.model(), spark, err);
        }
        Simulation sim = mlp(config);
        DecoderSimulation decoder = decoder(config);
        TilingSpec tiling = tiling(config);
        MemoryEstimate memory = estimate(config);
        int batch = batch(config);
        int rows = rows(config);
        String platform = sim != null ? sim.platform().kind() : decoder.platform().kind();
        long parameters = sim != null ? sim.model().parameterCount() : decoder.spec().parameterCount(decoder.tensors());
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ResultStore store = new ResultStore(spark, config.outputRoot());
        store.checkWritable();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = tiling.partitions() > 0 ? tiling.partitions() : jsc.defaultParallelism();
        String model = sim != null ? sim.model().depth() + " layers"
                : decoder.spec().preset().configName() + " decoder, " + decoder.spec().depth() + " blocks, "
                + decoder.spec().matrices(decoder.physicalHead()).size() + " physical matrices, "
                + decoder.tokens().length() + " tokens per sequence";
        err.printf(Locale.ROOT, "pfm: run %s: %s, %s, %,d parameters, %,d %s in micro-batches of %d, %d partitions;"
                + " memory %s%n", config.runId(), platform, model, parameters, rows, sim != null ? "rows" : "sequences",
                batch, partitions, memory.describe());
        ForwardPass.Progress progress = (o, n) -> err.printf(Locale.ROOT,
                "pfm: layer %d/%d done in %.2f s, rel_error_chain %.4g%n", o.spec().index() + 1, n,
                o.wallSeconds(), o.chain().relativeL2Error());
        List<LayerOutcome> layers;
        TaskMetrics task = null;
        List<OutputRecord> outputs = List.of();
        OutputsSpec table = config.outputs();
        try {
            if (sim != null) {
                layers = ForwardPass.run(sim, new SparkStageExecutor(jsc), partitions, progress,
                        ForwardPass.Retention.LAST_LAYER);
                if (sim.labels() != null) {
                    // Given labels, the MLP is a classifier: its last layer's outputs are the class scores.
                    LayerOutcome last = layers.get(layers.size() - 1);
                    task = TaskMetrics.of(last.ideal(), last.physical(), sim.model().outputWidth(), sim.labels());
                }
                if (table.enabled()) {
                    LayerOutcome last = layers.get(layers.size() - 1);
                    outputs = ResultRecords.outputs(config.runId(), last.physical(), last.ideal(),
                            sim.model().outputWidth(), sim.labels(), 1, table.topK());
                }
            } else {
                DecoderForwardPass.Result result = DecoderForwardPass.run(decoder, new SparkStageExecutor(jsc),
                        partitions, progress);
                layers = result.matrices();
                task = result.head();
                if (table.enabled()) {
                    outputs = ResultRecords.outputs(config.runId(), result.physicalLogits(), result.idealLogits(),
                            decoder.spec().vocab(), decoder.tokens().labels(), decoder.tokens().length(), table.topK());
                }
            }
        } catch (Exception e) { // Spark's job failure is a checked exception thrown undeclared
            ConfigException badCheckpoint = ModelSources.checkpointFault(e);
            if (badCheckpoint != null) {
                throw badCheckpoint;
            }
            throw e;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        RunRecord run = new RunRecord(config.runId(), config.sweepId(), config.configHash(), config.configJson(),
                platform, parameters, batch, "complete", wall, started, CodeVersion.get(), rows, task,
                calibration(layers));
        List<LayerRecord> records = ResultRecords.layers(config.runId(), layers);
        String location = store.commit(run, records, ResultRecords.tiles(config.runId(), layers), outputs);
        return new Committed(run, location, records);
    }

    /** Refuses, as bad config and before Spark starts, a run whose driver or tasks would not fit their memory. */
    static void checkFits(RunConfig config) {
        if (config.model() instanceof StagedRun staged) {
            staged.model().requireFits(Runtime.getRuntime().maxMemory());
            return;
        }
        TilingSpec tiling = tiling(config);
        OverheadCheck.check(mlp(config) != null ? mlp(config).model().layers() : decoder(config).layers(), tiling);
        MemoryBudget.ofThisJvm().check(estimate(config), rows(config), batch(config), tiling.tileRows(),
                tiling.tileCols());
    }

    /** The run's MLP stack, or null for a decoder (matrix models only). */
    private static Simulation mlp(RunConfig config) {
        return config.model() instanceof Simulation s ? s : null;
    }

    /** The run's decoder, or null for an MLP stack (matrix models only). */
    private static DecoderSimulation decoder(RunConfig config) {
        return config.model() instanceof DecoderSimulation d ? d : null;
    }

    private static TilingSpec tiling(RunConfig config) {
        return mlp(config) != null ? mlp(config).tiling() : decoder(config).tiling();
    }

    /** The micro-batch: samples (decoders: sequences) per tile read. */
    private static int batch(RunConfig config) {
        return mlp(config) != null ? mlp(config).batch() : decoder(config).microBatch();
    }

    /** Samples (decoders: sequences) evaluated. */
    private static int rows(RunConfig config) {
        return mlp(config) != null ? mlp(config).rows() : decoder(config).tokens().batch();
    }

    private static MemoryEstimate estimate(RunConfig config) {
        Simulation sim = mlp(config);
        DecoderSimulation decoder = decoder(config);
        return sim != null ? MemoryEstimate.of(sim.model().layers(), sim.tiling(), sim.rows(), sim.batch())
                : MemoryEstimate.of(decoder.layers(), decoder.tiling(), decoder.tokens().tokens(),
                        decoder.microBatchTokens());
    }

    /** The model's characterization: its matrices', one after another. */
    private static Characterization calibration(List<LayerOutcome> layers) {
        Characterization all = Characterization.NONE;
        for (LayerOutcome o : layers) {
            all = all.then(o.calibration());
        }
        return all;
    }
}
