package org.pfmsim.optical;

import org.pfmsim.converters.DacSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;

/**
 * With every noise source off the optical MVM is the ideal product for both signed encodings; each
 * deterministic non-ideality (levels, crosstalk, converters) is exactly the documented map, re-implemented
 * here in double; and the cost face follows its formulas.
 */
class OpticalIdealityTest {
    static final TileAddress ADDRESS = new TileAddress(42L, 1, 2, 3);
    static final OpticalMvmSpec.Encoding[] ENCODINGS = OpticalMvmSpec.Encoding.values();

    static float[] gaussian(int n, double sigma, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (sigma * r.nextGaussian());
        }
        return a;
    }

    static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double relativeL2(float[] test, float[] ref) {
        double e = 0, n = 0;
        for (int k = 0; k < ref.length; k++) {
            double d = (double) test[k] - ref[k];
            e += d * d;
            n += (double) ref[k] * ref[k];
        }
        return Math.sqrt(e / n);
    }

    static Readout read(OpticalMvmSpec spec, float[] w, int rows, int cols, ReadRequest request) {
        try (PhysicalTile tile = new OpticalMvmPlatform(spec).program(w, rows, cols, ADDRESS)) {
            return tile.forward(request);
        }
    }

    /**
     * Noise off, continuous levels, no converters: x W within float rounding (relative L2 &le; 1e-5; a
     * float32 gemm over 512 rows alone gives about 1e-7) on ragged shapes, both encodings, inputs that
     * reach the range exactly.
     */
    @Test
    void noiselessOpticalMvmEqualsIdealKernelForBothEncodings() {
        int[][] shapes = {{7, 13, 5}, {64, 100, 37}, {1, 1, 1}, {3, 1, 9}, {16, 512, 64}, {5, 33, 70}};
        long seed = 100;
        for (OpticalMvmSpec.Encoding encoding : ENCODINGS) {
            OpticalMvmSpec spec = OpticalMvmSpec.ideal(encoding);
            for (int[] s : shapes) {
                int samples = s[0], rows = s[1], cols = s[2];
                float[] w = gaussian(rows * cols, 0.05, seed++);
                float[] x = gaussian(samples * rows, 2.0, seed++);
                float range = maxAbs(x);
                Readout out = read(spec, w, rows, cols, ReadRequest.of(x, samples, range));
                float[] ref = IdealKernel.multiply(x, samples, rows, w, cols);
                String name = encoding + " " + samples + "x" + rows + "x" + cols;
                double rel = relativeL2(out.outputs(), ref);
                assertTrue(rel <= 1e-5, name + ": relative L2 " + rel);
                assertEquals(0, out.inputsClipped(), name);
                assertEquals(0, out.outputsClipped(), name);
            }
        }
    }

    /** An all-zero tile reads exactly 0 in both encodings (the offset terms cancel exactly). */
    @Test
    void zeroWeightsReadExactlyZero() {
        for (OpticalMvmSpec.Encoding encoding : ENCODINGS) {
            float[] x = gaussian(4 * 16, 1, 7);
            Readout out = read(OpticalMvmSpec.ideal(encoding), new float[16 * 8], 16, 8,
                    ReadRequest.of(x, 4, maxAbs(x)));
            assertArrayEquals(new float[4 * 8], out.outputs(), 1e-6f, encoding.name());
        }
    }

    /** Inputs beyond the range are clipped to it (a modulator passes at most the laser's light) and counted. */
    @Test
    void inputsBeyondTheRangeAreClippedAndCountedWithOrWithoutTheDac() {
        float[] w = gaussian(6 * 3, 0.1, 3);
        float[] x = {0.5f, -2f, 3f, 0.1f, -0.2f, 1f};
        float[] clippedX = {0.5f, -1f, 1f, 0.1f, -0.2f, 1f};
        float[] ref = IdealKernel.multiply(clippedX, 1, 6, w, 3);
        for (OpticalMvmSpec.Encoding encoding : ENCODINGS) {
            Readout out = read(OpticalMvmSpec.ideal(encoding), w, 6, 3, ReadRequest.of(x, 1, 1f));
            assertEquals(2, out.inputsClipped(), encoding.name());
            assertTrue(relativeL2(out.outputs(), ref) < 1e-6, encoding.name());
        }
    }

    /**
     * Levels, crosstalk, DAC and ADC (noise still off) are the documented maps: transmissions quantized
     * to L levels, mixed over neighbouring columns, inputs and (differential) outputs mid-tread quantized.
     */
    @Test
    void levelsCrosstalkAndConvertersAreTheDocumentedMaps() {
        int samples = 6, rows = 40, cols = 9, levels = 17, dacBits = 5, adcBits = 7;
        double c = 0.03;
        float[] w = gaussian(rows * cols, 0.2, 11);
        float[] x = gaussian(samples * rows, 1.0, 12);
        float range = maxAbs(x) * 0.9f; // some inputs clip
        OpticalMvmSpec spec = OpticalMvmSpec.ideal(OpticalMvmSpec.Encoding.DIFFERENTIAL)
                .withProgramming(levels, 0, c)
                .withConverters(new DacSpec(true, dacBits, 0), new OpticalMvmSpec.AdcSpec(true, adcBits, 1.0));
        Readout out = read(spec, w, rows, cols, ReadRequest.of(x, samples, range));
        double s = maxAbs(w);
        double[] d = new double[rows * cols];
        for (int k = 0; k < d.length; k++) {
            double t = w[k] / s;
            double plus = Math.rint(Math.max(t, 0) * (levels - 1)) / (levels - 1);
            double minus = Math.rint(Math.max(-t, 0) * (levels - 1)) / (levels - 1);
            d[k] = plus - minus;
        }
        double[] mixed = new double[d.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = (1 - 2 * c) * d[i * cols + j];
                v += j > 0 ? c * d[i * cols + j - 1] : 0;
                v += j + 1 < cols ? c * d[i * cols + j + 1] : 0;
                mixed[i * cols + j] = v;
            }
        }
        int dacLevels = (1 << (dacBits - 1)) - 1;
        double[] mean = new double[samples * cols];
        double full = 0;
        for (int q = 0; q < samples; q++) {
            for (int j = 0; j < cols; j++) {
                double acc = 0;
                for (int i = 0; i < rows; i++) {
                    double v = Math.rint(Math.max(-dacLevels, Math.min(dacLevels, x[q * rows + i] / range * dacLevels)))
                            / dacLevels;
                    acc += v * mixed[i * cols + j];
                }
                mean[q * cols + j] = acc;
                full = Math.max(full, Math.abs(acc));
            }
        }
        int adcLevels = (1 << (adcBits - 1)) - 1;
        float[] expected = new float[samples * cols];
        for (int k = 0; k < expected.length; k++) {
            expected[k] = (float) (Math.rint(mean[k] / full * adcLevels) / adcLevels * full * s * range);
        }
        assertArrayEquals(expected, out.outputs(), (float) (1e-4 * full * s * range));
        assertTrue(out.inputsClipped() > 0);
    }

    /** Laser, modulators, ADC and offset correction energies; flight time; footprint and volume. */
    @Test
    void costFollowsThePhotonBudgetAndTheStatedEfficiencies() {
        OpticalCostSpec cost = OpticalCostSpec.defaults();
        assertEquals(1.2816e-19, cost.photonEnergyJoules(), 1e-23, "h c / 1550 nm");
        int rows = 64, cols = 32, measured = 10;
        OpticalMvmSpec diff = new OpticalMvmSpec(250, true, OpticalMvmSpec.Encoding.DIFFERENTIAL, 0, 0, 3, 0,
                OpticalMvmSpec.DetectorSpec.noiseless(), DacSpec.off(),
                new OpticalMvmSpec.AdcSpec(true, 8, 1), cost);
        double perPhoton = cost.photonEnergyJoules()
                / (0.2 * 0.5 * Math.pow(10, -0.3) * 0.8);
        double expected = measured * (4.0 * rows * cols * 250 * perPhoton + 2.0 * rows * 100e-15 + cols * 5e-15 * 256);
        try (OpticalMvmTile tile = (OpticalMvmTile) new OpticalMvmPlatform(diff).program(new float[rows * cols], rows,
                cols, ADDRESS)) {
            assertEquals(expected, tile.energyJoules(measured), 1e-12 * expected);
            assertEquals(1.444 * 1e-3 / 299_792_458.0 + measured / 1e9, tile.latencySeconds(measured), 1e-18);
            assertEquals(2.0 * rows * cols * 4e-12, tile.areaSquareMeters(), 1e-24);
            assertEquals(tile.areaSquareMeters() * 1e-3, tile.volumeCubicMeters(), 1e-27);
        }
        OpticalMvmSpec offset = new OpticalMvmSpec(250, true, OpticalMvmSpec.Encoding.OFFSET, 0, 0, 3, 0,
                OpticalMvmSpec.DetectorSpec.noiseless(), DacSpec.off(), OpticalMvmSpec.AdcSpec.off(),
                cost);
        double offsetExpected = measured * (1.0 * rows * cols * 250 * perPhoton + rows * 100e-15
                + (rows + 2.0 * cols) * 30e-15);
        try (OpticalMvmTile tile = (OpticalMvmTile) new OpticalMvmPlatform(offset).program(new float[rows * cols],
                rows, cols, ADDRESS)) {
            assertEquals(offsetExpected, tile.energyJoules(measured), 1e-12 * offsetExpected);
            assertEquals(1.0 * rows * cols * 4e-12, tile.areaSquareMeters(), 1e-24);
        }
    }
}
