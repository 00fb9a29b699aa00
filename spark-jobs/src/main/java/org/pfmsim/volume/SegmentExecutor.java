package org.pfmsim.volume;

import java.util.List;

/**
 * How a segment's tiles are executed: on Spark or in this JVM. Both return every tile's
 * {@link TileFields}, computed with the same arithmetic, in any order (the driver places them by tile).
 */
public interface SegmentExecutor {
    List<TileFields> tiles(SegmentJob job, int tileCount, SegmentInput input, int partitions);
}
