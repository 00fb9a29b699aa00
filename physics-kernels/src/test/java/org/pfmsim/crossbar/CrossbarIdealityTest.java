package org.pfmsim.crossbar;

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
 * The crossbar chain with every non-ideality off is the ideal product; with DAC, ADC and conductance
 * levels on it is exactly the composition of the documented quantizers, re-implemented here in double.
 */
class CrossbarIdealityTest {
    static final TileAddress ADDRESS = new TileAddress(42L, 1, 2, 3);

    static float[] uniform(int n, double lo, double hi, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return a;
    }

    static float[] gaussian(int n, double sigma, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (sigma * r.nextGaussian());
        }
        return a;
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

    static Readout read(CrossbarSpec spec, float[] w, int rows, int cols, ReadRequest request) {
        try (PhysicalTile tile = new CrossbarPlatform(spec).program(w, rows, cols, ADDRESS)) {
            return tile.forward(request);
        }
    }

    /** Ideal crossbar = x W for ragged shapes, several input ranges and weight scales (relative L2 &le; 1e-5). */
    @Test
    void idealCrossbarForwardEqualsIdealKernel() {
        int[][] shapes = {{7, 13, 5}, {64, 100, 37}, {1, 1, 1}, {3, 1, 9}, {16, 64, 1}, {5, 33, 70}};
        float[] ranges = {1f, 0.37f, 12.5f};
        long seed = 100;
        for (int[] s : shapes) {
            int samples = s[0], rows = s[1], cols = s[2];
            for (float range : ranges) {
                float[] w = gaussian(rows * cols, 0.05 * range, seed++);
                float[] x = gaussian(samples * rows, range, seed++);
                Readout out = read(CrossbarSpec.ideal(), w, rows, cols, ReadRequest.of(x, samples, range));
                float[] ref = IdealKernel.multiply(x, samples, rows, w, cols);
                String name = samples + "x" + rows + "x" + cols + " range " + range;
                assertEquals(ref.length, out.outputs().length, name);
                double rel = relativeL2(out.outputs(), ref);
                assertTrue(rel <= 1e-5, name + ": relative L2 " + rel);
                assertEquals(0, out.inputsClipped(), name); // DAC off: nothing is clipped, even |x| > range
                assertEquals(0, out.outputsClipped(), name);
            }
        }
    }

    /** An all-zero tile programs gMin on both devices: G+ - G- = 0 exactly, so every output is exactly 0. */
    @Test
    void idealAllZeroTileReadsExactlyZero() {
        int samples = 4, rows = 9, cols = 6;
        float[] x = gaussian(samples * rows, 1, 7);
        Readout out = read(CrossbarSpec.ideal(), new float[rows * cols], rows, cols, ReadRequest.of(x, samples, 2f));
        assertArrayEquals(new float[samples * cols], out.outputs(), 0f);
        // Also with the converters on (the ADC falls back to a default range, not a 0/0).
        CrossbarSpec conv = CrossbarSpec.ideal().withLevels(16)
                .withDac(new DacSpec(true, 8, 0))
                .withAdc(new CrossbarSpec.AdcSpec(true, 8, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 1.0));
        Readout q = read(conv, new float[rows * cols], rows, cols, ReadRequest.of(x, samples, 2f));
        assertArrayEquals(new float[samples * cols], q.outputs(), 0f);
    }

    // ---------------------------------------------------------------- full non-ideal reference

    /** Mid-tread quantizer of a converter with this many levels per polarity, on t in units of full scale. */
    private static double midTread(double t, int levelsPerPolarity) {
        double c = Math.max(-1, Math.min(1, t));
        return Math.rint(c * levelsPerPolarity) / levelsPerPolarity;
    }

    /**
     * Plain-loop forward: levels on the weights (the device of the weight's sign at gMin + k window/(L-1),
     * k = rint(|w|/s (L-1)), the other at gMin), DAC V = q(x/range) V_read, I_j = sum_i V_i (G+ - G-),
     * ADC full scale = headroom x max|I| over the calibration samples, y = q(I/FS) FS s range / (window V_read).
     * Returns outputs, then per output the extra tolerance it needs (one ADC code when the exact current
     * falls within 1e-4 code of a rounding tie, where float32 and double may round to different codes;
     * the test's discrete inputs and weights make such ties real), then {inputsClipped, outputsClipped}.
     */
    private static double[] referenceForward(CrossbarSpec spec, float[] w, int rows, int cols, float[] x,
                                             int samples, int measured, int calibrationStart, float range) {
        int levels = spec.conductanceLevels();
        double window = spec.gMaxSiemens() - spec.gMinSiemens();
        double s = 0;
        for (float v : w) {
            s = Math.max(s, Math.abs(v));
        }
        double[] diff = new double[rows * cols];
        for (int k = 0; k < diff.length; k++) {
            double steps = Math.rint(Math.abs(w[k]) / s * (levels - 1));
            diff[k] = Math.signum(w[k]) * steps * window / (levels - 1);
        }
        int dacLevels = (1 << (spec.dac().bits() - 1)) - 1;
        int adcLevels = (1 << (spec.adc().bits() - 1)) - 1;
        long inputsClipped = 0;
        double[] volts = new double[samples * rows];
        for (int k = 0; k < volts.length; k++) {
            if (k < measured * rows && Math.abs(x[k]) > range) {
                inputsClipped++;
            }
            volts[k] = midTread(x[k] / (double) range, dacLevels) * spec.readVoltageVolts();
        }
        double[] current = new double[samples * cols];
        for (int n = 0; n < samples; n++) {
            for (int j = 0; j < cols; j++) {
                double acc = 0;
                for (int i = 0; i < rows; i++) {
                    acc += volts[n * rows + i] * diff[i * cols + j];
                }
                current[n * cols + j] = acc;
            }
        }
        double max = 0;
        for (int k = calibrationStart * cols; k < samples * cols; k++) {
            max = Math.max(max, Math.abs(current[k]));
        }
        double fullScale = spec.adc().headroom() * max;
        double toModel = s * range / (window * spec.readVoltageVolts());
        double[] out = new double[2 * samples * cols + 2];
        long outputsClipped = 0;
        for (int k = 0; k < current.length; k++) {
            if (k < measured * cols && Math.abs(current[k]) > fullScale) {
                outputsClipped++;
            }
            out[k] = midTread(current[k] / fullScale, adcLevels) * fullScale * toModel;
            double code = Math.abs(current[k] / fullScale * adcLevels);
            boolean nearTie = Math.abs(code - Math.floor(code) - 0.5) < 1e-4 && code < adcLevels;
            out[samples * cols + k] = nearTie ? fullScale * toModel / adcLevels : 0;
        }
        out[2 * samples * cols] = inputsClipped;
        out[2 * samples * cols + 1] = outputsClipped;
        return out;
    }

    /**
     * DAC (6 bits, range from the request), ADC (5 bits, calibrated on the last half of the samples,
     * headroom 0.9) and 8 conductance levels on a 5 x 4 tile; the measured half has larger inputs than the
     * calibration half so that both converters clip. Agreement within 2e-6 of full scale per output
     * (float32 rounding of the chain; a code is 1/15 of full scale) and exactly for the clip counts.
     */
    @Test
    void nonIdealForwardMatchesPlainLoopQuantizerReference() {
        int rows = 5, cols = 4, samples = 40, measured = 20;
        CrossbarSpec spec = CrossbarSpec.ideal().withLevels(8)
                .withDac(new DacSpec(true, 6, 0))
                .withAdc(new CrossbarSpec.AdcSpec(true, 5, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 0.9));
        for (long seed = 1; seed <= 5; seed++) {
            float[] w = uniform(rows * cols, -1.3, 1.3, 1000 + seed);
            float[] x = new float[samples * rows];
            float[] big = gaussian(measured * rows, 1.0, 2000 + seed);
            float[] small = gaussian((samples - measured) * rows, 0.5, 3000 + seed);
            System.arraycopy(big, 0, x, 0, big.length);
            System.arraycopy(small, 0, x, big.length, small.length);
            float range = 1.25f;
            ReadRequest request = new ReadRequest(x, samples, measured, measured, range);
            Readout out = read(spec, w, rows, cols, request);
            double[] ref = referenceForward(spec, w, rows, cols, x, samples, measured, measured, range);
            double scale = 0;
            for (int k = 0; k < samples * cols; k++) {
                scale = Math.max(scale, Math.abs(ref[k]));
            }
            for (int k = 0; k < samples * cols; k++) {
                assertEquals(ref[k], out.outputs()[k], 2e-6 * scale + ref[samples * cols + k],
                        "seed " + seed + " output " + k);
            }
            long refInputsClipped = (long) ref[2 * samples * cols];
            long refOutputsClipped = (long) ref[2 * samples * cols + 1];
            assertEquals(refInputsClipped, out.inputsClipped(), "seed " + seed + " inputs clipped");
            assertEquals(refOutputsClipped, out.outputsClipped(), "seed " + seed + " outputs clipped");
            assertTrue(refInputsClipped > 0 && refOutputsClipped > 0, "the case must exercise clipping");
        }
    }

    /** The same reference with the plain request (all samples measured and calibrating, headroom 1). */
    @Test
    void nonIdealForwardWithPlainRequestMatchesReferenceAndNeverClipsOutputs() {
        int rows = 3, cols = 7, samples = 25;
        CrossbarSpec spec = CrossbarSpec.ideal().withLevels(5)
                .withDac(new DacSpec(true, 4, 0))
                .withAdc(new CrossbarSpec.AdcSpec(true, 7, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 1.0));
        float[] w = uniform(rows * cols, -0.2, 0.2, 77);
        float[] x = uniform(samples * rows, -1, 1, 78);
        Readout out = read(spec, w, rows, cols, ReadRequest.of(x, samples, 1f));
        double[] ref = referenceForward(spec, w, rows, cols, x, samples, samples, 0, 1f);
        double scale = 0;
        for (int k = 0; k < samples * cols; k++) {
            scale = Math.max(scale, Math.abs(ref[k]));
        }
        for (int k = 0; k < samples * cols; k++) {
            assertEquals(ref[k], out.outputs()[k], 2e-6 * scale + ref[samples * cols + k], "output " + k);
        }
        assertEquals(0, out.inputsClipped());
        assertEquals(0, out.outputsClipped()); // calibrated on the same samples with headroom 1
    }
}
