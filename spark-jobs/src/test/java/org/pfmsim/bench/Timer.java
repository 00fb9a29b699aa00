package org.pfmsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

/** Median wall time of repeated calls after a warm-up; benchmarks only (never in tests). */
final class Timer {
    private Timer() {
    }

    /** Median seconds per call over {@code samples} samples of at least {@code minSeconds} each. */
    static double median(Runnable body, double warmupSeconds, int samples, double minSeconds) {
        return median(body, warmupSeconds, samples, minSeconds, System::nanoTime);
    }

    /**
     * As {@link #median(Runnable, double, int, double)} in CPU seconds of the calling thread: on a shared
     * machine the time the thread waits for a core inflates wall time but not this (single-threaded
     * bodies only; ND4J must be on one thread, which then runs BLAS in the caller).
     */
    static double cpuMedian(Runnable body, double warmupSeconds, int samples, double minSeconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return median(body, warmupSeconds, samples, minSeconds, threads::getCurrentThreadCpuTime);
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
}
