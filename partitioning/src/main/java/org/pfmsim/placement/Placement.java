package org.pfmsim.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.pfmsim.config.ConfigException;
import org.pfmsim.grid.TileGrid;

/**
 * Strategies that assign work units to Spark partitions. Placement changes only which task computes a
 * unit, never what is computed (see {@link WorkUnit}).
 */
public enum Placement {
    /** Unit k goes to partition k mod P: simple, balanced when units are alike. */
    ROUND_ROBIN,
    /**
     * Longest-processing-time-first greedy (Graham 1969): units sorted by work (tile area), each to the
     * least-loaded partition; the heaviest partition is at most 4/3 of the optimum.
     */
    BALANCED;

    public List<List<WorkUnit>> assign(List<WorkUnit> units, TileGrid grid, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be > 0, got " + partitions);
        }
        List<List<WorkUnit>> out = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            out.add(new ArrayList<>());
        }
        if (this == ROUND_ROBIN) {
            for (int k = 0; k < units.size(); k++) {
                out.get(k % partitions).add(units.get(k));
            }
            return out;
        }
        long[] load = new long[partitions];
        List<WorkUnit> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparingLong((WorkUnit u) -> -work(u, grid)));
        for (WorkUnit u : sorted) {
            int least = 0;
            for (int p = 1; p < partitions; p++) {
                if (load[p] < load[least]) {
                    least = p;
                }
            }
            load[least] += work(u, grid);
            out.get(least).add(u);
        }
        return out;
    }

    /** Multiply-accumulates per sample of a unit: its weight count. */
    public static long work(WorkUnit u, TileGrid grid) {
        long rows = 0;
        for (long r = u.rowTileStart(); r < u.rowTileEnd(); r++) {
            rows += grid.rowsIn(r);
        }
        return rows * grid.colsIn(u.colTile());
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Placement parse(String key, String value) {
        for (Placement p : values()) {
            if (p.configName().equals(value)) {
                return p;
            }
        }
        throw ConfigException.of(key, value, "one of " + Arrays.stream(values()).map(Placement::configName).toList());
    }
}
