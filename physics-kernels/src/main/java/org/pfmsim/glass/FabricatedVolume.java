package org.pfmsim.glass;

import org.pfmsim.rng.Purpose;

/**
 * A designed volume as written: every voxel's index contrast misses its target by a Gaussian random field of
 * standard deviation {@code sigma} (dn units) correlated over {@code correlationMeters}, the size of the writing
 * laser's focal volume over which one exposure's dose error acts (0 = independent voxels). It is drawn from the
 * {@link Purpose#VOLUME_FABRICATION} streams as a {@link SyntheticVolume}, so it is fixed per voxel whatever the
 * tiling. A correlation shorter than the wavelength scatters light beyond the aperture of {@link BeamOptics},
 * which halos do not cover: measured at 1.6e-3 relative for white errors of sigma 2e-4 in TiledVolumeTest's volume.
 */
public record FabricatedVolume(IndexVolume design, SyntheticVolume error) implements IndexVolume {
    private static final String P = "platform.glass-volume.fabrication.";

    public static FabricatedVolume of(IndexVolume design, long seed, double sigma, double correlationMeters,
                                      BeamOptics optics) {
        return new FabricatedVolume(design, new SyntheticVolume(seed, Purpose.VOLUME_FABRICATION, design.sizeX(),
                design.sizeY(), design.sizeZ(), sigma, correlationMeters, optics, P + "sigma", P + "correlation-meters"));
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
        float[] e = new float[w * h * d];
        error.read(x0, y0, z0, w, h, d, e);
        for (int i = 0; i < e.length; i++) {
            out[i] += e[i];
        }
    }
}
