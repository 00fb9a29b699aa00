package org.pfmsim.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pfmsim.kernel.Nd4jThreads;

/**
 * The single-JVM loop over the same units: the reference the distributed run must equal bit for bit, for a
 * matrix layer and a glass segment alike.
 *
 * <p>With one thread it is the plain loop. With N threads it runs the partitions of each stage on a pool
 * of N threads, the way Spark's local[N] runs them as tasks (one ND4J thread each, a partition taken by
 * whichever thread is free, every stage waiting for its last partition), but with no scheduler,
 * serialization, broadcast or result transfer: what the work itself costs on N cores, the baseline of
 * Spark's own overhead. Results are combined per block in the stage's order either way, so they do not
 * depend on N.
 */
public final class LocalStageExecutor implements StageExecutor {
    private final int threads;
    /** Kept across stages, like Spark's task threads, so per-thread scratch and native buffers are reused. */
    private final ExecutorService pool;

    /** The plain one-thread loop. */
    public LocalStageExecutor() {
        this(1);
    }

    /** @param threads worker threads, &ge; 1 */
    public LocalStageExecutor(int threads) {
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
    public <U, I, R> List<R> run(Stage<U, I, R> stage, List<List<U>> unitsByPartition, I input) {
        if (threads == 1) {
            return StageResults.byBlock(stage, partition(stage, unitsByPartition, input, 0, unitsByPartition.size()));
        }
        try {
            List<Future<List<R>>> parts = new ArrayList<>();
            for (int p = 0; p < unitsByPartition.size(); p++) {
                int only = p;
                parts.add(pool.submit(() -> partition(stage, unitsByPartition, input, only, only + 1)));
            }
            List<R> units = new ArrayList<>();
            for (Future<List<R>> part : parts) {
                units.addAll(part.get());
            }
            return StageResults.byBlock(stage, units);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stage's partitions", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static <U, I, R> List<R> partition(Stage<U, I, R> stage, List<List<U>> unitsByPartition, I input,
                                               int from, int to) {
        Nd4jThreads.useOneThread();
        List<R> results = new ArrayList<>();
        for (int p = from; p < to; p++) {
            for (U u : unitsByPartition.get(p)) {
                results.add(stage.compute(u, input));
            }
        }
        return results;
    }
}
