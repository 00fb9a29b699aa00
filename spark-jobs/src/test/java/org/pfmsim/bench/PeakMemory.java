package org.pfmsim.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM while a benchmark body runs: used heap and resident set size (heap, ND4J's
 * off-heap buffers, code, Spark), sampled every 50 ms by a daemon thread. Benchmarks only.
 */
final class PeakMemory implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final long PAGE = 4096;
    private volatile boolean running = true;
    private volatile long heapBytes;
    private volatile long rssBytes;
    private final Thread sampler;

    PeakMemory() {
        System.gc(); // start from live data, not from the garbage of the previous run
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        heapBytes = Math.max(heapBytes, MEMORY.getHeapMemoryUsage().getUsed());
        rssBytes = Math.max(rssBytes, rss());
    }

    /** Resident set size from /proc/self/statm (second field, pages); 0 where there is no /proc. */
    static long rss() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    long heapBytes() {
        return heapBytes;
    }

    long rssBytes() {
        return rssBytes;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
        sample();
    }
}
