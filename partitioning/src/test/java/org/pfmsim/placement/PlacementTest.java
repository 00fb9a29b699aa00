package org.pfmsim.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.grid.TileGrid;

class PlacementTest {

    private static final List<TileGrid> GRIDS = List.of(
            new TileGrid(1000, 300, 256, 128),   // ragged both ways: 4 x 3 tiles
            new TileGrid(1024, 512, 256, 128),   // exact multiples: 4 x 4 tiles
            new TileGrid(1, 1, 64, 64),          // a single tile
            new TileGrid(5000, 77, 100, 7),      // 50 x 11 tiles
            new TileGrid(12_345, 999, 512, 64)); // 25 x 16 tiles, ragged

    private static final int[] ROW_TILES_PER_UNIT = {1, 2, 3, 4, 7, 1000};

    @Test
    void workUnitsCoverEveryTileExactlyOnceInColumnThenRowTileOrder() {
        for (TileGrid g : GRIDS) {
            for (int perUnit : ROW_TILES_PER_UNIT) {
                List<WorkUnit> units = WorkUnits.of(3, g, perUnit);
                // Walking the units' tiles in order must enumerate (colTile, rowTile) lexicographically.
                long expectedCol = 0;
                long expectedRow = 0;
                long tiles = 0;
                for (WorkUnit u : units) {
                    assertEquals(3, u.layer());
                    assertEquals(expectedCol, u.colTile(), g + " per unit " + perUnit + " " + u);
                    assertEquals(expectedRow, u.rowTileStart(), g + " per unit " + perUnit + " " + u);
                    assertTrue(u.rowTileEnd() > u.rowTileStart(), u.toString());
                    assertTrue(u.rowTileEnd() <= g.rowTiles(), u.toString());
                    assertTrue(u.tileCount() <= perUnit, u.toString());
                    assertEquals(u.rowTileEnd() - u.rowTileStart(), u.tileCount());
                    tiles += u.tileCount();
                    expectedRow = u.rowTileEnd();
                    if (expectedRow == g.rowTiles()) {
                        expectedRow = 0;
                        expectedCol++;
                    }
                }
                assertEquals(g.colTiles(), expectedCol, g + " per unit " + perUnit);
                assertEquals(0, expectedRow);
                assertEquals(g.tileCount(), tiles, g + " per unit " + perUnit);
                assertEquals(g.colTiles() * ((g.rowTiles() + perUnit - 1) / perUnit), units.size());
            }
        }
    }

    @Test
    void onlyTheLastUnitOfAColumnBlockIsShort() {
        TileGrid g = new TileGrid(1000, 300, 256, 128); // 4 row tiles
        List<WorkUnit> units = WorkUnits.of(0, g, 3);
        assertEquals(List.of(
                new WorkUnit(0, 0, 0, 3), new WorkUnit(0, 0, 3, 4),
                new WorkUnit(0, 1, 0, 3), new WorkUnit(0, 1, 3, 4),
                new WorkUnit(0, 2, 0, 3), new WorkUnit(0, 2, 3, 4)), units);
    }

    @Test
    void workUnitsRejectNonPositiveRowTilesPerUnit() {
        TileGrid g = new TileGrid(10, 10, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> WorkUnits.of(0, g, 0));
        assertThrows(IllegalArgumentException.class, () -> WorkUnits.of(0, g, -3));
    }

    @Test
    void workOfAUnitIsItsWeightCountIncludingRaggedTiles() {
        TileGrid g = new TileGrid(1000, 300, 256, 128);
        assertEquals(256L * 128, Placement.work(new WorkUnit(0, 0, 0, 1), g));
        assertEquals(1000L * 128, Placement.work(new WorkUnit(0, 1, 0, 4), g));
        assertEquals((256L + 232) * 44, Placement.work(new WorkUnit(0, 2, 2, 4), g));
        long total = 0;
        for (WorkUnit u : WorkUnits.of(0, g, 3)) {
            total += Placement.work(u, g);
        }
        assertEquals(1000L * 300, total);
    }

    @Test
    void everyStrategyPutsEveryUnitInExactlyOnePartition() {
        for (Placement strategy : Placement.values()) {
            for (TileGrid g : GRIDS) {
                for (int perUnit : ROW_TILES_PER_UNIT) {
                    List<WorkUnit> units = WorkUnits.of(1, g, perUnit);
                    for (int partitions : new int[] {1, 3, 7, units.size(), units.size() + 1, 3 * units.size() + 5}) {
                        List<List<WorkUnit>> assigned = strategy.assign(units, g, partitions);
                        String what = strategy + " " + g + " per unit " + perUnit + " into " + partitions;
                        assertEquals(partitions, assigned.size(), what);
                        Map<WorkUnit, Integer> seen = new HashMap<>();
                        for (List<WorkUnit> part : assigned) {
                            for (WorkUnit u : part) {
                                seen.merge(u, 1, Integer::sum);
                            }
                        }
                        assertEquals(units.size(), seen.size(), what);
                        for (WorkUnit u : units) {
                            assertEquals(1, seen.get(u), what + " " + u);
                        }
                    }
                }
            }
        }
    }

    @Test
    void roundRobinSendsUnitKToPartitionKModP() {
        TileGrid g = new TileGrid(5000, 77, 100, 7);
        List<WorkUnit> units = WorkUnits.of(0, g, 3);
        List<List<WorkUnit>> assigned = Placement.ROUND_ROBIN.assign(units, g, 7);
        for (int k = 0; k < units.size(); k++) {
            assertSame(units.get(k), assigned.get(k % 7).get(k / 7));
        }
    }

    @Test
    void moreBalancedPartitionsThanUnitsLeavesEveryUnitAlone() {
        TileGrid g = new TileGrid(1000, 300, 256, 128);
        List<WorkUnit> units = WorkUnits.of(0, g, 2);
        List<List<WorkUnit>> assigned = Placement.BALANCED.assign(units, g, units.size() + 4);
        long nonEmpty = assigned.stream().filter(p -> !p.isEmpty()).count();
        assertEquals(units.size(), nonEmpty);
        assertTrue(assigned.stream().allMatch(p -> p.size() <= 1));
    }

    @Test
    void balancedHeaviestPartitionIsWithinGrahamsBound() {
        SplittableRandom rnd = new SplittableRandom(1969L);
        for (int trial = 0; trial < 300; trial++) {
            TileGrid g = new TileGrid(1 + rnd.nextInt(50_000), 1 + rnd.nextInt(50_000),
                    1 + rnd.nextInt(600), 1 + rnd.nextInt(600));
            List<WorkUnit> units = new ArrayList<>();
            int n = 1 + rnd.nextInt(200);
            for (int k = 0; k < n; k++) {
                long start = rnd.nextLong(g.rowTiles());
                long end = start + 1 + rnd.nextLong(Math.min(g.rowTiles() - start, 20));
                units.add(new WorkUnit(0, rnd.nextLong(g.colTiles()), start, end));
            }
            int partitions = 1 + rnd.nextInt(40);
            List<List<WorkUnit>> assigned = Placement.BALANCED.assign(units, g, partitions);

            long total = 0;
            long heaviestUnit = 0;
            for (WorkUnit u : units) {
                long w = Placement.work(u, g);
                total += w;
                heaviestUnit = Math.max(heaviestUnit, w);
            }
            long heaviestPartition = 0;
            long assignedTotal = 0;
            for (List<WorkUnit> part : assigned) {
                long load = 0;
                for (WorkUnit u : part) {
                    load += Placement.work(u, g);
                }
                heaviestPartition = Math.max(heaviestPartition, load);
                assignedTotal += load;
            }
            assertEquals(total, assignedTotal);
            double bound = (double) total / partitions + heaviestUnit;
            assertTrue(heaviestPartition <= bound, "trial " + trial + ": heaviest partition " + heaviestPartition
                    + " > average " + (double) total / partitions + " + heaviest unit " + heaviestUnit);
        }
    }

    @Test
    void balancedEvensOutUnequalUnitsWhereRoundRobinDoesNot() {
        // 10 row tiles of 1 row, 3 column blocks of 100: big units span 5 row tiles (500), small ones 1 (100).
        TileGrid g = new TileGrid(10, 300, 1, 100);
        List<WorkUnit> units = List.of(
                new WorkUnit(0, 0, 0, 5), new WorkUnit(0, 0, 5, 6),
                new WorkUnit(0, 1, 0, 5), new WorkUnit(0, 1, 5, 6),
                new WorkUnit(0, 2, 0, 5), new WorkUnit(0, 2, 5, 6));
        long[] rr = loads(Placement.ROUND_ROBIN.assign(units, g, 2), g);
        long[] lpt = loads(Placement.BALANCED.assign(units, g, 2), g);
        assertEquals(1500L, rr[0]);
        assertEquals(300L, rr[1]);
        // LPT: 500 | 500, then 500 -> first (1000), then the three 100s to the lighter one (800).
        assertEquals(1000L, Math.max(lpt[0], lpt[1]));
        assertEquals(800L, Math.min(lpt[0], lpt[1]));

        // Three big and three small units into three partitions: each gets one of each.
        long[] three = loads(Placement.BALANCED.assign(units, g, 3), g);
        assertEquals(List.of(600L, 600L, 600L), List.of(three[0], three[1], three[2]));
    }

    private static long[] loads(List<List<WorkUnit>> assigned, TileGrid g) {
        long[] out = new long[assigned.size()];
        for (int p = 0; p < out.length; p++) {
            for (WorkUnit u : assigned.get(p)) {
                out[p] += Placement.work(u, g);
            }
        }
        return out;
    }

    @Test
    void assignRejectsNonPositivePartitionCounts() {
        TileGrid g = new TileGrid(10, 10, 2, 2);
        List<WorkUnit> units = WorkUnits.of(0, g, 1);
        for (Placement p : Placement.values()) {
            assertThrows(IllegalArgumentException.class, () -> p.assign(units, g, 0));
            assertThrows(IllegalArgumentException.class, () -> p.assign(units, g, -1));
        }
    }

    @Test
    void parseAcceptsConfigNames() {
        assertEquals(Placement.BALANCED, Placement.parse("tiling.placement", "balanced"));
        assertEquals(Placement.ROUND_ROBIN, Placement.parse("tiling.placement", "round-robin"));
        assertEquals("round-robin", Placement.ROUND_ROBIN.configName());
        assertEquals("balanced", Placement.BALANCED.configName());
    }

    @Test
    void parseRejectsUnknownNamesListingTheAllowedOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> Placement.parse("tiling.placement", "diagonal"));
        assertEquals("tiling.placement = diagonal: allowed one of [round-robin, balanced]", e.getMessage());
        // Enum constant spellings and other cases are not config names.
        assertThrows(ConfigException.class, () -> Placement.parse("tiling.placement", "ROUND_ROBIN"));
        assertThrows(ConfigException.class, () -> Placement.parse("tiling.placement", "round_robin"));
        assertThrows(ConfigException.class, () -> Placement.parse("tiling.placement", "Balanced"));
        assertThrows(ConfigException.class, () -> Placement.parse("tiling.placement", ""));
    }
}
