package org.pfmsim.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Where a Spark run's time goes, from the scheduler's own task metrics: the jobs' wall time, and within
 * the tasks the time running, on the CPU, deserializing the task and serializing its result; the rest of
 * N cores x job time is cores idle (waiting for a task, for the stage's last task, or for the driver).
 */
final class TaskTimes extends SparkListener {
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong jobNanos = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private final AtomicLong taskSpanMillis = new AtomicLong();
    private final AtomicLong runMillis = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong deserializeMillis = new AtomicLong();
    private final AtomicLong resultSerializeMillis = new AtomicLong();
    private final AtomicLong resultBytes = new AtomicLong();
    private volatile long jobStartNanos;

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        jobStartNanos = System.nanoTime();
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        jobs.incrementAndGet();
        jobNanos.addAndGet(System.nanoTime() - jobStartNanos);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics m = end.taskMetrics();
        tasks.incrementAndGet();
        taskSpanMillis.addAndGet(end.taskInfo().finishTime() - end.taskInfo().launchTime());
        runMillis.addAndGet(m.executorRunTime());
        cpuNanos.addAndGet(m.executorCpuTime());
        deserializeMillis.addAndGet(m.executorDeserializeTime());
        resultSerializeMillis.addAndGet(m.resultSerializationTime());
        resultBytes.addAndGet(m.resultSize());
    }

    void reset() {
        for (AtomicLong a : new AtomicLong[] {jobs, jobNanos, tasks, taskSpanMillis, runMillis, cpuNanos,
            deserializeMillis, resultSerializeMillis, resultBytes}) {
            a.set(0);
        }
    }

    /** The breakdown of the jobs since the last reset, in seconds, for a run of {@code wallSeconds} on N cores. */
    String report(double wallSeconds, int cores) {
        double coreSeconds = wallSeconds * cores;
        double span = taskSpanMillis.get() / 1e3;
        return String.format(Locale.ROOT, "  %d jobs, %d tasks: jobs %.2f s of the %.2f s wall (driver between jobs %.2f s)%n"
                        + "  task time %.2f core-s of %.2f: on CPU %.2f, running off CPU %.2f, deserializing %.2f,"
                        + " serializing results %.2f (%.1f MB), launch and result transfer %.2f; cores idle %.2f",
                jobs.get(), tasks.get(), jobNanos.get() / 1e9, wallSeconds, wallSeconds - jobNanos.get() / 1e9,
                span, coreSeconds, cpuNanos.get() / 1e9, runMillis.get() / 1e3 - cpuNanos.get() / 1e9,
                deserializeMillis.get() / 1e3, resultSerializeMillis.get() / 1e3, resultBytes.get() / 1e6,
                span - runMillis.get() / 1e3 - deserializeMillis.get() / 1e3 - resultSerializeMillis.get() / 1e3,
                coreSeconds - span);
    }
}
