package org.pfmsim.stage;

import java.util.List;

/**
 * Where a {@link Stage}'s units are computed: on Spark or in this JVM. Every implementation returns one
 * combined result per output block, in ascending block order, with the same arithmetic, so results do not
 * depend on the executor nor on how the units are spread over partitions.
 */
public interface StageExecutor {
    /**
     * @param unitsByPartition the stage's units, one list per task (Spark partition)
     * @param input            what every unit is computed against, sent once per stage
     * @return one result per block, block 0 first
     */
    <U, I, R> List<R> run(Stage<U, I, R> stage, List<List<U>> unitsByPartition, I input);
}
