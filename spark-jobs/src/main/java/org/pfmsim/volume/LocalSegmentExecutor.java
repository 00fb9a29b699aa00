package org.pfmsim.volume;

import java.util.ArrayList;
import java.util.List;

/** The single-JVM loop over the same tiles: the reference the Spark run must equal bit for bit. */
public final class LocalSegmentExecutor implements SegmentExecutor {
    @Override
    public List<TileFields> tiles(SegmentJob job, int tileCount, SegmentInput input, int partitions) {
        List<TileFields> out = new ArrayList<>(tileCount);
        for (int t = 0; t < tileCount; t++) {
            out.add(job.compute(t, input));
        }
        return out;
    }
}
