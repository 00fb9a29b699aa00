package org.pfmsim.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.results.LayerRecord;
import org.pfmsim.results.ResultStore;
import org.pfmsim.results.RunRecord;
import org.pfmsim.spark.SparkStageExecutor;
import org.pfmsim.stage.StageOutcome;
import org.pfmsim.stage.StagedModel;

/**
 * {@code pfm run} of a staged medium's model (the glass volume): each stage a Spark job on the common
 * executor, committed like any run (one {@code layers} row per stage, of the medium's kind; parameters as the
 * model counts them). Nothing here knows the medium.
 */
final class StagedRunCommand {
    private StagedRunCommand() {
    }

    /** Runs the model in the caller's session and commits it. */
    static RunCommand.Committed execute(RunConfig config, StagedModel model, SparkSession spark, PrintStream err) {
        model.requireFits(Runtime.getRuntime().maxMemory());
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ResultStore store = new ResultStore(spark, config.outputRoot());
        store.checkWritable();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = model.partitions(jsc.defaultParallelism());
        err.printf(Locale.ROOT, "pfm: run %s: %s, batch %d, %d partitions%n", config.runId(), model.describe(),
                model.batch(), partitions);
        List<StageOutcome> stages = model.run(new SparkStageExecutor(jsc), partitions,
                (o, n) -> err.printf(Locale.ROOT, "pfm: %s %d/%d done in %.2f s, rel_error_chain %.4g%n",
                        model.stageNoun(), o.index() + 1, n, o.wallSeconds(), o.chain().relativeL2Error()));
        double wall = (System.nanoTime() - t0) / 1e9;
        RunRecord run = new RunRecord(config.runId(), config.sweepId(), config.configHash(), config.configJson(),
                model.kind(), model.parameters(), model.batch(), "complete", wall, started, CodeVersion.get());
        List<LayerRecord> layers = records(config.runId(), stages);
        String location = store.commit(run, layers, List.of());
        return new RunCommand.Committed(run, location, layers);
    }

    static List<LayerRecord> records(String runId, List<StageOutcome> stages) {
        List<LayerRecord> rows = new ArrayList<>(stages.size());
        for (StageOutcome o : stages) {
            rows.add(new LayerRecord(runId, o.index(), o.kind(), o.rows(), o.cols(), o.units(),
                    o.local().relativeL2Error(), o.chain().relativeL2Error(), o.chain().cosineSimilarity(),
                    o.chain().snrDb(), o.chain().maxAbsError(), o.local().cosineSimilarity(), o.local().snrDb(),
                    o.energyJoules(), o.latencySeconds(), o.areaSquareMeters(), o.inputsClipped(), o.outputsClipped(),
                    o.wallSeconds()));
        }
        return rows;
    }
}
