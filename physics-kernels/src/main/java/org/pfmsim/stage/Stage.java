package org.pfmsim.stage;

import java.io.Serializable;
import java.util.List;

/**
 * One step of a model that a {@link StageExecutor} runs: a matrix layer (units = row-tile runs of a column
 * block) or a glass depth segment (units = lateral tiles). Every unit is computed against the one input of
 * the stage (broadcast once to all tasks), and the results of one output block are combined in the stage's
 * own fixed order, so the combined results do not depend on which task computed which unit.
 *
 * <p>Implementations travel to the tasks inside the executor's closures: keep them small (descriptions of
 * where the data is, not the data).
 *
 * @param <U> a unit of work
 * @param <I> the stage's input, the same for every unit
 * @param <R> a unit's result
 */
public interface Stage<U, I, R> extends Serializable {
    /** Names the stage in the executor's call sites ({@code layer 3}, {@code glass segment 2}). */
    String label();

    /** The number of output blocks, keys 0 .. blocks() - 1. */
    long blocks();

    /** The unit's result, identical wherever it is computed. */
    R compute(U unit, I input);

    /** The output block a result belongs to. */
    long block(R result);

    /**
     * The results of one block (all of them, in any order) combined in the stage's fixed order (for a matrix
     * layer: partial sums added in ascending row tile). A block of one result returns it, or an equal one.
     */
    R combine(List<R> block);
}
