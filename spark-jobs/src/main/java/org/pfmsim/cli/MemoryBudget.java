package org.pfmsim.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.pfmsim.config.ConfigException;
import org.pfmsim.placement.MemoryEstimate;
import org.pfmsim.spark.SparkSessions;

/**
 * The memory a run may use, read from the declared JVM and Spark settings before Spark starts, so a model
 * that cannot fit is refused in a second instead of dying of OutOfMemoryError after minutes of start-up.
 *
 * <p>The rule is half of each heap, as for the driver since the first release: the other half is left to
 * Spark (which reserves 300 MiB and by default gives 60 % of the rest to its own execution and storage
 * memory, {@code spark.memory.fraction}) and to garbage-collection headroom. A task's half is shared by the
 * executor's concurrent task slots. In local mode the executor is the driver's own JVM, so the driver's
 * half and the tasks' half split one heap. This is a refusal of runs that cannot fit, not a proof that a
 * run that passes will: ND4J's off-heap copies also need {@code spark.executor.memoryOverhead}.
 *
 * @param driverLimitBytes what the driver's activations may take
 * @param driverHeapBytes  the driver's maximum heap
 * @param taskLimitBytes   what one task's working set may take
 * @param taskLimitSource  how the task limit was derived, for the refusal message
 * @param resultLimitBytes {@code spark.driver.maxResultSize} (1 GiB by default; 0 for no limit): Spark aborts a
 *                         job whose task results add up to more, after all its work
 */
record MemoryBudget(long driverLimitBytes, long driverHeapBytes, long taskLimitBytes, String taskLimitSource,
        long resultLimitBytes) {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

    /** The budget of this driver JVM under the Spark settings in effect (system properties from spark-submit). */
    static MemoryBudget ofThisJvm() {
        return of(new SparkConf(), Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param conf       Spark settings (master, spark.executor.memory, spark.executor.cores, spark.task.cpus)
     * @param driverHeap the driver's maximum heap in bytes
     * @param cores      the driver machine's cores (what local[*] uses)
     */
    static MemoryBudget of(SparkConf conf, long driverHeap, int cores) {
        long half = driverHeap / 2;
        long results = conf.getSizeAsBytes("spark.driver.maxResultSize", "1g");
        String master = conf.get("spark.master", SparkSessions.EMBEDDED_MASTER).trim();
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            String threads = local.group(1);
            int slots = threads == null ? 1 : threads.equals("*") ? cores : Math.max(1, Integer.parseInt(threads));
            return new MemoryBudget(half, driverHeap, half / slots, String.format(Locale.ROOT,
                    "half the driver heap of %s over %d local task slots", mib(driverHeap), slots), results);
        }
        long executorHeap = conf.getSizeAsMb("spark.executor.memory", "1g") << 20;
        int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
        boolean coresDeclared = conf.contains("spark.executor.cores");
        int slots = coresDeclared ? Math.max(1, conf.getInt("spark.executor.cores", 1) / taskCpus) : 1;
        return new MemoryBudget(half, driverHeap, executorHeap / 2 / slots, String.format(Locale.ROOT,
                "half of spark.executor.memory = %s over %d task slot%s%s", mib(executorHeap), slots,
                slots == 1 ? "" : "s", coresDeclared ? "" : " (spark.executor.cores not set)"), results);
    }

    /**
     * Refuses, with one line showing the estimate and the limit, a run whose driver or task working set does
     * not fit: the driver's is set by the batch and the widest layer, a task's by the tile and the batch.
     */
    void check(MemoryEstimate estimate, int batch, int tileRows, int tileCols) {
        check(estimate, batch, batch, tileRows, tileCols);
    }

    /**
     * The same for {@code rows} evaluated in one pass per layer (every row's activations on the driver) and
     * read in micro-batches of {@code batch}: a driver that does not fit names {@code inputs.rows}.
     */
    void check(MemoryEstimate estimate, int rows, int batch, int tileRows, int tileCols) {
        if (estimate.driverBytes() > driverLimitBytes && rows > batch) {
            throw ConfigException.of("inputs.rows", rows, String.format(Locale.ROOT, "a row count whose "
                    + "activations fit the driver (every row goes through a layer in one pass): estimated driver %s "
                    + "against a limit of %s (half the driver heap of %s; raise it with --driver-memory)",
                    mib(estimate.driverBytes()), mib(driverLimitBytes), mib(driverHeapBytes)));
        }
        if (estimate.driverBytes() > driverLimitBytes) {
            throw ConfigException.of("batch.size", batch, String.format(Locale.ROOT, "a batch whose activations "
                    + "fit the driver: estimated driver %s against a limit of %s (half the driver heap of %s; "
                    + "raise it with PFM_DRIVER_MEMORY=8g or scripts/pfm --driver-memory 8g)",
                    mib(estimate.driverBytes()), mib(driverLimitBytes),
                    mib(driverHeapBytes)));
        }
        if (resultLimitBytes > 0 && estimate.resultBytes() > resultLimitBytes) {
            throw ConfigException.of("batch.size", batch, String.format(Locale.ROOT, "a batch whose layer results "
                    + "fit Spark's cap on results returned to the driver: estimated %s for the widest layer against "
                    + "spark.driver.maxResultSize = %s (raise it: scripts/pfm --conf spark.driver.maxResultSize=4g "
                    + "run ..., 0 for no cap)", mib(estimate.resultBytes()), mib(resultLimitBytes)));
        }
        if (estimate.taskBytes() > taskLimitBytes) {
            throw new ConfigException(String.format(Locale.ROOT, "tiling.tile-rows = %d, tiling.tile-cols = %d, "
                    + "batch.size = %d: allowed tiles and a batch whose task fits an executor: estimated task %s "
                    + "against a limit of %s per task (%s)", tileRows, tileCols, batch, mib(estimate.taskBytes()),
                    mib(taskLimitBytes), taskLimitSource));
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
