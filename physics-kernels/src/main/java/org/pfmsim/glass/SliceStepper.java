package org.pfmsim.glass;

/**
 * Split-step angular-spectrum beam propagation (BPM) of a scalar field through one window of a voxelized
 * glass volume, one voxel slice per step.
 *
 * <p>Each step crosses one slice of thickness dz: free diffraction in the background index n0 by the exact,
 * non-paraxial angular-spectrum transfer function (Goodman, <i>Introduction to Fourier Optics</i>, 3rd ed.,
 * sec. 3.10), then the slice's thin phase screen and the absorber (Feit and Fleck, Appl. Opt. 17, 3990 (1978)):
 * <pre>
 *   E(z + dz) = a(x, y) exp(i k0 dn(x, y) dz) IFFT[ H(kx, ky) FFT[E(z)] ]
 *   H = exp(i kz dz),   kz = sqrt(k0^2 n0^2 - kt^2)          for kt &lt; k0 n0 (propagating),
 *   H = exp(-sqrt(kt^2 - k0^2 n0^2) dz)                      for kt &gt; k0 n0 (evanescent: decays),
 * </pre>
 * with kt^2 = kx^2 + ky^2 and a the absorber's per-slice amplitude factor. The split-step error is second order
 * in dz per step and vanishes in a uniform volume, where the transfer function is exact for any dz.
 *
 * <p>No angular filter is applied per step, on purpose: a spectral band limit is a non-local operator (its
 * kernel's tails reach across the whole window, decaying only as a power of the distance for any compactly
 * supported pupil), and applied every slice it made a tiled run differ from the untiled one by 1e-3 to 1e-2
 * even with halos several times the geometric spread (measured while building this class). The angular
 * content is bounded instead by the inputs and the volume (see {@link BeamOptics}).
 *
 * <p>Fields are row-major (y rows, x columns) interleaved (re, im) doubles, in sqrt(W) per voxel so that
 * the sum of |E|^2 is the optical power in W. The window is {@code nx x ny} voxels at lateral offset
 * {@code (x0, y0)} of a periodic simulation domain of {@code domainX x domainY} voxels whose outer
 * {@code absorberVoxels} on each side absorb; window voxels outside the domain (halos beyond its edge)
 * absorb at the band's full strength. A tile's window may add an absorbing frame of {@code frame} voxels at its
 * own edges (same profile), so light leaving the window is absorbed instead of wrapping around it.
 *
 * <p>Per step the work is two FFTs and two fused complex passes: the transfer function (with the 1/N of the
 * inverse FFT folded in) in k-space, and the transmission (phase screen times absorber, computed once per slice
 * by {@link #transmission} and shared by every field of the batch) in real space.
 */
public final class SliceStepper {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double S3 = -1.0 / 6;
    private static final double S5 = 1.0 / 120;
    private static final double S7 = -1.0 / 5040;
    private static final double S9 = 1.0 / 362880;
    private static final double S11 = -1.0 / 39916800;
    private static final double S13 = 1.0 / 6227020800.0;
    private static final double S15 = -1.0 / 1307674368000.0;
    private static final double S17 = 1.0 / 355687428096000.0;
    private static final double C2 = -1.0 / 2;
    private static final double C4 = 1.0 / 24;
    private static final double C6 = -1.0 / 720;
    private static final double C8 = 1.0 / 40320;
    private static final double C10 = -1.0 / 3628800;
    private static final double C12 = 1.0 / 479001600;
    private static final double C14 = -1.0 / 87178291200.0;
    private static final double C16 = 1.0 / 20922789888000.0;
    private static final double C18 = -1.0 / 6402373705728000.0;
    private final int nx;
    private final int ny;
    private final double phasePerIndex;
    private final double[] transfer;
    private final double[] absorber;
    private final Fft2 fft;

    public SliceStepper(BeamOptics optics, int nx, int ny, long x0, long y0, long domainX, long domainY) {
        this(optics, nx, ny, x0, y0, domainX, domainY, 0);
    }

    public SliceStepper(BeamOptics optics, int nx, int ny, long x0, long y0, long domainX, long domainY, int frame) {
        this.nx = nx;
        this.ny = ny;
        this.phasePerIndex = optics.k0() * optics.sliceMeters();
        this.transfer = transferFunction(optics, nx, ny);
        this.absorber = absorber(optics, nx, ny, x0, y0, domainX, domainY, frame);
        this.fft = new Fft2(ny, nx);
    }

    /** Voxels in the window (the field has twice as many doubles). */
    public int voxels() {
        return nx * ny;
    }

    /**
     * The slice's transmission a exp(i k0 dn dz) into {@code out} (2 x voxels doubles), from the index contrast
     * {@code deltaN[offset ..]} laid out like the window (row-major, y rows).
     */
    public void transmission(float[] deltaN, int offset, double[] out) {
        int n = voxels();
        for (int i = 0; i < n; i++) {
            double phase = phasePerIndex * deltaN[offset + i];
            // exp(i phase) from the half angle h = phase / 2 reduced to [-pi/2, pi/2]: Taylor series of sin h
            // and cos h to degree 17/18 (truncation below 5e-14), then the double-angle formulas. Math.sin and
            // Math.cos cost about 100 ns per voxel here, as much as the FFT pair of the step.
            double h = 0.5 * (phase - TWO_PI * Math.rint(phase / TWO_PI));
            double h2 = h * h;
            double sinH = h * (1 + h2 * (S3 + h2 * (S5 + h2 * (S7 + h2 * (S9 + h2 * (S11 + h2 * (S13 + h2 * (S15
                    + h2 * S17))))))));
            double cosH = 1 + h2 * (C2 + h2 * (C4 + h2 * (C6 + h2 * (C8 + h2 * (C10 + h2 * (C12 + h2 * (C14
                    + h2 * (C16 + h2 * C18))))))));
            double a = absorber[i];
            out[2 * i] = a * (cosH * cosH - sinH * sinH);
            out[2 * i + 1] = a * 2 * sinH * cosH;
        }
    }

    /** The transmission of a slice of background glass (absorber only). */
    public void uniformTransmission(double[] out) {
        for (int i = 0; i < voxels(); i++) {
            out[2 * i] = absorber[i];
            out[2 * i + 1] = 0;
        }
    }

    /** One slice: diffraction over dz, then the slice's transmission. In place. */
    public void step(double[] field, double[] transmission) {
        fft.forward(field);
        multiply(field, transfer);
        fft.inverseUnscaled(field);
        multiply(field, transmission);
    }

    /** Diffraction over dz only (no phase screen, no absorber). In place. */
    public void diffract(double[] field) {
        fft.forward(field);
        multiply(field, transfer);
        fft.inverseUnscaled(field);
    }

    private static void multiply(double[] field, double[] by) {
        for (int i = 0; i < field.length; i += 2) {
            double re = field[i];
            double im = field[i + 1];
            double br = by[i];
            double bi = by[i + 1];
            field[i] = re * br - im * bi;
            field[i + 1] = re * bi + im * br;
        }
    }

    /** H(kx, ky) / N in FFT order, interleaved. */
    static double[] transferFunction(BeamOptics o, int nx, int ny) {
        double k = o.k0() * o.backgroundIndex();
        double dz = o.sliceMeters();
        double inverseN = 1.0 / ((double) nx * ny);
        double[] h = new double[2 * nx * ny];
        for (int r = 0; r < ny; r++) {
            double ky = wavenumber(r, ny, o.pitchMeters());
            for (int c = 0; c < nx; c++) {
                double kx = wavenumber(c, nx, o.pitchMeters());
                double kt = Math.sqrt(kx * kx + ky * ky);
                int i = 2 * (r * nx + c);
                double kz2 = k * k - kt * kt;
                if (kz2 >= 0) {
                    double phase = Math.sqrt(kz2) * dz;
                    h[i] = inverseN * Math.cos(phase);
                    h[i + 1] = inverseN * Math.sin(phase);
                } else {
                    h[i] = inverseN * Math.exp(-Math.sqrt(-kz2) * dz);
                }
            }
        }
        return h;
    }

    /** Angular wavenumber of FFT bin {@code j} of {@code n} samples at spacing {@code pitch}, rad/m. */
    static double wavenumber(int j, int n, double pitch) {
        int signed = j <= n / 2 ? j : j - n;
        return 2 * Math.PI * signed / (n * pitch);
    }

    private static double[] absorber(BeamOptics o, int nx, int ny, long x0, long y0, long domainX, long domainY,
                                     int frame) {
        double[] sx = bandDepthSquared(o.absorberVoxels(), nx, x0, domainX);
        double[] sy = bandDepthSquared(o.absorberVoxels(), ny, y0, domainY);
        double[] fx = bandDepthSquared(frame, nx, 0, nx);
        double[] fy = bandDepthSquared(frame, ny, 0, ny);
        for (int j = 0; j < nx; j++) {
            sx[j] += fx[j];
        }
        for (int j = 0; j < ny; j++) {
            sy[j] += fy[j];
        }
        double perUnit = o.k0() * o.absorberKappa() * o.sliceMeters();
        double[] a = new double[nx * ny];
        for (int r = 0; r < ny; r++) {
            for (int c = 0; c < nx; c++) {
                a[r * nx + c] = Math.exp(-perUnit * (sx[c] + sy[r]));
            }
        }
        return a;
    }

    /** s^2 per window position: s = depth into the absorbing band in [0, 1], 1 outside the domain. */
    private static double[] bandDepthSquared(int band, int n, long offset, long domain) {
        double[] s2 = new double[n];
        if (band == 0) {
            return s2;
        }
        for (int j = 0; j < n; j++) {
            long d = offset + j;
            double s;
            if (d < 0 || d >= domain) {
                s = 1;
            } else if (d < band) {
                s = (band - d - 0.5) / band;
            } else if (d >= domain - band) {
                s = (d - (domain - band) + 0.5) / band;
            } else {
                s = 0;
            }
            s2[j] = s * s;
        }
        return s2;
    }
}
