package org.pfmsim.forward;

import java.util.List;
import org.pfmsim.placement.WorkUnit;

/**
 * How a layer's work units are executed: on Spark or in this JVM. Both return one summed
 * {@link UnitResult} per column block, in column-block order, computed with the same arithmetic.
 */
public interface LayerExecutor {
    List<UnitResult> columnBlocks(LayerJob job, List<List<WorkUnit>> unitsByPartition, LayerInput input);
}
