package org.pfmsim.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.config.ConfigException;
import org.pfmsim.results.LayerRecord;
import org.pfmsim.results.ResultStore;
import org.pfmsim.results.RunRecord;
import org.pfmsim.volume.GlassVolumeSimulation;
import org.pfmsim.volume.SegmentOutcome;
import org.pfmsim.volume.SparkSegmentExecutor;
import org.pfmsim.volume.VolumePass;

/**
 * {@code pfm run} of a glass volume: each depth segment a Spark stage, committed like any run (one
 * {@code layers} row per segment, kind {@code glass-volume}; parameters = voxels).
 */
final class GlassRunCommand {
    private GlassRunCommand() {
    }

    /** Refuses a batch whose fields would not fit the driver heap. */
    static void checkFitsDriver(GlassVolumeSimulation sim) {
        long heap = Runtime.getRuntime().maxMemory();
        if (sim.driverBytes() > heap / 2) {
            throw ConfigException.of("batch.size", sim.batch(), "a batch whose fields fit the driver heap: estimated "
                    + (sim.driverBytes() >> 20) + " MiB against " + (heap >> 20) + " MiB of heap");
        }
    }

    /** Runs the glass volume in the caller's session and commits it. */
    static RunCommand.Committed execute(RunConfig config, SparkSession spark, PrintStream err) {
        GlassVolumeSimulation sim = config.glass();
        checkFitsDriver(sim);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ResultStore store = new ResultStore(spark, config.outputRoot());
        store.checkWritable();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = sim.partitions() > 0 ? sim.partitions() : 2 * jsc.defaultParallelism();
        var g = sim.grid();
        err.printf(Locale.ROOT, "pfm: run %s: glass-volume %dx%dx%d voxels (%,d parameters), %d tiles of %d + halo %d,"
                        + " %d segments, batch %d, %d partitions%n", config.runId(), sim.design().sizeX(),
                sim.design().sizeY(), sim.design().sizeZ(), sim.parameters(), g.tileCount(), g.tileVoxels(),
                g.halo(), g.segments(), sim.batch(), partitions);
        VolumePass.Result result = VolumePass.run(sim, new SparkSegmentExecutor(jsc), partitions,
                (o, n) -> err.printf(Locale.ROOT, "pfm: segment %d/%d done in %.2f s, rel_error_chain %.4g%n",
                        o.segment() + 1, n, o.wallSeconds(), o.chain().relativeL2Error()));
        double wall = (System.nanoTime() - t0) / 1e9;
        RunRecord run = new RunRecord(config.runId(), config.sweepId(), config.configHash(), config.configJson(),
                GlassVolumeSimulation.KIND, sim.parameters(), sim.batch(), "complete", wall, started,
                CodeVersion.get());
        List<LayerRecord> layers = records(config.runId(), result.segments());
        String location = store.commit(run, layers, List.of());
        return new RunCommand.Committed(run, location, layers);
    }

    /** The line under the summary that gives the glass block's size. */
    static void printVolume(PrintStream out, GlassVolumeSimulation sim) {
        out.printf(Locale.ROOT, "glass volume %.4g m^3 (%.4g x %.4g x %.4g m)%n", sim.volumeCubicMeters(),
                sim.design().sizeX() * sim.optics().pitchMeters(), sim.design().sizeY() * sim.optics().pitchMeters(),
                sim.design().sizeZ() * sim.optics().sliceMeters());
    }

    static List<LayerRecord> records(String runId, List<SegmentOutcome> segments) {
        List<LayerRecord> rows = new ArrayList<>(segments.size());
        for (SegmentOutcome o : segments) {
            rows.add(new LayerRecord(runId, o.segment(), GlassVolumeSimulation.KIND, o.rows(), o.cols(), o.tiles(),
                    o.local().relativeL2Error(), o.chain().relativeL2Error(), o.chain().cosineSimilarity(),
                    o.chain().snrDb(), o.chain().maxAbsError(), o.local().cosineSimilarity(), o.local().snrDb(),
                    o.energyJoules(), o.latencySeconds(), o.areaSquareMeters(), 0, o.outputsClipped(), o.wallSeconds()));
        }
        return rows;
    }
}
