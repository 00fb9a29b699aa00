package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pfmsim.kernel.Nd4jThreads;
import org.pfmsim.placement.WorkUnit;

/**
 * The single-JVM loop over the same tiles: the reference the distributed pass must equal bit for bit.
 *
 * <p>With one thread it is the plain loop. With N threads it runs the partitions of each layer on a pool
 * of N threads, the way Spark's local[N] runs them as tasks (one ND4J thread each, a partition taken by
 * whichever thread is free, every layer waiting for its last partition), but with no scheduler,
 * serialization, broadcast or result transfer: what the work itself costs on N cores, the baseline of
 * Spark's own overhead. Results are summed in partition order either way, so they do not depend on N.
 */
public final class LocalLayerExecutor implements LayerExecutor {
    private final int threads;
    /** Kept across layers, like Spark's task threads, so per-thread scratch and native buffers are reused. */
    private final ExecutorService pool;

    /** The plain one-thread loop. */
    public LocalLayerExecutor() {
        this(1);
    }

    /** @param threads worker threads, &ge; 1 */
    public LocalLayerExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pfm-local-loop");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<UnitResult> columnBlocks(LayerJob job, List<List<WorkUnit>> unitsByPartition, LayerInput input) {
        if (threads == 1) {
            return UnitResult.sumByColumnBlock(partition(job, unitsByPartition, input, 0,
                    unitsByPartition.size()));
        }
        try {
            List<Future<List<UnitResult>>> parts = new ArrayList<>();
            for (int p = 0; p < unitsByPartition.size(); p++) {
                int only = p;
                parts.add(pool.submit(() -> partition(job, unitsByPartition, input, only, only + 1)));
            }
            List<UnitResult> units = new ArrayList<>();
            for (Future<List<UnitResult>> part : parts) {
                units.addAll(part.get());
            }
            return UnitResult.sumByColumnBlock(units);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the layer's partitions", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static List<UnitResult> partition(LayerJob job, List<List<WorkUnit>> unitsByPartition, LayerInput input,
                                              int from, int to) {
        Nd4jThreads.useOneThread();
        List<UnitResult> units = new ArrayList<>();
        for (int p = from; p < to; p++) {
            for (WorkUnit u : unitsByPartition.get(p)) {
                units.add(job.compute(u, input));
            }
        }
        return units;
    }
}
