package org.pfmsim.grid;

import java.io.Serializable;

/**
 * A rows x cols matrix cut into tiles of tileRows x tileCols, the last row and column of tiles ragged
 * (smaller) when the sizes do not divide. All geometry is arithmetic on long indices; nothing is
 * enumerated.
 */
public record TileGrid(long rows, long cols, int tileRows, int tileCols) implements Serializable {
    public TileGrid {
        if (rows <= 0 || cols <= 0 || tileRows <= 0 || tileCols <= 0) {
            throw new IllegalArgumentException("grid " + rows + "x" + cols + " in tiles " + tileRows + "x" + tileCols
                    + ": all sizes must be > 0");
        }
    }

    public long rowTiles() {
        return (rows + tileRows - 1) / tileRows;
    }

    public long colTiles() {
        return (cols + tileCols - 1) / tileCols;
    }

    public long tileCount() {
        return Math.multiplyExact(rowTiles(), colTiles());
    }

    public long rowStart(long tileRow) {
        checkIndex(tileRow, rowTiles(), "tile row");
        return tileRow * tileRows;
    }

    public long colStart(long tileCol) {
        checkIndex(tileCol, colTiles(), "tile column");
        return tileCol * tileCols;
    }

    /** Rows of the tiles in this tile row: tileRows, or fewer in the ragged last one. */
    public int rowsIn(long tileRow) {
        return (int) Math.min(tileRows, rows - rowStart(tileRow));
    }

    public int colsIn(long tileCol) {
        return (int) Math.min(tileCols, cols - colStart(tileCol));
    }

    private static void checkIndex(long index, long count, String what) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(what + " " + index + " outside [0, " + count + ")");
        }
    }
}
