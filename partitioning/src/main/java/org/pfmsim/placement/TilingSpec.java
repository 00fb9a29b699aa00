package org.pfmsim.placement;

import java.io.Serializable;
import java.util.Objects;
import org.pfmsim.config.Checks;
import org.pfmsim.grid.TileGrid;

/**
 * How layers are cut into physical tiles and tiles into Spark work (config {@code tiling.*}).
 *
 * @param tileRows         inputs per tile (crossbar rows)
 * @param tileCols         outputs per tile (crossbar columns)
 * @param rowTilesPerUnit  row tiles one task sums before the cross-task reduction
 * @param placement        work unit to partition strategy
 * @param partitions       Spark partitions per layer; 0 = the default parallelism (one task per core)
 */
public record TilingSpec(int tileRows, int tileCols, int rowTilesPerUnit, Placement placement, int partitions)
        implements Serializable {
    public TilingSpec {
        Checks.intRange("tiling.tile-rows", tileRows, 1, 1 << 16);
        Checks.intRange("tiling.tile-cols", tileCols, 1, 1 << 16);
        Checks.intRange("tiling.row-tiles-per-unit", rowTilesPerUnit, 1, 1 << 20);
        Objects.requireNonNull(placement);
        Checks.intRange("tiling.partitions", partitions, 0, 1 << 20);
    }

    public TileGrid grid(long rows, long cols) {
        return new TileGrid(rows, cols, tileRows, tileCols);
    }
}
