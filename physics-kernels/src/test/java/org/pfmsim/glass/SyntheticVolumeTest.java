package org.pfmsim.glass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Synthetic volumes: any block on demand equals the same block of the whole; statistics as specified. */
class SyntheticVolumeTest {
    private static final BeamOptics OPTICS = new BeamOptics(1e-6, 1.45, 0.5e-6, 1e-6, 0.3, 8, 0.1);

    @Test
    void anyBlockEqualsTheSameBlockCutFromALargerOne() {
        SyntheticVolume v = new SyntheticVolume(5, 40, 30, 20, 1e-3, 1.5e-6, OPTICS);
        float[] whole = new float[50 * 40 * 24];
        v.read(-5, -5, -2, 50, 40, 24, whole);
        float[] block = new float[13 * 7 * 5];
        v.read(30, 20, 16, 13, 7, 5, block); // runs past the volume's x and z edges
        for (int k = 0; k < 5; k++) {
            for (int j = 0; j < 7; j++) {
                for (int i = 0; i < 13; i++) {
                    float expected = whole[((16 + k + 2) * 40 + (20 + j + 5)) * 50 + (30 + i + 5)];
                    assertEquals(expected, block[(k * 7 + j) * 13 + i], 1e-9f, "voxel " + i + "," + j + "," + k);
                }
            }
        }
        assertEquals(0f, block[(4 * 7 + 3) * 13 + 12], "outside the volume (x = 42) dn is 0");
    }

    @Test
    void contrastIsTheStandardDeviationAndCorrelationFallsToOneOverEAtTheCorrelationLength() {
        double corr = 2e-6; // 4 voxels laterally
        SyntheticVolume v = new SyntheticVolume(9, 256, 256, 8, 2e-3, corr, OPTICS);
        float[] dn = new float[256 * 256 * 8];
        v.read(0, 0, 0, 256, 256, 8, dn);
        double sum = 0;
        double sq = 0;
        double lag = 0;
        int lagVoxels = 4;
        long pairs = 0;
        for (int k = 0; k < 8; k++) {
            for (int j = 0; j < 256; j++) {
                for (int i = 0; i < 256; i++) {
                    double a = dn[(k * 256 + j) * 256 + i];
                    sum += a;
                    sq += a * a;
                    if (i + lagVoxels < 256) {
                        lag += a * dn[(k * 256 + j) * 256 + i + lagVoxels];
                        pairs++;
                    }
                }
            }
        }
        double n = dn.length;
        double variance = sq / n - (sum / n) * (sum / n);
        assertEquals(2e-3, Math.sqrt(variance), 2e-3 * 0.05, "standard deviation");
        double rho = (lag / pairs) / variance;
        assertEquals(Math.exp(-1), rho, 0.05, "autocorrelation at the correlation length");
    }

    @Test
    void sameSeedSameVolumeOtherSeedOtherVolume() {
        float[] a = new float[16 * 16 * 4];
        float[] b = new float[a.length];
        float[] c = new float[a.length];
        new SyntheticVolume(1, 16, 16, 4, 1e-3, 1e-6, OPTICS).read(0, 0, 0, 16, 16, 4, a);
        new SyntheticVolume(1, 16, 16, 4, 1e-3, 1e-6, OPTICS).read(0, 0, 0, 16, 16, 4, b);
        new SyntheticVolume(2, 16, 16, 4, 1e-3, 1e-6, OPTICS).read(0, 0, 0, 16, 16, 4, c);
        assertArrayEquals(a, b);
        assertTrue(a[100] != c[100]);
    }

    @Test
    void fabricationErrorHasTheGivenSigmaAndIsFixedPerVoxel() {
        SyntheticVolume design = new SyntheticVolume(1, 128, 128, 4, 1e-3, 1e-6, OPTICS);
        FabricatedVolume written = FabricatedVolume.of(design, 1, 1e-4, 0, OPTICS);
        float[] d = new float[128 * 128 * 4];
        float[] w = new float[d.length];
        design.read(0, 0, 0, 128, 128, 4, d);
        written.read(0, 0, 0, 128, 128, 4, w);
        double sq = 0;
        for (int i = 0; i < d.length; i++) {
            sq += (w[i] - d[i]) * (double) (w[i] - d[i]);
        }
        assertEquals(1e-4, Math.sqrt(sq / d.length), 1e-4 * 0.03);
        float[] part = new float[10 * 10];
        written.read(50, 60, 2, 10, 10, 1, part);
        assertEquals(w[(2 * 128 + 61) * 128 + 53], part[10 + 3]);
    }
}
