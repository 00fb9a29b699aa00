package org.pfmsim.placement;

import java.io.Serializable;

/**
 * The unit of work a Spark task processes: one column block of a layer, over the row tiles
 * [rowTileStart, rowTileEnd). The task sums the row tiles' partial outputs in ascending order; units
 * of the same column block are then summed in ascending rowTileStart. Units depend only on the grid and
 * {@code tiling.row-tiles-per-unit}, never on the partition count, so the arithmetic (and so every bit
 * of the result) is the same however units are placed.
 */
public record WorkUnit(int layer, long colTile, long rowTileStart, long rowTileEnd) implements Serializable {
    public long tileCount() {
        return rowTileEnd - rowTileStart;
    }
}
