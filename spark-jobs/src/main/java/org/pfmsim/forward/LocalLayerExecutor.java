package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pfmsim.kernel.Nd4jThreads;
import org.pfmsim.placement.WorkUnit;

/** The single-JVM loop over the same tiles: the reference the distributed pass must equal bit for bit. */
public final class LocalLayerExecutor implements LayerExecutor {
    @Override
    public List<UnitResult> columnBlocks(LayerJob job, List<List<WorkUnit>> unitsByPartition, LayerInput input) {
        Nd4jThreads.useOneThread();
        Map<Long, List<UnitResult>> byBlock = new TreeMap<>();
        for (List<WorkUnit> partition : unitsByPartition) {
            for (WorkUnit u : partition) {
                byBlock.computeIfAbsent(u.colTile(), k -> new ArrayList<>()).add(job.compute(u, input));
            }
        }
        List<UnitResult> blocks = new ArrayList<>(byBlock.size());
        for (List<UnitResult> units : byBlock.values()) {
            blocks.add(UnitResult.sumColumnBlock(units));
        }
        return blocks;
    }
}
