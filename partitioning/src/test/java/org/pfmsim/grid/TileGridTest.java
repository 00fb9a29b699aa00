package org.pfmsim.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.placement.Placement;
import org.pfmsim.placement.TilingSpec;

class TileGridTest {

    /** Random shapes up to 10^5 x 10^5 in tiles up to 600, plus exact multiples, 1-element and tile > matrix. */
    private static List<TileGrid> shapes() {
        List<TileGrid> grids = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(20240611L);
        for (int k = 0; k < 300; k++) {
            grids.add(new TileGrid(1 + rnd.nextInt(100_000), 1 + rnd.nextInt(100_000),
                    1 + rnd.nextInt(600), 1 + rnd.nextInt(600)));
        }
        for (int k = 0; k < 100; k++) {
            int tr = 1 + rnd.nextInt(600);
            int tc = 1 + rnd.nextInt(600);
            grids.add(new TileGrid((long) tr * (1 + rnd.nextInt(150)), (long) tc * (1 + rnd.nextInt(150)), tr, tc));
        }
        grids.add(new TileGrid(1, 1, 1, 1));
        grids.add(new TileGrid(1, 1, 512, 512));
        grids.add(new TileGrid(1, 7, 3, 1));
        grids.add(new TileGrid(100_000, 100_000, 600, 600));
        grids.add(new TileGrid(100_000, 1, 1, 600));
        grids.add(new TileGrid(511, 513, 512, 512));
        return grids;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Test
    void tileRowsCoverEveryMatrixRowExactlyOnceWithContiguousStarts() {
        for (TileGrid g : shapes()) {
            long expectedStart = 0;
            long covered = 0;
            for (long t = 0; t < g.rowTiles(); t++) {
                assertEquals(expectedStart, g.rowStart(t), g + " row tile " + t);
                int n = g.rowsIn(t);
                assertTrue(n >= 1 && n <= g.tileRows(), g + " row tile " + t + " has " + n + " rows");
                expectedStart += n;
                covered += n;
            }
            assertEquals(g.rows(), covered, g.toString());
        }
    }

    @Test
    void tileColumnsCoverEveryMatrixColumnExactlyOnceWithContiguousStarts() {
        for (TileGrid g : shapes()) {
            long expectedStart = 0;
            long covered = 0;
            for (long t = 0; t < g.colTiles(); t++) {
                assertEquals(expectedStart, g.colStart(t), g + " col tile " + t);
                int n = g.colsIn(t);
                assertTrue(n >= 1 && n <= g.tileCols(), g + " col tile " + t + " has " + n + " cols");
                expectedStart += n;
                covered += n;
            }
            assertEquals(g.cols(), covered, g.toString());
        }
    }

    @Test
    void tileCountsAreCeilingsOfMatrixOverTileSize() {
        for (TileGrid g : shapes()) {
            assertEquals(ceilDiv(g.rows(), g.tileRows()), g.rowTiles(), g.toString());
            assertEquals(ceilDiv(g.cols(), g.tileCols()), g.colTiles(), g.toString());
            assertEquals(g.rowTiles() * g.colTiles(), g.tileCount(), g.toString());
        }
    }

    @Test
    void onlyTheLastTileIsRaggedAndOnlyWhenTheSizeDoesNotDivide() {
        for (TileGrid g : shapes()) {
            long lastRow = g.rowTiles() - 1;
            long lastCol = g.colTiles() - 1;
            for (long t = 0; t < lastRow; t++) {
                assertEquals(g.tileRows(), g.rowsIn(t), g + " row tile " + t);
            }
            for (long t = 0; t < lastCol; t++) {
                assertEquals(g.tileCols(), g.colsIn(t), g + " col tile " + t);
            }
            boolean rowsRagged = g.rows() % g.tileRows() != 0;
            boolean colsRagged = g.cols() % g.tileCols() != 0;
            assertEquals(rowsRagged, g.rowsIn(lastRow) < g.tileRows(), g.toString());
            assertEquals(colsRagged, g.colsIn(lastCol) < g.tileCols(), g.toString());
            assertEquals(rowsRagged ? g.rows() % g.tileRows() : g.tileRows(), g.rowsIn(lastRow), g.toString());
            assertEquals(colsRagged ? g.cols() % g.tileCols() : g.tileCols(), g.colsIn(lastCol), g.toString());
        }
    }

    @Test
    void singleElementMatrixIsOneTileOfOneElement() {
        TileGrid g = new TileGrid(1, 1, 512, 256);
        assertEquals(1, g.rowTiles());
        assertEquals(1, g.colTiles());
        assertEquals(1, g.tileCount());
        assertEquals(0, g.rowStart(0));
        assertEquals(0, g.colStart(0));
        assertEquals(1, g.rowsIn(0));
        assertEquals(1, g.colsIn(0));
    }

    @Test
    void exactMultipleHasNoRaggedTile() {
        TileGrid g = new TileGrid(1024, 768, 256, 128);
        assertEquals(4, g.rowTiles());
        assertEquals(6, g.colTiles());
        assertEquals(24, g.tileCount());
        assertEquals(256, g.rowsIn(3));
        assertEquals(128, g.colsIn(5));
        assertEquals(768, g.rowStart(3));
        assertEquals(640, g.colStart(5));
    }

    @Test
    void raggedGridHasSmallerLastTile() {
        TileGrid g = new TileGrid(1000, 300, 256, 128);
        assertEquals(4, g.rowTiles());
        assertEquals(3, g.colTiles());
        assertEquals(1000 - 768, g.rowsIn(3));
        assertEquals(300 - 256, g.colsIn(2));
    }

    @Test
    void indicesOutsideTheGridThrowIndexOutOfBounds() {
        SplittableRandom rnd = new SplittableRandom(7L);
        for (TileGrid g : shapes()) {
            long rt = g.rowTiles();
            long ct = g.colTiles();
            assertThrows(IndexOutOfBoundsException.class, () -> g.rowStart(rt), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.rowsIn(rt), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.colStart(ct), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.colsIn(ct), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.rowStart(-1), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.rowsIn(-1), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.colStart(-1), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.colsIn(-1), g.toString());
            long far = rt + 1 + rnd.nextLong(1L << 40);
            assertThrows(IndexOutOfBoundsException.class, () -> g.rowsIn(far), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.colsIn(ct + far), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.rowStart(Long.MAX_VALUE), g.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> g.colStart(Long.MIN_VALUE), g.toString());
        }
    }

    @Test
    void nonPositiveSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TileGrid(0, 10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TileGrid(10, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TileGrid(10, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TileGrid(10, 10, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new TileGrid(-5, 10, 1, 1));
    }

    @Test
    void teraParameterLayerGeometryUsesLongArithmetic() {
        // 10^6 x 10^6 = 10^12 weights in 512 x 512 tiles: 1954 tiles per side, last one 64 wide.
        TileGrid g = new TileGrid(1_000_000, 1_000_000, 512, 512);
        assertEquals(1954, g.rowTiles());
        assertEquals(1954, g.colTiles());
        assertEquals(3_818_116L, g.tileCount());
        assertEquals(1953L * 512, g.rowStart(1953));
        assertEquals(1_000_000 - 1953 * 512, g.rowsIn(1953));
        assertEquals(64, g.colsIn(1953));
        assertEquals(512, g.colsIn(1952));

        // Larger still: rows beyond int range, tile starts beyond int range.
        TileGrid huge = new TileGrid(1L << 40, 3_000_000_000L, 512, 1000);
        assertEquals(1L << 31, huge.rowTiles());
        assertEquals(3_000_000L, huge.colTiles());
        assertEquals((1L << 31) * 3_000_000L, huge.tileCount());
        long lastRow = huge.rowTiles() - 1;
        assertEquals((1L << 40) - 512, huge.rowStart(lastRow));
        assertEquals(512, huge.rowsIn(lastRow));
        assertEquals(2_999_999_000L, huge.colStart(huge.colTiles() - 1));

        TileGrid ragged = new TileGrid((1L << 40) + 1, 1, 512, 1);
        assertEquals((1L << 31) + 1, ragged.rowTiles());
        assertEquals(1, ragged.rowsIn(ragged.rowTiles() - 1));
        assertEquals(1L << 40, ragged.rowStart(ragged.rowTiles() - 1));
    }

    @Test
    void tileCountOverflowIsReportedNotWrapped() {
        TileGrid g = new TileGrid(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, 1, 1);
        assertThrows(ArithmeticException.class, g::tileCount);
    }

    @Test
    void gridsWithEqualFieldsAreEqualWithEqualHashCodes() {
        TileGrid a = new TileGrid(1_000_000, 777, 512, 64);
        TileGrid b = new TileGrid(1_000_000, 777, 512, 64);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new TileGrid(1_000_000, 777, 512, 65));
        assertNotEquals(a, new TileGrid(1_000_001, 777, 512, 64));
    }

    @Test
    void tilingSpecsWithEqualFieldsAreEqualWithEqualHashCodesAndMakeTheirGrid() {
        TilingSpec a = new TilingSpec(256, 128, 4, Placement.BALANCED, 0);
        TilingSpec b = new TilingSpec(256, 128, 4, Placement.BALANCED, 0);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new TilingSpec(256, 128, 4, Placement.ROUND_ROBIN, 0));
        assertEquals(new TileGrid(1000, 300, 256, 128), a.grid(1000, 300));
    }

    @Test
    void tilingSpecRejectsOutOfRangeSizesNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new TilingSpec(0, 128, 1, Placement.BALANCED, 0));
        assertEquals("tiling.tile-rows = 0: allowed integers 1 to 65536", e.getMessage());
        e = assertThrows(ConfigException.class, () -> new TilingSpec(128, 65537, 1, Placement.BALANCED, 0));
        assertEquals("tiling.tile-cols = 65537: allowed integers 1 to 65536", e.getMessage());
        e = assertThrows(ConfigException.class, () -> new TilingSpec(128, 128, 0, Placement.BALANCED, 0));
        assertEquals("tiling.row-tiles-per-unit = 0: allowed integers 1 to 1048576", e.getMessage());
        e = assertThrows(ConfigException.class, () -> new TilingSpec(128, 128, 1, Placement.BALANCED, -1));
        assertEquals("tiling.partitions = -1: allowed integers 0 to 1048576", e.getMessage());
        assertThrows(NullPointerException.class, () -> new TilingSpec(128, 128, 1, null, 0));
    }
}
