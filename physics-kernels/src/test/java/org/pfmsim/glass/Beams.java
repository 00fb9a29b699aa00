package org.pfmsim.glass;

/** Test fields: Gaussian beams on a window, and their power and moments. */
final class Beams {
    private Beams() {
    }

    /**
     * A Gaussian beam exp(-r^2 / w0^2) exp(i kx x) centred on voxel (cx, cy), interleaved, on an nx x ny
     * window of pitch {@code pitch}; kx steers it along x.
     */
    static double[] gaussian(int nx, int ny, double pitch, double waist, double cx, double cy, double kx) {
        double[] f = new double[2 * nx * ny];
        for (int r = 0; r < ny; r++) {
            double y = (r - cy) * pitch;
            for (int c = 0; c < nx; c++) {
                double x = (c - cx) * pitch;
                double amplitude = Math.exp(-(x * x + y * y) / (waist * waist));
                f[2 * (r * nx + c)] = amplitude * Math.cos(kx * x);
                f[2 * (r * nx + c) + 1] = amplitude * Math.sin(kx * x);
            }
        }
        return f;
    }

    static double power(double[] f) {
        double p = 0;
        for (int i = 0; i < f.length; i += 2) {
            p += f[i] * f[i] + f[i + 1] * f[i + 1];
        }
        return p;
    }

    /** Power in the window columns [c0, c1) and rows [r0, r1). */
    static double power(double[] f, int nx, int c0, int c1, int r0, int r1) {
        double p = 0;
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                int i = 2 * (r * nx + c);
                p += f[i] * f[i] + f[i + 1] * f[i + 1];
            }
        }
        return p;
    }

    /** The beam radius w = 2 sigma_x from the second moment of the intensity along x, m. */
    static double secondMomentWidthX(double[] f, int nx, int ny, double pitch) {
        double p = 0;
        double m1 = 0;
        double m2 = 0;
        for (int r = 0; r < ny; r++) {
            for (int c = 0; c < nx; c++) {
                int i = 2 * (r * nx + c);
                double intensity = f[i] * f[i] + f[i + 1] * f[i + 1];
                double x = c * pitch;
                p += intensity;
                m1 += intensity * x;
                m2 += intensity * x * x;
            }
        }
        double mean = m1 / p;
        return 2 * Math.sqrt(m2 / p - mean * mean);
    }
}
