package org.pfmsim.glass;

import org.pfmsim.config.Checks;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * A designed volume as written: every voxel's index contrast misses its target by an independent Gaussian
 * error of standard deviation {@code sigma} (dn units; voxel-to-voxel writing noise of femtosecond laser
 * writing), drawn from the {@link Purpose#VOLUME_FABRICATION} stream of slice z at the voxel's lateral
 * position, so it is fixed per voxel whatever the tiling.
 */
public record FabricatedVolume(IndexVolume design, long seed, double sigma) implements IndexVolume {
    public FabricatedVolume {
        Checks.nonNegative("platform.glass-volume.fabrication-sigma", sigma);
    }

    @Override
    public int sizeX() {
        return design.sizeX();
    }

    @Override
    public int sizeY() {
        return design.sizeY();
    }

    @Override
    public int sizeZ() {
        return design.sizeZ();
    }

    @Override
    public void read(int x0, int y0, int z0, int w, int h, int d, float[] out) {
        design.read(x0, y0, z0, w, h, d, out);
        if (sigma == 0) {
            return;
        }
        for (int k = 0; k < d; k++) {
            CounterRng slice = CounterRng.stream(seed, Purpose.VOLUME_FABRICATION, 0, z0 + k, 0);
            for (int j = 0; j < h; j++) {
                long row = (long) (y0 + j) << 32;
                for (int i = 0; i < w; i++) {
                    if (contains(x0 + i, y0 + j, z0 + k)) {
                        out[(k * h + j) * w + i] += (float) (sigma * slice.gaussian(row ^ ((x0 + i) & 0xFFFFFFFFL)));
                    }
                }
            }
        }
    }
}
