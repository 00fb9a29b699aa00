package org.pfmsim.stage;

import java.io.Serializable;
import java.util.List;

/**
 * A model written into a medium that runs itself as a sequence of {@link Stage}s (the glass volume's depth
 * segments): the engine gives it an executor and commits what it returns, one {@code layers} row per stage,
 * without knowing the medium. Bound from the config by its {@link org.pfmsim.platform.StagedMedium}.
 */
public interface StagedModel extends Serializable {
    /** The medium's config name, the {@code platform} of the run. */
    String kind();

    /** Parameters of the model (voxels of a glass volume). */
    long parameters();

    /** Input vectors propagated together. */
    int batch();

    /** The number of stages the run has. */
    int stages();

    /** What one stage is called in progress output ({@code segment}). */
    String stageNoun();

    /** Tasks per stage, given Spark's default parallelism (the result does not depend on it). */
    int partitions(int defaultParallelism);

    /** One line for the start of the run: sizes, tiles, stages (the engine adds run id, batch and partitions). */
    String describe();

    /** Lines printed under the run's summary (the glass block's size). */
    List<String> summary();

    /**
     * Refuses, as bad config and before Spark starts, a model whose driver-side state would not fit
     * {@code heapBytes}.
     */
    void requireFits(long heapBytes);

    /** Told after each stage, for progress output. */
    interface Progress {
        void stageDone(StageOutcome outcome, int stages);
    }

    /** Runs every stage on the executor, in order; one outcome per stage. */
    List<StageOutcome> run(StageExecutor executor, int partitions, Progress progress);
}
