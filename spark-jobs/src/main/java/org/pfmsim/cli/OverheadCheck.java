package org.pfmsim.cli;

import java.util.Locale;
import org.pfmsim.config.ConfigException;
import org.pfmsim.grid.TileGrid;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.model.LayerSpec;

/**
 * Refuses, before Spark starts, tilings whose fixed costs would dwarf their work: such a run makes no visible
 * progress for minutes to hours, although every piece of it is legal. Two costs are fixed per piece, whatever its
 * size: a Spark task (about 5 ms of scheduling and result handling, measured in BENCHMARKS.md's Spark overhead
 * section) and a tile (its random stream, its programming and its product are set up per tile).
 */
final class OverheadCheck {
    /** Most tiles one layer may be cut into: 8192 x 8192 in 2 x 2 tiles. */
    static final long MAX_TILES_PER_LAYER = 1L << 24;
    /** Partitions are refused beyond this and beyond the widest layer's work units (each extra one is empty). */
    static final int MAX_EMPTY_PARTITIONS = 1024;
    /** Spark's fixed cost of one task, s. */
    static final double TASK_SECONDS = 0.005;

    private OverheadCheck() {
    }

    static void check(Iterable<LayerSpec> layers, TilingSpec tiling) {
        long maxUnits = 0;
        for (LayerSpec l : layers) {
            TileGrid grid = tiling.grid(l.rows(), l.cols());
            if (grid.tileCount() > MAX_TILES_PER_LAYER) {
                throw new ConfigException(String.format(Locale.ROOT, "tiling.tile-rows = %d, tiling.tile-cols = %d:"
                        + " allowed tiles that cut each layer into at most %,d tiles (layer %d, %d x %d, would be %,d"
                        + " tiles, each with a fixed set-up cost dwarfing its %d devices)", tiling.tileRows(),
                        tiling.tileCols(), MAX_TILES_PER_LAYER, l.index(), l.rows(), l.cols(), grid.tileCount(),
                        (long) tiling.tileRows() * tiling.tileCols()));
            }
            long rowUnits = (grid.rowTiles() + tiling.rowTilesPerUnit() - 1) / tiling.rowTilesPerUnit();
            maxUnits = Math.max(maxUnits, grid.colTiles() * rowUnits);
        }
        int partitions = tiling.partitions();
        if (partitions > MAX_EMPTY_PARTITIONS && partitions > maxUnits) {
            throw ConfigException.of("tiling.partitions", partitions, String.format(Locale.ROOT, "at most %d or the"
                    + " work units of the widest layer (%,d): each partition beyond them is an empty Spark task of"
                    + " about %.0f ms, %.0f s per layer here", MAX_EMPTY_PARTITIONS, maxUnits, TASK_SECONDS * 1e3,
                    (partitions - maxUnits) * TASK_SECONDS));
        }
    }
}
