package org.pfmsim.bench;

import java.util.Arrays;

/** Median wall time of repeated calls after a warm-up; benchmarks only (never in tests). */
final class Timer {
    private Timer() {
    }

    /** Median seconds per call over {@code samples} samples of at least {@code minSeconds} each. */
    static double median(Runnable body, double warmupSeconds, int samples, double minSeconds) {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            body.run();
        }
        double[] perCall = new double[samples];
        for (int s = 0; s < samples; s++) {
            int calls = 0;
            long t0 = System.nanoTime();
            long t;
            do {
                body.run();
                calls++;
                t = System.nanoTime();
            } while (t - t0 < minSeconds * 1e9);
            perCall[s] = (t - t0) / 1e9 / calls;
        }
        Arrays.sort(perCall);
        return perCall[samples / 2];
    }
}
