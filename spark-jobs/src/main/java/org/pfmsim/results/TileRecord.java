package org.pfmsim.results;

/**
 * One row of the {@code tiles} table: statistics of one physical tile of one layer. Tiles are
 * sampled, so a run may hold rows for only some tiles, or none.
 *
 * @param runId          run this tile belongs to
 * @param layer          zero-based layer index
 * @param tileRow        row of the tile in the layer's tile grid
 * @param tileCol        column of the tile in the layer's tile grid
 * @param rows           rows of the matrix block held by the tile (the last block may be ragged)
 * @param cols           columns of the matrix block held by the tile
 * @param relError       ‖y_phys − y_ideal‖₂ / ‖y_ideal‖₂ of the tile's partial output
 * @param energyJoules   energy the tile spent over the batch, in J
 * @param stuckDevices   devices stuck at a fixed state (crossbar) or dead pixels/voxels
 * @param inputsClipped  input values clipped at the tile's converters
 * @param outputsClipped output values clipped at the tile's converters
 */
public record TileRecord(
        String runId,
        int layer,
        long tileRow,
        long tileCol,
        int rows,
        int cols,
        double relError,
        double energyJoules,
        long stuckDevices,
        long inputsClipped,
        long outputsClipped) {
}
