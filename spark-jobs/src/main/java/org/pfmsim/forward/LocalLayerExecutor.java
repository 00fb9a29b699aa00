package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.kernel.Nd4jThreads;
import org.pfmsim.placement.WorkUnit;

/** The single-JVM loop over the same tiles: the reference the distributed pass must equal bit for bit. */
public final class LocalLayerExecutor implements LayerExecutor {
    @Override
    public List<UnitResult> columnBlocks(LayerJob job, List<List<WorkUnit>> unitsByPartition, LayerInput input) {
        Nd4jThreads.useOneThread();
        List<UnitResult> units = new ArrayList<>();
        for (List<WorkUnit> partition : unitsByPartition) {
            for (WorkUnit u : partition) {
                units.add(job.compute(u, input));
            }
        }
        return UnitResult.sumByColumnBlock(units);
    }
}
