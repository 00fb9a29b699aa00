package org.pfmsim.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfmsim.crossbar.CrossbarIdealityTest.gaussian;
import static org.pfmsim.crossbar.CrossbarIdealityTest.uniform;
import static org.pfmsim.testing.SampleStatistics.correlation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pfmsim.crossbar.CrossbarSpec.Variability;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.TileAddress;

/**
 * Each programming non-ideality (conductance levels, device variability, stuck-at defects) switched on
 * alone, checked against its documented law. Statistical checks use exact sampling distributions with
 * 5-sigma bounds (false alarm ~6e-7 per check) on fixed seeds. The read path's non-idealities are in
 * {@link CrossbarReadTest}.
 */
class CrossbarProgrammingTest {
    static final TileAddress ADDRESS = new TileAddress(2024L, 3, 1, 2);

    static DevicePair program(CrossbarSpec spec, float[] w, int rows, int cols) {
        return CrossbarProgrammer.conductances(spec, w, rows, cols, ADDRESS);
    }

    private static CrossbarSpec withWindow(CrossbarSpec s, double gMin, double gMax) {
        return new CrossbarSpec(gMin, gMax, s.readVoltageVolts(), s.conductanceLevels(), s.variability(),
                s.stuckOnRate(), s.stuckOffRate(), s.readNoiseSigma(), s.dac(), s.wires(), s.adc(), s.cost());
    }

    // ---------------------------------------------------------------- conductance levels

    /**
     * With L levels every device is at one of gMin + k (gMax - gMin)/(L-1), k = 0..L-1 (within 4 float ulps
     * of gMax), the device of the weight's sign at k = rint(|w|/max|w| (L-1)) and the other at gMin; a
     * 64 x 64 tile of uniform weights uses exactly L distinct values.
     */
    @Test
    void programmedConductancesTakeExactlyTheLEquallySpacedLevels() {
        int rows = 64, cols = 64;
        float[] w = uniform(rows * cols, -1, 1, 11);
        for (int levels : new int[] {2, 5, 16, 64}) {
            CrossbarSpec spec = CrossbarSpec.ideal().withLevels(levels);
            DevicePair d = program(spec, w, rows, cols);
            double gMin = spec.gMinSiemens();
            double step = spec.windowSiemens() / (levels - 1);
            double tol = 4 * Math.ulp((float) spec.gMaxSiemens());
            double s = 0;
            for (float v : w) {
                s = Math.max(s, Math.abs(v));
            }
            assertEquals(s, d.weightScale(), 0);
            Set<Float> distinct = new HashSet<>();
            boolean[] used = new boolean[levels];
            for (float[] g : new float[][] {d.positive(), d.negative()}) {
                for (float v : g) {
                    long k = Math.round((v - gMin) / step);
                    assertTrue(k >= 0 && k < levels, "level index " + k);
                    assertEquals(gMin + k * step, v, tol, "L=" + levels + ": not on a level");
                    used[(int) k] = true;
                    distinct.add(v);
                }
            }
            assertEquals(levels, distinct.size(), "L=" + levels + " distinct conductances");
            for (int k = 0; k < levels; k++) {
                assertTrue(used[k], "L=" + levels + " level " + k + " unused");
            }
            for (int k = 0; k < w.length; k++) {
                double expected = gMin + Math.rint(Math.abs(w[k]) / s * (levels - 1)) * step;
                float on = w[k] >= 0 ? d.positive()[k] : d.negative()[k];
                float off = w[k] >= 0 ? d.negative()[k] : d.positive()[k];
                assertEquals(expected, on, tol, "device of the weight's sign, k=" + k);
                assertEquals((float) gMin, off, 0f, "other device, k=" + k);
            }
        }
    }

    /** Continuous levels: G+ - G- = (w / max|w|)(gMax - gMin) to float precision. */
    @Test
    void continuousMappingIsLinearInTheWeight() {
        int rows = 20, cols = 30;
        float[] w = gaussian(rows * cols, 0.3, 12);
        CrossbarSpec spec = CrossbarSpec.ideal();
        DevicePair d = program(spec, w, rows, cols);
        double s = 0;
        for (float v : w) {
            s = Math.max(s, Math.abs(v));
        }
        for (int k = 0; k < w.length; k++) {
            double diff = (double) d.positive()[k] - d.negative()[k];
            assertEquals(w[k] / s * spec.windowSiemens(), diff, 4 * Math.ulp((float) spec.gMaxSiemens()));
            assertTrue(Math.min(d.positive()[k], d.negative()[k]) == (float) spec.gMinSiemens());
        }
    }

    // ---------------------------------------------------------------- variability

    /** Sample variance of n N(0, s^2) values: sd s^2 sqrt(2/(n-1)); asserted within 5 sd. Mean within 5 s/sqrt(n). */
    private static void assertNormalWithSigma(double[] e, double sigma, String name) {
        int n = e.length;
        double mean = 0;
        for (double v : e) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : e) {
            ss += (v - mean) * (v - mean);
        }
        double var = ss / (n - 1);
        assertEquals(0.0, mean, 5 * sigma / Math.sqrt(n), name + " mean");
        assertEquals(sigma * sigma, var, 5 * sigma * sigma * Math.sqrt(2.0 / (n - 1)), name + " variance");
    }

    /**
     * Proportional: G = G_target (1 + s N(0,1)), so G/G_target - 1 has sd s (the floor at 0 needs N &lt; -1/s,
     * i.e. -10 sigma, never). Both devices of every pair vary, from independent streams.
     */
    @Test
    void proportionalVariabilityHasRelativeStandardDeviationSigma() {
        int rows = 128, cols = 128;
        float[] w = uniform(rows * cols, -1, 1, 21);
        double sigma = 0.1;
        CrossbarSpec clean = CrossbarSpec.ideal();
        CrossbarSpec varied = clean.withVariability(new Variability(Variability.Model.PROPORTIONAL, sigma));
        DevicePair target = program(clean, w, rows, cols);
        DevicePair d = program(varied, w, rows, cols);
        int n = rows * cols;
        double[] e = new double[2 * n];
        double[] ep = new double[n];
        double[] en = new double[n];
        for (int k = 0; k < n; k++) {
            ep[k] = (double) d.positive()[k] / target.positive()[k] - 1;
            en[k] = (double) d.negative()[k] / target.negative()[k] - 1;
            e[k] = ep[k];
            e[n + k] = en[k];
        }
        assertNormalWithSigma(e, sigma, "proportional");
        assertTrue(Math.abs(correlation(ep, en)) < 5 / Math.sqrt(n), "G+ and G- errors correlated");
        assertEquals(target.weightScale(), d.weightScale(), 0);
    }

    /**
     * Additive: G = G_target + s (gMax - gMin) N(0,1). With gMin = 50 uS, gMax = 100 uS and s = 0.05 the
     * floor at 0 is 20 sigma below gMin and never triggers, so (G - G_target)/(gMax - gMin) has sd s.
     */
    @Test
    void additiveVariabilityHasStandardDeviationSigmaTimesWindow() {
        int rows = 128, cols = 128;
        float[] w = uniform(rows * cols, -1, 1, 22);
        double sigma = 0.05;
        CrossbarSpec clean = withWindow(CrossbarSpec.ideal(), 50e-6, 100e-6);
        CrossbarSpec varied = clean.withVariability(new Variability(Variability.Model.ADDITIVE, sigma));
        DevicePair target = program(clean, w, rows, cols);
        DevicePair d = program(varied, w, rows, cols);
        int n = rows * cols;
        double window = clean.windowSiemens();
        double[] e = new double[2 * n];
        for (int k = 0; k < n; k++) {
            e[k] = ((double) d.positive()[k] - target.positive()[k]) / window;
            e[n + k] = ((double) d.negative()[k] - target.negative()[k]) / window;
        }
        assertNormalWithSigma(e, sigma, "additive");
        // Same address, same devices; another address, other devices.
        DevicePair again = program(varied, w, rows, cols);
        assertArrayEquals(d.positive(), again.positive(), 0f);
        DevicePair other = CrossbarProgrammer.conductances(varied, w, rows, cols, new TileAddress(2024L, 3, 2, 1));
        assertFalse(Arrays.equals(d.positive(), other.positive()));
    }

    /** Additive variability with a small gMin: conductances are floored at 0 S, never negative. */
    @Test
    void additiveVariabilityNeverGivesNegativeConductance() {
        int rows = 64, cols = 64;
        CrossbarSpec varied = CrossbarSpec.ideal().withVariability(new Variability(Variability.Model.ADDITIVE, 0.1));
        DevicePair d = program(varied, uniform(rows * cols, -1, 1, 23), rows, cols);
        long zeros = 0;
        for (float[] g : new float[][] {d.positive(), d.negative()}) {
            for (float v : g) {
                assertTrue(v >= 0, "negative conductance " + v);
                if (v == 0) {
                    zeros++;
                }
            }
        }
        assertTrue(zeros > 0, "the floor should be reached with sigma (gMax-gMin) = 10 x gMin");
    }

    // ---------------------------------------------------------------- stuck-at defects

    /**
     * Defects on top of additive variability (so no device sits at exactly gMin or gMax by chance): every
     * device that differs from the defect-free programming of the same address is at gMax (stuck-on) or gMin
     * (stuck-off), their counts equal DevicePair.stuckOn/stuckOff, and each count lies in the binomial
     * 5-sigma band around 2 n p over the 2 n = 131072 devices of a 256 x 256 tile.
     */
    @Test
    void stuckAtDefectFractionsMatchTheRatesWithinBinomialBands() {
        int rows = 256, cols = 256;
        int n = rows * cols;
        long devices = 2L * n;
        float[] w = uniform(n, -1, 1, 31);
        CrossbarSpec base = CrossbarSpec.ideal().withVariability(new Variability(Variability.Model.ADDITIVE, 0.02));
        DevicePair clean = program(base, w, rows, cols);
        float gMax = (float) base.gMaxSiemens();
        float gMin = (float) base.gMinSiemens();
        double[][] rates = {{1e-3, 0}, {0, 1e-3}, {0.05, 0}, {0, 0.05}, {1e-3, 0.05}, {0.05, 0.05}, {0.3, 0.2}};
        for (double[] rate : rates) {
            double pOn = rate[0], pOff = rate[1];
            DevicePair d = program(base.withStuckAt(pOn, pOff), w, rows, cols);
            long on = 0, off = 0, onPositive = 0, changedFirstHalf = 0;
            for (int side = 0; side < 2; side++) {
                float[] g = side == 0 ? d.positive() : d.negative();
                float[] g0 = side == 0 ? clean.positive() : clean.negative();
                for (int k = 0; k < n; k++) {
                    if (g[k] != g0[k]) {
                        assertTrue(g[k] == gMax || g[k] == gMin, "a changed device is at neither bound");
                        if (g[k] == gMax) {
                            on++;
                            onPositive += side == 0 ? 1 : 0;
                        } else {
                            off++;
                        }
                        if (k < n / 2) {
                            changedFirstHalf++;
                        }
                    }
                }
            }
            String name = "p_on=" + pOn + " p_off=" + pOff;
            assertEquals(on, d.stuckOn(), name + " stuckOn count");
            assertEquals(off, d.stuckOff(), name + " stuckOff count");
            assertInBinomialBand(on, devices, pOn, name + " stuck-on");
            assertInBinomialBand(off, devices, pOff, name + " stuck-off");
            // Defects fall on G+ and G- alike, and on both halves of the tile alike.
            if (on > 0) {
                assertInBinomialBand(onPositive, on, 0.5, name + " stuck-on on G+");
            }
            assertInBinomialBand(changedFirstHalf, on + off, 0.5, name + " defects in the first half");
            // The tile reports the defect total.
            try (PhysicalTile tile = new CrossbarPlatform(base.withStuckAt(pOn, pOff)).program(w, rows, cols, ADDRESS)) {
                assertEquals(on + off, tile.stuckDevices(), name);
            }
        }
    }

    private static void assertInBinomialBand(long count, long trials, double p, String name) {
        double mean = trials * p;
        double sd = Math.sqrt(trials * p * (1 - p));
        assertTrue(Math.abs(count - mean) <= 5 * sd, name + ": " + count + " of " + trials + ", expected "
                + mean + " +- 5 x " + sd);
    }

    /**
     * Without variability, with all weights zero but one, every device is at gMin except the one G+ at gMax:
     * devices at gMax then count stuck-on devices directly (minus the one legitimate device unless it was
     * stuck off).
     */
    @Test
    void stuckOnFractionCountedAgainstATileOfZeroWeights() {
        int rows = 200, cols = 200;
        int n = rows * cols;
        float[] w = new float[n];
        w[12345] = 0.7f;
        for (double p : new double[] {1e-3, 0.05}) {
            DevicePair d = program(CrossbarSpec.ideal().withStuckAt(p, 0), w, rows, cols);
            long atMax = 0;
            float gMax = (float) CrossbarSpec.ideal().gMaxSiemens();
            for (float[] g : new float[][] {d.positive(), d.negative()}) {
                for (float v : g) {
                    if (v == gMax) {
                        atMax++;
                    }
                }
            }
            // The legitimate device at gMax is stuck-on or untouched (no stuck-off here): atMax = stuckOn + 1
            // unless it itself was drawn stuck-on.
            assertTrue(atMax == d.stuckOn() + 1 || atMax == d.stuckOn(), "p=" + p + ": " + atMax + " vs " + d.stuckOn());
            assertInBinomialBand(d.stuckOn(), 2L * n, p, "p=" + p);
            assertEquals(0, d.stuckOff());
        }
    }

    @Test
    void zeroDefectRatesChangeNothing() {
        int rows = 50, cols = 40;
        float[] w = uniform(rows * cols, -1, 1, 32);
        CrossbarSpec base = CrossbarSpec.ideal().withLevels(32);
        DevicePair clean = program(base, w, rows, cols);
        DevicePair zero = program(base.withStuckAt(0, 0), w, rows, cols);
        assertArrayEquals(clean.positive(), zero.positive(), 0f);
        assertArrayEquals(clean.negative(), zero.negative(), 0f);
        assertEquals(0, zero.stuckOn());
        assertEquals(0, zero.stuckOff());
    }

    /** Rate 1 makes every device stuck: all at gMax, all at gMin, or split between them at p_on = p_off = 0.5. */
    @Test
    void unitDefectRateMakesEveryDeviceStuck() {
        int rows = 64, cols = 64;
        long devices = 2L * rows * cols;
        float[] w = uniform(rows * cols, -1, 1, 33);
        CrossbarSpec base = CrossbarSpec.ideal().withVariability(new Variability(Variability.Model.PROPORTIONAL, 0.05));
        float gMax = (float) base.gMaxSiemens();
        float gMin = (float) base.gMinSiemens();
        DevicePair allOn = program(base.withStuckAt(1, 0), w, rows, cols);
        assertEquals(devices, allOn.stuckOn());
        assertEquals(0, allOn.stuckOff());
        DevicePair allOff = program(base.withStuckAt(0, 1), w, rows, cols);
        assertEquals(devices, allOff.stuckOff());
        assertEquals(0, allOff.stuckOn());
        for (int k = 0; k < rows * cols; k++) {
            assertEquals(gMax, allOn.positive()[k], 0f);
            assertEquals(gMax, allOn.negative()[k], 0f);
            assertEquals(gMin, allOff.positive()[k], 0f);
            assertEquals(gMin, allOff.negative()[k], 0f);
        }
        DevicePair half = program(base.withStuckAt(0.5, 0.5), w, rows, cols);
        assertEquals(devices, half.stuckOn() + half.stuckOff());
        assertInBinomialBand(half.stuckOn(), devices, 0.5, "half stuck-on");
        long atMax = 0;
        for (float[] g : new float[][] {half.positive(), half.negative()}) {
            for (float v : g) {
                assertTrue(v == gMax || v == gMin);
                atMax += v == gMax ? 1 : 0;
            }
        }
        assertEquals(half.stuckOn(), atMax);
    }
}
