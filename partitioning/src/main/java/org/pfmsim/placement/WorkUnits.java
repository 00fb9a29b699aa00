package org.pfmsim.placement;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.grid.TileGrid;

/** Cuts a layer's tile grid into work units, in (column block, row tile) order. */
public final class WorkUnits {
    private WorkUnits() {
    }

    public static List<WorkUnit> of(int layer, TileGrid grid, int rowTilesPerUnit) {
        if (rowTilesPerUnit <= 0) {
            throw new IllegalArgumentException("row tiles per unit must be > 0, got " + rowTilesPerUnit);
        }
        List<WorkUnit> units = new ArrayList<>();
        for (long c = 0; c < grid.colTiles(); c++) {
            for (long r = 0; r < grid.rowTiles(); r += rowTilesPerUnit) {
                units.add(new WorkUnit(layer, c, r, Math.min(grid.rowTiles(), r + rowTilesPerUnit)));
            }
        }
        return units;
    }
}
