package org.pfmsim.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.crossbar.CrossbarPlatform;
import org.pfmsim.forward.ForwardPass;
import org.pfmsim.forward.LayerOutcome;
import org.pfmsim.forward.Simulation;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.placement.Placement;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.spark.SparkStageExecutor;
import org.pfmsim.stage.LocalStageExecutor;
import org.pfmsim.weights.SyntheticWeights;

/**
 * End to end on Spark local[N]: synthetic crossbar MLPs (depth 15, every non-ideality on, batch 16) of
 * the given widths (default 2560, 8192, 25600: about 10^8, 10^9 and 10^10 parameters), each reporting
 * wall time, parameter-samples per second, CPU seconds of the process, and peak heap and RSS. With
 * {@code --loop W}, the model of width W also runs through the single-JVM loop (one thread) in the same
 * run, and the Spark overhead over a perfectly parallel loop is printed, in wall time (loop wall / N) and
 * in CPU time (extra CPU seconds Spark spends). Arguments: [--cores N] [--loop W] [widths...].
 */
public final class EndToEndBench {
    static final int DEPTH = 15;
    static final int BATCH = 16;

    public static void main(String[] args) {
        int cores = 2;
        int loopWidth = 0;
        List<Integer> widths = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cores" -> cores = Integer.parseInt(args[++i]);
                case "--loop" -> loopWidth = Integer.parseInt(args[++i]);
                default -> widths.add(Integer.parseInt(args[i]));
            }
        }
        if (widths.isEmpty()) {
            widths = List.of(2560, 8192, 25600);
        }
        SparkSession spark = SparkSession.builder()
                .config(SparkSessions.conf("end-to-end-bench").setMaster("local[" + cores + "]")).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Simulation warm = simulation(2048, 3);
            ForwardPass.run(warm, new LocalStageExecutor(), 1, (o, n) -> { });
            ForwardPass.run(warm, new SparkStageExecutor(jsc), cores, (o, n) -> { });
            System.out.printf(Locale.ROOT, "# crossbar MLPs, depth %d, batch %d, every non-ideality, Spark local[%d], "
                    + "%d partitions per layer; %d cores visible, load average %.1f at start%n", DEPTH, BATCH, cores,
                    cores, Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            int partitions = cores;
            for (int width : widths) {
                Simulation sim = simulation(width, DEPTH);
                Run s = Run.measure(() -> ForwardPass.run(sim, new SparkStageExecutor(jsc), partitions,
                        (o, n) -> { }, ForwardPass.Retention.LAST_LAYER));
                long params = sim.model().parameterCount();
                System.out.printf(Locale.ROOT, "%,17d parameters (width %6d): Spark %7.1f s wall, %7.1f s CPU, %6.1f G "
                                + "param-samples/s, peak live heap %5.0f MiB (used %5.0f), peak RSS %6.0f MiB%n", params, width,
                        s.wall, s.cpu, (double) params * BATCH / s.wall / 1e9, s.live / 1048576.0,
                        s.heap / 1048576.0, s.rss / 1048576.0);
                if (width == loopWidth) {
                    Run l = Run.measure(() -> ForwardPass.run(sim, new LocalStageExecutor(), 1, (o, n) -> { },
                            ForwardPass.Retention.LAST_LAYER));
                    boolean identical = java.util.Arrays.equals(l.last.physical(), s.last.physical());
                    System.out.printf(Locale.ROOT, "%17s single-JVM loop (1 thread): %7.1f s wall, %7.1f s CPU, "
                            + "peak heap %6.0f MiB; results bit-identical: %b%n", "", l.wall, l.cpu,
                            l.heap / 1048576.0, identical);
                    System.out.printf(Locale.ROOT, "%17s Spark overhead over a perfectly parallel loop: wall %+.1f%% "
                                    + "(against loop/%d = %.1f s), CPU %+.1f%%%n", "",
                            100 * (s.wall / (l.wall / cores) - 1), cores, l.wall / cores, 100 * (s.cpu / l.cpu - 1));
                }
            }
        } finally {
            spark.stop();
        }
    }

    static Simulation simulation(int width, int depth) {
        ModelSpec model = ModelSpec.mlp(width, width, width, depth, true, Activation.RELU, Activation.IDENTITY);
        // Row tiles per unit cover the layer: one unit per column block, the single-stage Spark job.
        int rowTilesPerUnit = (width + 511) / 512;
        return new Simulation(1, BATCH, model, new SyntheticWeights(1, model, 1.0, 0.01),
                new CrossbarPlatform(KernelBench.allNonIdealities()),
                new TilingSpec(512, 512, rowTilesPerUnit, Placement.BALANCED, 0), 0.01);
    }

    /** Wall and process CPU seconds and peak memory of one forward pass. */
    private record Run(double wall, double cpu, long heap, long live, long rss, LayerOutcome last) {
        static Run measure(java.util.function.Supplier<List<LayerOutcome>> pass) {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            try (PeakMemory peak = new PeakMemory()) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                List<LayerOutcome> layers = pass.get();
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                peak.close();
                return new Run(wall, cpu, peak.heapBytes(), peak.liveBytes(), peak.rssBytes(),
                        layers.get(layers.size() - 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private EndToEndBench() {
    }
}
