package org.pfmsim.glass;

import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * A statistically homogeneous random index contrast: white Gaussian noise filtered by a separable Gaussian
 * kernel, so dn is a Gaussian random field with standard deviation {@code contrast} and autocorrelation
 * {@code contrast^2 exp(-r^2 / l^2)}, l = {@code correlationMeters} (the kernel's standard deviation is l / 2,
 * because a Gaussian convolved with itself has twice its variance). The noise of voxel (x, y, z) is a pure
 * function of (seed, x, y, z) (CounterRng stream of the given purpose per slice z: {@link Purpose#VOLUME_INDEX}
 * for designs, {@link Purpose#VOLUME_FABRICATION} for writing errors), defined beyond the
 * volume's edges too, so any block of any size is produced on demand and equals the same block cut from the
 * whole volume. The kernel is truncated at 4 standard deviations (weight below 3.4e-4 of the centre) and
 * normalized to unit energy per axis; a correlation shorter than half a voxel gives white noise on that axis.
 */
public final class SyntheticVolume implements IndexVolume {
    private static final long serialVersionUID = 1L;
    private static final String P = "platform.glass-volume.volume.";

    private final long seed;
    private final Purpose purpose;
    private final int sizeX;
    private final int sizeY;
    private final int sizeZ;
    private final double contrast;
    private final float[] kernelXy;
    private final float[] kernelZ;

    public SyntheticVolume(long seed, int sizeX, int sizeY, int sizeZ, double contrast, double correlationMeters,
                           BeamOptics optics) {
        this(seed, Purpose.VOLUME_INDEX, sizeX, sizeY, sizeZ, contrast, correlationMeters, optics, P + "contrast",
                P + "correlation-meters");
    }

    /** A random field for {@code purpose}; the keys name its standard deviation and correlation in errors. */
    SyntheticVolume(long seed, Purpose purpose, int sizeX, int sizeY, int sizeZ, double contrast,
                    double correlationMeters, BeamOptics optics, String contrastKey, String correlationKey) {
        this.seed = seed;
        this.purpose = purpose;
        this.sizeX = Checks.intRange(P + "size-x", sizeX, 1, 1 << 16);
        this.sizeY = Checks.intRange(P + "size-y", sizeY, 1, 1 << 16);
        this.sizeZ = Checks.intRange(P + "size-z", sizeZ, 1, 1 << 20);
        this.contrast = Checks.nonNegative(contrastKey, contrast);
        Checks.nonNegative(correlationKey, correlationMeters);
        if (correlationMeters > 64 * Math.min(optics.pitchMeters(), optics.sliceMeters())) {
            throw ConfigException.of(correlationKey, correlationMeters,
                    "at most 64 voxels (" + 64 * Math.min(optics.pitchMeters(), optics.sliceMeters()) + " m)");
        }
        this.kernelXy = kernel(correlationMeters / 2 / optics.pitchMeters());
        this.kernelZ = kernel(correlationMeters / 2 / optics.sliceMeters());
    }

    @Override
    public int sizeX() {
        return sizeX;
    }

    @Override
    public int sizeY() {
        return sizeY;
    }

    @Override
    public int sizeZ() {
        return sizeZ;
    }

    @Override
    public void read(int x0, int y0, int z0, int w, int h, int d, float[] out) {
        int rxy = kernelXy.length / 2;
        int rz = kernelZ.length / 2;
        int nw = w + 2 * rxy;
        int nh = h + 2 * rxy;
        int nd = d + 2 * rz;
        float[] noise = new float[nd * nh * nw];
        for (int k = 0; k < nd; k++) {
            CounterRng slice = CounterRng.stream(seed, purpose, 0, z0 - rz + k, 0);
            for (int j = 0; j < nh; j++) {
                long row = (long) (y0 - rxy + j) << 32;
                for (int i = 0; i < nw; i++) {
                    noise[(k * nh + j) * nw + i] = (float) slice.normal(row ^ ((x0 - rxy + i) & 0xFFFFFFFFL));
                }
            }
        }
        // Separable filter, one axis at a time, each pass shrinking the block by its kernel's margins.
        float[] alongX = new float[nd * nh * w];
        for (int row = 0; row < nd * nh; row++) {
            convolve(noise, row * nw, 1, alongX, row * w, 1, w, kernelXy);
        }
        float[] alongY = new float[nd * h * w];
        for (int k = 0; k < nd; k++) {
            for (int i = 0; i < w; i++) {
                convolve(alongX, k * nh * w + i, w, alongY, k * h * w + i, w, h, kernelXy);
            }
        }
        for (int j = 0; j < h * w; j++) {
            convolve(alongY, j, h * w, out, j, h * w, d, kernelZ);
        }
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    int o = (k * h + j) * w + i;
                    out[o] = contains(x0 + i, y0 + j, z0 + k) ? (float) (contrast * out[o]) : 0f;
                }
            }
        }
    }

    /** out[o + n os] = sum_t kernel[t] in[i + (n + t) is], for n in [0, count). */
    private static void convolve(float[] in, int i, int is, float[] out, int o, int os, int count, float[] kernel) {
        for (int n = 0; n < count; n++) {
            double sum = 0;
            for (int t = 0; t < kernel.length; t++) {
                sum += kernel[t] * in[i + (n + t) * is];
            }
            out[o + n * os] = (float) sum;
        }
    }

    /** A Gaussian of standard deviation {@code sigmaVoxels}, truncated at 4 sigma, with unit sum of squares. */
    static float[] kernel(double sigmaVoxels) {
        if (sigmaVoxels < 0.5) {
            return new float[] {1f};
        }
        int radius = (int) Math.ceil(4 * sigmaVoxels);
        double[] k = new double[2 * radius + 1];
        double energy = 0;
        for (int t = -radius; t <= radius; t++) {
            k[t + radius] = Math.exp(-0.5 * t * t / (sigmaVoxels * sigmaVoxels));
            energy += k[t + radius] * k[t + radius];
        }
        float[] f = new float[k.length];
        for (int t = 0; t < k.length; t++) {
            f[t] = (float) (k[t] / Math.sqrt(energy));
        }
        return f;
    }
}
