package org.pfmsim.bench;

import java.util.Arrays;
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
 * The forward pass of a synthetic crossbar model of about 10^9 parameters (width 8192, depth 15, batch
 * 16, every non-ideality on) through Spark on local[N] against the single-JVM loop over the same tiles
 * in the same run, on one thread and on N threads. Two overheads: Spark wall / (one-thread loop wall / N)
 * - 1, what Spark costs over a perfectly parallel loop (this includes what N threads cost each other in
 * shared caches and memory, and the cores idle at the end of each layer); and Spark wall / N-thread loop
 * wall - 1, what Spark itself costs over the same partitions run on N threads of one JVM (scheduling,
 * serialization, broadcast, result transfer). Arguments: [width] [depth] [cores] [partitions per layer,
 * default: cores, as `pfm run`].
 */
public final class SparkOverheadBench {
    public static void main(String[] args) {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        int depth = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int cores = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : cores;
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
            TaskTimes taskTimes = new TaskTimes();
            spark.sparkContext().addSparkListener(taskTimes);
            // Warm-up: JIT, ND4J init and Spark's first jobs, on a 2-layer slice.
            ModelSpec small = ModelSpec.mlp(width, width, width, 2, true, Activation.RELU, Activation.IDENTITY);
            Simulation warm = new Simulation(1, 16, small, new SyntheticWeights(1, small, 1.0, 0.01), sim.platform(),
                    sim.tiling(), 0.01);
            LocalStageExecutor threaded = new LocalStageExecutor(cores);
            ForwardPass.run(warm, new LocalStageExecutor(), 1, (o, n) -> { });
            ForwardPass.run(warm, threaded, partitions, (o, n) -> { });
            ForwardPass.run(warm, new SparkStageExecutor(jsc), partitions, (o, n) -> { });

            // Rounds of the three passes: the first rounds still compile Spark's own code paths (Java
            // serialization of tasks, the scheduler: 2.5 s of C2 time in round 1, measured per thread from
            // /proc; still 0.2-0.6 s per Spark pass in round 5), so the steady state is the median of the
            // last three rounds.
            float[] reference = null;
            boolean identical = true;
            double[] overThreaded = new double[ROUNDS];
            double[] overPerfect = new double[ROUNDS];
            for (int round = 1; round <= ROUNDS; round++) {
                Pass loop = Pass.time(() -> ForwardPass.run(sim, new LocalStageExecutor(), 1, (o, n) -> { }));
                double loopSeconds = loop.seconds();
                long cpu0 = processCpuNanos();
                Pass parallel = Pass.time(() -> ForwardPass.run(sim, threaded, partitions, (o, n) -> { }));
                double parallelSeconds = parallel.seconds();
                double parallelCpu = (processCpuNanos() - cpu0) / 1e9;
                taskTimes.reset();
                cpu0 = processCpuNanos();
                long gc0 = gcMillis();
                Pass sparkPass = Pass.time(() -> ForwardPass.run(sim, new SparkStageExecutor(jsc), partitions,
                        (o, n) -> { }));
                double sparkSeconds = sparkPass.seconds();
                double sparkCpu = (processCpuNanos() - cpu0) / 1e9;
                double sparkGc = (gcMillis() - gc0) / 1e3;
                reference = reference == null ? loop.lastLayer() : reference;
                identical &= Arrays.equals(reference, loop.lastLayer())
                        && Arrays.equals(reference, parallel.lastLayer())
                        && Arrays.equals(reference, sparkPass.lastLayer());
                double perfect = loopSeconds / cores;
                overThreaded[round - 1] = sparkSeconds / parallelSeconds - 1;
                overPerfect[round - 1] = sparkSeconds / perfect - 1;
                System.out.printf(Locale.ROOT, "round %d%n", round);
                System.out.printf(Locale.ROOT, "  single-JVM loop, 1 thread:  %6.2f s  (%.1f M weights/s)%n",
                        loopSeconds, model.parameterCount() / loopSeconds / 1e6);
                System.out.printf(Locale.ROOT, "  single-JVM loop, %d threads: %6.2f s  (%.1f M weights/s), process CPU %.2f s%n",
                        cores, parallelSeconds, model.parameterCount() / parallelSeconds / 1e6, parallelCpu);
                System.out.printf(Locale.ROOT, "  Spark local[%d]:             %6.2f s  (%.1f M weights/s), process CPU %.2f s,"
                        + " GC pauses %.2f s%n", cores, sparkSeconds, model.parameterCount() / sparkSeconds / 1e6, sparkCpu,
                        sparkGc);
                System.out.println(taskTimes.report(sparkSeconds, cores));
                System.out.printf(Locale.ROOT, "  Spark overhead over the %d-thread loop: %+.1f%%; over a perfectly parallel"
                        + " loop (1-thread loop / %d = %.2f s): %+.1f%%%n", cores, 100 * (sparkSeconds / parallelSeconds - 1),
                        cores, perfect, 100 * (sparkSeconds / perfect - 1));
            }
            System.out.printf(Locale.ROOT, "steady state (median of rounds %d-%d): Spark overhead %+.1f%% over the %d-thread"
                    + " loop, %+.1f%% over a perfectly parallel loop%n", ROUNDS - 2, ROUNDS, 100 * steadyMedian(overThreaded),
                    cores, 100 * steadyMedian(overPerfect));
            System.out.println("results bit-identical (loop, threaded loop, Spark, every round): " + identical);
        } finally {
            spark.stop();
        }
    }

    /** Rounds of the three passes; the last three are the steady state (the JIT does most of its work in 1-2). */
    private static final int ROUNDS = 5;

    private static double steadyMedian(double[] perRound) {
        double[] last = Arrays.copyOfRange(perRound, ROUNDS - 3, ROUNDS);
        Arrays.sort(last);
        return last[1];
    }
    /** One timed forward pass: its wall time and its last layer's physical output. */
    private record Pass(double seconds, float[] lastLayer) {
        static Pass time(java.util.function.Supplier<List<LayerOutcome>> pass) {
            long t0 = System.nanoTime();
            List<LayerOutcome> layers = pass.get();
            double s = (System.nanoTime() - t0) / 1e9;
            return new Pass(s, layers.get(layers.size() - 1).physical());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total += gc.getCollectionTime();
        }
        return total;
    }

    private SparkOverheadBench() {
    }
}
