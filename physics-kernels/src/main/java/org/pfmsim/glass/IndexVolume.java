package org.pfmsim.glass;

import java.io.Serializable;

/**
 * Where a glass volume's index contrast dn(x, y, z) (dimensionless, relative to the background index) comes
 * from. Blocks are produced on demand where they are used, so a volume is never materialized or shipped.
 * Voxel (x, y, z): x and y lateral, z along the optical axis; blocks are laid out z-major, then y, then x.
 */
public interface IndexVolume extends Serializable {
    int sizeX();

    int sizeY();

    int sizeZ();

    /**
     * Writes dn of the block [x0, x0 + w) x [y0, y0 + h) x [z0, z0 + d) into {@code out[0 .. w h d)}; voxels
     * outside the volume (halos beyond its edge, the absorbing band) are 0.
     */
    void read(int x0, int y0, int z0, int w, int h, int d, float[] out);

    /** The number of voxels: the parameter count of a glass-volume model. */
    default long voxels() {
        return (long) sizeX() * sizeY() * sizeZ();
    }

    /** Whether voxel (x, y, z) is inside the volume. */
    default boolean contains(long x, long y, long z) {
        return x >= 0 && x < sizeX() && y >= 0 && y < sizeY() && z >= 0 && z < sizeZ();
    }
}
