package org.pfmsim.glass;

/**
 * A tile's interior fields at the end of a segment (batch x interior, row-major, interleaved float): the ideal
 * chain (designed volume), the physical chain (written volume, physical field in) and the local run (written
 * volume, ideal field in). What a segment's task sends back: plain float arrays.
 */
public final class TileFields {
    final int tile;
    final float[] ideal;
    final float[] physical;
    final float[] local;

    TileFields(int tile, float[] ideal, float[] physical, float[] local) {
        this.tile = tile;
        this.ideal = ideal;
        this.physical = physical;
        this.local = local;
    }
}
