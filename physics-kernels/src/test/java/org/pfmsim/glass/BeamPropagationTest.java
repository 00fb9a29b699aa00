package org.pfmsim.glass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The split-step propagator against the analytic laws of free and weakly guided propagation. */
class BeamPropagationTest {
    private static final double LAMBDA = 1.0e-6;
    private static final double N0 = 1.5;
    private static final double PITCH = 0.5e-6;

    @Test
    void gaussianBeamWaistGrowsAsAnalytic() {
        int n = 256;
        double w0 = 5e-6;
        double zr = Math.PI * w0 * w0 * N0 / LAMBDA; // Rayleigh length in the medium
        int steps = 35;
        BeamOptics optics = new BeamOptics(LAMBDA, N0, PITCH, zr / 10, N0, 0, 0);
        SliceStepper stepper = new SliceStepper(optics, n, n, 0, 0, n, n);
        double[] field = Beams.gaussian(n, n, PITCH, w0, n / 2, n / 2, 0);
        double worst = 0;
        for (int s = 1; s <= steps; s++) {
            stepper.diffract(field);
            double z = s * optics.sliceMeters();
            double analytic = w0 * Math.sqrt(1 + (z / zr) * (z / zr));
            double measured = Beams.secondMomentWidthX(field, n, n, PITCH);
            worst = Math.max(worst, Math.abs(measured / analytic - 1));
        }
        assertTrue(worst < 0.01, "worst relative waist deviation over 3.5 Rayleigh lengths: " + worst);
        assertTrue(steps * optics.sliceMeters() >= 3 * zr);
    }

    @Test
    void propagatingPowerIsConservedThroughARandomVolumeWithoutAbsorber() {
        int n = 128;
        BeamOptics optics = new BeamOptics(LAMBDA, N0, PITCH, 2e-6, N0, 0, 0);
        SliceStepper stepper = new SliceStepper(optics, n, n, 0, 0, n, n);
        double[] field = Beams.gaussian(n, n, PITCH, 6e-6, n / 2, n / 2, 0);
        double p0 = Beams.power(field);
        float[] deltaN = new float[n * n];
        double[] t = new double[2 * n * n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int slice = 0; slice < 200; slice++) {
            // A smooth random screen: a few low-frequency modes, contrast 2e-3 (phase ~0.025 rad per slice).
            double[] kx = new double[4];
            double[] ky = new double[4];
            double[] ph = new double[4];
            for (int m = 0; m < 4; m++) {
                kx[m] = random.nextDouble(-1, 1) * 2e5;
                ky[m] = random.nextDouble(-1, 1) * 2e5;
                ph[m] = random.nextDouble(2 * Math.PI);
            }
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double v = 0;
                    for (int m = 0; m < 4; m++) {
                        v += Math.cos(kx[m] * c * PITCH + ky[m] * r * PITCH + ph[m]);
                    }
                    deltaN[r * n + c] = (float) (5e-4 * v);
                }
            }
            stepper.transmission(deltaN, 0, t);
            stepper.step(field, t);
        }
        double p = Beams.power(field);
        assertEquals(1.0, p / p0, 1e-6, "power after 200 slices of a random volume, relative to the input");
        double spread = Beams.secondMomentWidthX(field, n, n, PITCH);
        assertTrue(spread > 6.5e-6, "the volume did act on the beam (width " + spread + ")");
    }

    @Test
    void evanescentComponentsDecayWithoutOscillating() {
        int n = 64;
        double dz = 0.2e-6;
        double pitch = 0.2e-6; // fine enough that the grid holds evanescent waves (pi / pitch > k0 n0)
        BeamOptics optics = new BeamOptics(LAMBDA, N0, pitch, dz, N0, 0, 0);
        SliceStepper stepper = new SliceStepper(optics, n, n, 0, 0, n, n);
        int bin = 24;
        double kx = SliceStepper.wavenumber(bin, n, pitch);
        double k = optics.k0() * N0;
        assertTrue(kx > k, "bin " + bin + " is evanescent: kx " + kx + " > k " + k);
        double[] field = new double[2 * n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                field[2 * (r * n + c)] = Math.cos(kx * c * pitch);
                field[2 * (r * n + c) + 1] = Math.sin(kx * c * pitch);
            }
        }
        stepper.diffract(field);
        double expected = Math.exp(-Math.sqrt(kx * kx - k * k) * dz);
        for (int i = 0; i < n * n; i++) {
            int c = i % n;
            assertEquals(expected * Math.cos(kx * c * pitch), field[2 * i], 1e-9);
            assertEquals(expected * Math.sin(kx * c * pitch), field[2 * i + 1], 1e-9);
        }
        assertTrue(expected < 0.5, "the decay is strong enough to be seen: " + expected);
    }

    @Test
    void planeWaveAcquiresTheExactNonParaxialPhase() {
        int n = 64;
        double dz = 3e-6;
        BeamOptics optics = new BeamOptics(LAMBDA, N0, PITCH, dz, N0, 0, 0);
        SliceStepper stepper = new SliceStepper(optics, n, n, 0, 0, n, n);
        int bin = 30; // a steep (39 degree) wave, where the paraxial phase k - kx^2 / 2k is off by 0.68 rad
        double kx = SliceStepper.wavenumber(bin, n, PITCH);
        double k = optics.k0() * N0;
        double kz = Math.sqrt(k * k - kx * kx);
        assertTrue(Math.abs((k - kx * kx / (2 * k)) - kz) * dz > 0.5);
        double[] field = new double[2 * n * n];
        for (int i = 0; i < n * n; i++) {
            field[2 * i] = Math.cos(kx * (i % n) * PITCH);
            field[2 * i + 1] = Math.sin(kx * (i % n) * PITCH);
        }
        stepper.diffract(field);
        for (int i = 0; i < n * n; i++) {
            double x = (i % n) * PITCH;
            assertEquals(Math.cos(kx * x + kz * dz), field[2 * i], 1e-9);
            assertEquals(Math.sin(kx * x + kz * dz), field[2 * i + 1], 1e-9);
        }
    }

    @Test
    void sliceTransmissionIsExpOfTheIndexPhase() {
        int n = 16;
        BeamOptics optics = new BeamOptics(LAMBDA, N0, PITCH, 7e-6, N0, 0, 0);
        SliceStepper stepper = new SliceStepper(optics, n, n, 0, 0, n, n);
        float[] deltaN = new float[n * n];
        for (int i = 0; i < deltaN.length; i++) {
            deltaN[i] = (float) ((i - 128) * 3e-3); // phases from -34 to +34 rad
        }
        double[] t = new double[2 * n * n];
        stepper.transmission(deltaN, 0, t);
        for (int i = 0; i < deltaN.length; i++) {
            double phase = optics.k0() * optics.sliceMeters() * deltaN[i];
            assertEquals(Math.cos(phase), t[2 * i], 1e-12);
            assertEquals(Math.sin(phase), t[2 * i + 1], 1e-12);
        }
    }
}
