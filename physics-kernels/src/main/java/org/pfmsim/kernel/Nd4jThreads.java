package org.pfmsim.kernel;

import org.nd4j.linalg.factory.Nd4j;

/**
 * One ND4J / BLAS thread per Spark task: with task slots = cores, letting OpenMP and OpenBLAS spawn their
 * own threads oversubscribes the machine and costs about 40% of throughput (STACK.md section 3.4).
 */
public final class Nd4jThreads {
    private static volatile boolean configured;

    private Nd4jThreads() {
    }

    /** Idempotent; call at the start of every task and benchmark. */
    public static void useOneThread() {
        if (configured) {
            return;
        }
        synchronized (Nd4jThreads.class) {
            if (!configured) {
                Nd4j.getEnvironment().setMaxThreads(1);
                Nd4j.getEnvironment().setMaxMasterThreads(1);
                Nd4j.factory().blas().setMaxThreads(1);
                configured = true;
            }
        }
    }
}
