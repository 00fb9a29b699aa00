package org.pfmsim.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM while a benchmark body runs: used heap and resident set size (heap, ND4J's
 * off-heap buffers, code, Spark), sampled every 50 ms by a daemon thread, and the peak live heap: the
 * largest heap occupancy right after a garbage collection (reported by every collector's notifications).
 * Used heap follows the collector's sizing decisions (with a large maximum heap, G1 lets garbage pile up
 * before collecting); live heap is what the run needs. Benchmarks only.
 */
final class PeakMemory implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final long PAGE = 4096;
    private volatile boolean running = true;
    private volatile long heapBytes;
    private volatile long rssBytes;
    private volatile long liveBytes;
    private final Thread sampler;
    private final java.util.List<javax.management.NotificationEmitter> emitters = new java.util.ArrayList<>();
    private final javax.management.NotificationListener afterGc = (notification, handback) -> {
        if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                notification.getType())) {
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) notification.getUserData());
            long used = 0;
            for (var pool : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                used += pool.getUsed();
            }
            liveBytes = Math.max(liveBytes, used);
        }
    };

    PeakMemory() {
        System.gc(); // start from live data, not from the garbage of the previous run
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter emitter) {
                emitter.addNotificationListener(afterGc, null, null);
                emitters.add(emitter);
            }
        }
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

    /** Largest heap occupancy after a collection during the run (0 if none ran). */
    long liveBytes() {
        return liveBytes;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
        sample();
        for (var emitter : emitters) {
            try {
                emitter.removeNotificationListener(afterGc);
            } catch (javax.management.ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        emitters.clear(); // closing twice (explicitly, then by try-with-resources) is harmless
    }
}
