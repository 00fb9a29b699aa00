package org.pfmsim.bench;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.crossbar.CrossbarPlatform;
import org.pfmsim.forward.ForwardPass;
import org.pfmsim.forward.LayerOutcome;
import org.pfmsim.forward.LocalLayerExecutor;
import org.pfmsim.forward.Simulation;
import org.pfmsim.forward.SparkLayerExecutor;
import org.pfmsim.grid.TilingSpec;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.placement.Placement;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.weights.SyntheticWeights;

/**
 * The forward pass of a synthetic crossbar model of about 10^9 parameters (width 8192, depth 15, batch
 * 16, every non-ideality on) through Spark on local[N] against the single-JVM loop over the same tiles
 * in the same run. Overhead = Spark wall / (loop wall / N) - 1: what Spark costs over a perfectly
 * parallel loop. Arguments: [width] [depth] [cores].
 */
public final class SparkOverheadBench {
    public static void main(String[] args) {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        int depth = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int cores = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ModelSpec model = ModelSpec.mlp(width, width, width, depth, true, Activation.RELU, Activation.IDENTITY);
        Simulation sim = new Simulation(1, 16, model, new SyntheticWeights(1, model, 1.0, 0.01),
                new CrossbarPlatform(KernelBench.allNonIdealities()),
                new TilingSpec(512, 512, 16, Placement.BALANCED, 0), 0.01);
        System.out.printf(Locale.ROOT, "# forward pass, %,d parameters, batch 16, crossbar with every non-ideality%n",
                model.parameterCount());
        SparkSession spark = SparkSession.builder()
                .config(SparkSessions.conf("overhead-bench").setMaster("local[" + cores + "]")).getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            // Warm-up: JIT, ND4J init and Spark's first jobs, on a 2-layer slice.
            ModelSpec small = ModelSpec.mlp(width, width, width, 2, true, Activation.RELU, Activation.IDENTITY);
            Simulation warm = new Simulation(1, 16, small, new SyntheticWeights(1, small, 1.0, 0.01), sim.platform(),
                    sim.tiling(), 0.01);
            ForwardPass.run(warm, new LocalLayerExecutor(), 1, (o, n) -> { });
            ForwardPass.run(warm, new SparkLayerExecutor(jsc), 2 * cores, (o, n) -> { });

            long t0 = System.nanoTime();
            List<LayerOutcome> loop = ForwardPass.run(sim, new LocalLayerExecutor(), 1, (o, n) -> { });
            double loopSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            List<LayerOutcome> distributed = ForwardPass.run(sim, new SparkLayerExecutor(jsc), 2 * cores,
                    (o, n) -> { });
            double sparkSeconds = (System.nanoTime() - t0) / 1e9;
            boolean identical = java.util.Arrays.equals(loop.get(depth - 1).physical(),
                    distributed.get(depth - 1).physical());
            double perfect = loopSeconds / cores;
            System.out.printf(Locale.ROOT, "single-JVM loop (1 thread): %7.1f s  (%.1f M weights/s)%n", loopSeconds,
                    model.parameterCount() / loopSeconds / 1e6);
            System.out.printf(Locale.ROOT, "Spark local[%d]:             %7.1f s  (%.1f M weights/s)%n", cores,
                    sparkSeconds, model.parameterCount() / sparkSeconds / 1e6);
            System.out.printf(Locale.ROOT, "Spark overhead over a perfectly parallel loop (loop/%d = %.1f s): %+.1f%%%n",
                    cores, perfect, 100 * (sparkSeconds / perfect - 1));
            System.out.println("results bit-identical: " + identical);
        } finally {
            spark.stop();
        }
    }

    private SparkOverheadBench() {
    }
}
