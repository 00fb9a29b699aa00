package org.pfmsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Median time of repeated calls after a warm-up; benchmarks only (never in tests).
 *
 * <p>Times are CPU time of the calling thread, not wall time: every kernel here runs on that one thread
 * (one BLAS thread, which OpenBLAS runs in the caller), and on a machine shared with other builds the
 * wall time mostly measures how long the thread waited for a core. CPU time still includes the cache and
 * memory-bandwidth interference of the neighbours, which is why runs are repeated and compared as ratios
 * to a reference measured in the same run.
 */
final class Timer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Timer() {
    }

    /** Median CPU seconds per call over {@code samples} samples of at least {@code minSeconds} each. */
    static double median(Runnable body, double warmupSeconds, int samples, double minSeconds) {
        return median(body, warmupSeconds, samples, minSeconds, Timer::cpuNanos);
    }

    /** As {@link #median}, in wall seconds (printed beside CPU time to show how loaded the machine was). */
    static double wallMedian(Runnable body, double warmupSeconds, int samples, double minSeconds) {
        return median(body, warmupSeconds, samples, minSeconds, System::nanoTime);
    }

    private static double median(Runnable body, double warmupSeconds, int samples, double minSeconds,
                                 LongSupplier clockNanos) {
        long end = clockNanos.getAsLong() + (long) (warmupSeconds * 1e9);
        while (clockNanos.getAsLong() < end) {
            body.run();
        }
        double[] perCall = new double[samples];
        for (int s = 0; s < samples; s++) {
            int calls = 0;
            long t0 = clockNanos.getAsLong();
            long t;
            do {
                body.run();
                calls++;
                t = clockNanos.getAsLong();
            } while (t - t0 < minSeconds * 1e9);
            perCall[s] = (t - t0) / 1e9 / calls;
        }
        Arrays.sort(perCall);
        return perCall[samples / 2];
    }

    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
