package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pfmsim.cli.Hostile.assertNothingPartial;
import static org.pfmsim.cli.Hostile.assertRefused;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.config.ConfigException;
import org.pfmsim.placement.MemoryEstimate;

/**
 * A model that cannot fit the declared memory is refused before Spark starts, with the estimate and the
 * limit: the driver's activations against half its heap, one task's tile and buffers against its share of
 * an executor's heap, with the executor's task slots read from the Spark settings.
 */
class MemoryRefusalTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static MemoryEstimate estimate(Path config, String... overrides) {
        RunConfig run = ConfigLoader.load(config.toString(), List.of(overrides));
        return MemoryEstimate.of(run.simulation().model(), run.simulation().tiling(), run.simulation().batch());
    }

    @Test
    void batchWhoseActivationsExceedTheDriverHeapIsRefusedWithEstimateAndLimit() throws IOException {
        // 2^20 samples x width 4096: about 224 GiB of activations, more than any test heap.
        Path config = Hostile.config(dir, "model { width = 4096, depth = 1 }\n"
                + "tiling { tile-rows = 512, tile-cols = 512 }");
        String[] set = {"batch.size=1048576"};
        long heap = Runtime.getRuntime().maxMemory();
        assertRefused(2, "pfm: batch.size = 1048576: allowed a batch whose activations fit the driver: "
                + "estimated driver "
                + mib(estimate(config, set).driverBytes()) + " against a limit of " + mib(heap / 2)
                + " (half the driver heap of " + mib(heap) + "; raise it with PFM_DRIVER_MEMORY=8g or scripts/pfm "
                + "--driver-memory 8g)",
                "run", config.toString(), "--set", set[0]);
        assertNothingPartial(dir.resolve("results"));
    }

    @Test
    void tileLargerThanATaskCanHoldIsRefusedWithEstimateAndLimit() throws IOException {
        // One 32768 x 32768 tile: 20 bytes per cell, 20 GiB, more than any test heap; the batch is tiny.
        Path config = Hostile.config(dir, "model { width = 32768, depth = 1 }\nbatch.size = 1\n"
                + "tiling { tile-rows = 32768, tile-cols = 32768 }");
        long heap = Runtime.getRuntime().maxMemory();
        int slots = Runtime.getRuntime().availableProcessors(); // the embedded master is local[*]
        assertRefused(2, "pfm: tiling.tile-rows = 32768, tiling.tile-cols = 32768, batch.size = 1: allowed tiles and a "
                + "batch whose task fits an executor: estimated task " + mib(estimate(config).taskBytes())
                + " against a limit of " + mib(heap / 2 / slots) + " per task (half the driver heap of " + mib(heap)
                + " over " + slots + " local task slots)", "run", config.toString());
        assertNothingPartial(dir.resolve("results"));
    }

    @Test
    void localMastersShareTheDriverHeapAmongTheirTaskSlots() {
        assertEquals(GIB / 3, MemoryBudget.of(new SparkConf(false).set("spark.master", "local[3]"), 2 * GIB, 8)
                .taskLimitBytes());
        assertEquals(GIB / 8, MemoryBudget.of(new SparkConf(false).set("spark.master", "local[*]"), 2 * GIB, 8)
                .taskLimitBytes());
        assertEquals(GIB / 2, MemoryBudget.of(new SparkConf(false).set("spark.master", "local[2,4]"), 2 * GIB, 8)
                .taskLimitBytes(), "local[N,F]: N threads, F retries");
        MemoryBudget single = MemoryBudget.of(new SparkConf(false).set("spark.master", "local"), 2 * GIB, 8);
        assertEquals(GIB, single.taskLimitBytes());
        assertEquals(GIB, single.driverLimitBytes());
    }

    @Test
    void clusterTasksShareHalfTheDeclaredExecutorMemory() {
        SparkConf conf = new SparkConf(false).set("spark.master", "spark://127.0.0.1:7077")
                .set("spark.executor.memory", "4g").set("spark.executor.cores", "4");
        MemoryBudget budget = MemoryBudget.of(conf, 2 * GIB, 2);
        assertEquals(GIB / 2, budget.taskLimitBytes(), "4 GiB / 2 over 4 slots");
        assertEquals(GIB, budget.driverLimitBytes(), "the driver keeps its own heap's half");
        assertEquals(GIB, MemoryBudget.of(conf.clone().set("spark.task.cpus", "2"), 2 * GIB, 2).taskLimitBytes(),
                "two cores per task: two slots");
        MemoryBudget defaults = MemoryBudget.of(new SparkConf(false).set("spark.master", "spark://h:7077"), GIB, 2);
        assertEquals(GIB / 2, defaults.taskLimitBytes(), "Spark's default executor memory is 1g");
        ConfigException e = assertThrows(ConfigException.class,
                () -> defaults.check(new MemoryEstimate(GIB, 0, 0), 8, 4096, 4096));
        assertEquals("tiling.tile-rows = 4096, tiling.tile-cols = 4096, batch.size = 8: allowed tiles and a batch "
                + "whose task fits an executor: estimated task 1024.0 MiB against a limit of 512.0 MiB per task "
                + "(half of spark.executor.memory = 1024.0 MiB over 1 task slot (spark.executor.cores not set))",
                e.getMessage());
    }

    @Test
    void estimatesAtTheLimitPass() {
        MemoryBudget budget = MemoryBudget.of(new SparkConf(false).set("spark.master", "local[2]"), 4 * GIB, 2);
        budget.check(new MemoryEstimate(GIB, 2 * GIB, GIB), 1, 1, 1);
        assertThrows(ConfigException.class, () -> budget.check(new MemoryEstimate(GIB + 1, 0, 0), 1, 1, 1));
        assertThrows(ConfigException.class, () -> budget.check(new MemoryEstimate(0, 2 * GIB + 1, 0), 1, 1, 1));
        assertThrows(ConfigException.class, () -> budget.check(new MemoryEstimate(0, 0, GIB + 1), 1, 1, 1));
        MemoryBudget.of(new SparkConf(false).set("spark.master", "local[2]").set("spark.driver.maxResultSize", "0"),
                4 * GIB, 2).check(new MemoryEstimate(0, 0, 1L << 40), 1, 1, 1); // 0: no cap
    }

    /**
     * A layer whose partial sums exceed spark.driver.maxResultSize (1 GiB by default) passed the heap check and
     * failed after the layer's work; it is refused before Spark starts. Width 8192, batch 8192: 3 x 8192 x 8192
     * float64 = 1.5 GiB of results, while the driver's activations fit a 64 GiB heap.
     */
    @Test
    void layerResultsAboveSparksDriverResultCapAreRefusedBeforeWork() {
        MemoryBudget budget = MemoryBudget.of(new SparkConf(false).set("spark.master", "local[2]"), 64 * GIB, 2);
        MemoryEstimate e = MemoryEstimate.of(org.pfmsim.model.ModelSpec.mlp(8192, 8192, 8192, 1, false,
                org.pfmsim.model.Activation.IDENTITY, org.pfmsim.model.Activation.IDENTITY),
                new org.pfmsim.placement.TilingSpec(512, 512, 1, org.pfmsim.placement.Placement.BALANCED, 0), 8192);
        assertEquals(3L * 8192 * 8192 * 8, e.resultBytes());
        ConfigException refused = assertThrows(ConfigException.class, () -> budget.check(e, 8192, 512, 512));
        assertEquals("batch.size = 8192: allowed a batch whose layer results fit Spark's cap on results returned to "
                + "the driver: estimated 1536.0 MiB for the widest layer against spark.driver.maxResultSize = "
                + "1024.0 MiB (raise it: scripts/pfm --conf spark.driver.maxResultSize=4g run ..., 0 for no cap)",
                refused.getMessage());
    }
}
