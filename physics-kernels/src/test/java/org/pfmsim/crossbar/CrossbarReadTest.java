package org.pfmsim.crossbar;

import org.pfmsim.converters.Converters;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfmsim.crossbar.CrossbarIdealityTest.gaussian;
import static org.pfmsim.crossbar.CrossbarIdealityTest.uniform;
import static org.pfmsim.crossbar.CrossbarProgrammingTest.ADDRESS;
import static org.pfmsim.crossbar.CrossbarProgrammingTest.program;
import static org.pfmsim.testing.SampleStatistics.correlation;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.pfmsim.crossbar.CrossbarSpec.AdcSpec;
import org.pfmsim.converters.DacSpec;
import org.pfmsim.crossbar.CrossbarSpec.Variability;
import org.pfmsim.crossbar.CrossbarSpec.WireSpec;
import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;

/**
 * Each non-ideality of the read path (ADC, DAC, read noise, wire resistance) switched on alone, checked
 * against its documented law, and the cost formulas. Statistical checks use exact sampling distributions
 * with 5-sigma bounds (false alarm ~6e-7 per check) on fixed seeds. The programming non-idealities are in
 * {@link CrossbarProgrammingTest}.
 */
class CrossbarReadTest {
    // ---------------------------------------------------------------- ADC

    /**
     * b-bit ADC, calibrated, headroom 1: the outputs of one read take at most 2^b - 1 distinct values; with
     * a 1-row tile and inputs uniform over the range every output of the largest-weight column is uniform
     * over the full scale, so at least 90% of the codes appear. All outputs are integer multiples of one LSB.
     */
    @Test
    void adcOutputsTakeAtMostTwoToTheBitsMinusOneValues() {
        int rows = 1, cols = 8, samples = 4000;
        float[] w = uniform(rows * cols, -1, 1, 41);
        float[] x = uniform(samples * rows, -1, 1, 42);
        for (int bits : new int[] {3, 4, 6, 8}) {
            CrossbarSpec spec = CrossbarSpec.ideal().withAdc(new AdcSpec(true, bits, AdcSpec.RangeMode.CALIBRATED, 1.0));
            Readout out = CrossbarIdealityTest.read(spec, w, rows, cols, ReadRequest.of(x, samples, 1f));
            Set<Float> distinct = new TreeSet<>(); // numeric values
            double maxAbs = 0;
            for (float y : out.outputs()) {
                distinct.add(y + 0f); // -0 and +0 are one value (the zero code)
                maxAbs = Math.max(maxAbs, Math.abs(y));
            }
            int codes = (1 << bits) - 1;
            assertTrue(distinct.size() <= codes, bits + " bits: " + distinct.size() + " distinct outputs");
            assertTrue(distinct.size() >= 0.9 * codes, bits + " bits: only " + distinct.size() + " of " + codes);
            double lsb = maxAbs / ((1 << (bits - 1)) - 1); // the calibrated full scale is the top code
            for (float y : out.outputs()) {
                double c = y / lsb;
                assertEquals(Math.rint(c), c, 1e-4, bits + " bits: output not on a code");
            }
            assertEquals(0, out.outputsClipped());
        }
    }

    /**
     * MAX_CURRENT with headroom 0.5: full scale = 0.5 V_read max_j sum_i |G+ - G-|. Outputs with |I| beyond
     * it are clipped to +-full scale and counted (measured samples only); the count matches a double-precision
     * recomputation of the currents from the programmed devices. With headroom 1 nothing in range clips.
     */
    @Test
    void adcClipsAndCountsOutputsBeyondFullScale() {
        int rows = 16, cols = 12, samples = 300, measured = 200;
        float[] w = uniform(rows * cols, 0.2, 1, 43); // positive: large same-sign column sums reachable
        float[] x = uniform(samples * rows, 0, 1, 44);
        float range = 1f;
        CrossbarSpec spec = CrossbarSpec.ideal().withAdc(new AdcSpec(true, 8, AdcSpec.RangeMode.MAX_CURRENT, 0.5));
        DevicePair d = program(spec, w, rows, cols);
        double vRead = spec.readVoltageVolts();
        double maxCol = 0;
        for (int j = 0; j < cols; j++) {
            double c = 0;
            for (int i = 0; i < rows; i++) {
                c += Math.abs((double) d.positive()[i * cols + j] - d.negative()[i * cols + j]);
            }
            maxCol = Math.max(maxCol, c);
        }
        double fullScale = 0.5 * vRead * maxCol;
        double toModel = d.weightScale() * range / (spec.windowSiemens() * vRead);
        long expectedClipped = 0;
        boolean[] clipped = new boolean[samples * cols];
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < cols; j++) {
                double current = 0;
                for (int i = 0; i < rows; i++) {
                    current += x[s * rows + i] / range * vRead
                            * ((double) d.positive()[i * cols + j] - d.negative()[i * cols + j]);
                }
                clipped[s * cols + j] = Math.abs(current) > fullScale;
                if (s < measured && clipped[s * cols + j]) {
                    expectedClipped++;
                }
            }
        }
        Readout out = CrossbarIdealityTest.read(spec, w, rows, cols, new ReadRequest(x, samples, measured, 0, range));
        assertTrue(expectedClipped > 100 && expectedClipped < measured * cols - 100, "case must clip some: " + expectedClipped);
        assertEquals(expectedClipped, out.outputsClipped());
        double top = fullScale * toModel;
        for (int k = 0; k < samples * cols; k++) {
            if (clipped[k]) {
                assertEquals(top, out.outputs()[k], 1e-6 * top, "clipped output " + k);
            } else {
                assertTrue(Math.abs(out.outputs()[k]) <= top * (1 + 1e-6));
            }
        }
        CrossbarSpec roomy = CrossbarSpec.ideal().withAdc(new AdcSpec(true, 8, AdcSpec.RangeMode.MAX_CURRENT, 1.0));
        Readout none = CrossbarIdealityTest.read(roomy, w, rows, cols, new ReadRequest(x, samples, measured, 0, range));
        assertEquals(0, none.outputsClipped());
    }

    /**
     * A calibrated ADC whose calibration currents are all zero (zero calibration inputs) falls back to the
     * MAX_CURRENT range: the read gives exactly the outputs of the same tile with a MAX_CURRENT ADC, and they
     * lie on the codes of full scale range x max_j sum_i |w_ij| in model units (the ideal mapping makes
     * G+ - G- = (w / s)(gMax - gMin)).
     */
    @Test
    void calibratedAdcWithZeroCalibrationCurrentsUsesTheLargestPossibleCurrent() {
        int rows = 16, cols = 12, samples = 40, measured = 20;
        float[] w = uniform(rows * cols, -1, 1, 45);
        float[] x = uniform(samples * rows, -1, 1, 46);
        Arrays.fill(x, measured * rows, samples * rows, 0f); // the calibration samples
        float range = 2f;
        ReadRequest request = new ReadRequest(x, samples, measured, measured, range);
        CrossbarSpec calibrated = CrossbarSpec.ideal().withAdc(new AdcSpec(true, 8, AdcSpec.RangeMode.CALIBRATED, 1.0));
        CrossbarSpec maxCurrent = CrossbarSpec.ideal().withAdc(new AdcSpec(true, 8, AdcSpec.RangeMode.MAX_CURRENT, 1.0));
        float[] y = CrossbarIdealityTest.read(calibrated, w, rows, cols, request).outputs();
        assertArrayEquals(CrossbarIdealityTest.read(maxCurrent, w, rows, cols, request).outputs(), y);
        double maxColumn = 0;
        for (int j = 0; j < cols; j++) {
            double c = 0;
            for (int i = 0; i < rows; i++) {
                c += Math.abs(w[i * cols + j]);
            }
            maxColumn = Math.max(maxColumn, c);
        }
        double lsb = range * maxColumn / 127;
        int nonZero = 0;
        for (int k = 0; k < measured * cols; k++) {
            double c = y[k] / lsb;
            assertEquals(Math.rint(c), c, 1e-3, "output " + k + " not on a code of the fallback range");
            nonZero += y[k] != 0 ? 1 : 0;
        }
        assertTrue(nonZero > measured * cols / 2, "measured outputs must be mostly non-zero: " + nonZero);
    }

    // ---------------------------------------------------------------- DAC

    /**
     * DAC with a fixed range 1.5 (the platform reports it as its fixed input range): inputs with |x| &gt; 1.5
     * are clipped to +-1.5 and counted for the measured samples only; the outputs equal those of a read of
     * the clipped inputs.
     */
    @Test
    void dacClipsAndCountsMeasuredInputsBeyondTheFixedRange() {
        int rows = 10, cols = 6, samples = 50, measured = 30;
        CrossbarSpec spec = CrossbarSpec.ideal().withDac(new DacSpec(true, 8, 1.5));
        CrossbarPlatform platform = new CrossbarPlatform(spec);
        assertEquals(1.5, platform.fixedInputRange(), 0);
        assertEquals(0.0, new CrossbarPlatform(CrossbarSpec.ideal().withDac(new DacSpec(true, 8, 0))).fixedInputRange(), 0);
        float range = (float) platform.fixedInputRange();
        float[] w = uniform(rows * cols, -1, 1, 51);
        float[] x = gaussian(samples * rows, 1.0, 52);
        long expected = 0, unmeasured = 0;
        float[] clippedX = x.clone();
        for (int k = 0; k < x.length; k++) {
            if (Math.abs(x[k]) > range) {
                if (k < measured * rows) {
                    expected++;
                } else {
                    unmeasured++;
                }
                clippedX[k] = Math.copySign(range, x[k]);
            }
        }
        assertTrue(expected > 10 && unmeasured > 5, "case must clip in both parts");
        try (PhysicalTile tile = platform.program(w, rows, cols, ADDRESS)) {
            Readout out = tile.forward(new ReadRequest(x, samples, measured, measured, range));
            assertEquals(expected, out.inputsClipped());
            Readout ref = tile.forward(new ReadRequest(clippedX, samples, measured, measured, range));
            assertEquals(0, ref.inputsClipped());
            assertArrayEquals(ref.outputs(), out.outputs(), 0f);
        }
    }

    // ---------------------------------------------------------------- read noise

    /**
     * Read noise alone. The Javadoc's column-current variance sigma^2 (gMax-gMin)^2 2 sum_i V_i^2 with
     * V_i = x_i V_read / range and the rescale y = I s range / ((gMax-gMin) V_read) gives, in model units,
     * var(y_j) = 2 sigma^2 s^2 sum_i x_i^2. Over 40 reads of 64 samples x 16 columns the normalized squared
     * errors against the noise-free read sum to a chi-square with n = 40960 degrees of freedom: asserted
     * within n +- 5 sqrt(2n). Inputs have per-sample norms spread over 20x, so the V-dependence is tested.
     */
    @Test
    void readNoiseVarianceMatchesTheDocumentedLawWithinChiSquareBound() {
        int rows = 32, cols = 16, samples = 64, reads = 40;
        double sigma = 0.02;
        float range = 2f;
        float[] w = uniform(rows * cols, -0.5, 0.5, 61);
        float[] x = gaussian(samples * rows, 1.0, 62);
        for (int s = 0; s < samples; s++) {
            float scale = 0.1f + 1.9f * s / (samples - 1);
            for (int i = 0; i < rows; i++) {
                x[s * rows + i] *= scale;
            }
        }
        CrossbarSpec noisy = CrossbarSpec.ideal().withReadNoise(sigma);
        float[] mean = CrossbarIdealityTest.read(CrossbarSpec.ideal(), w, rows, cols, ReadRequest.of(x, samples, range))
                .outputs();
        double weightScale = program(noisy, w, rows, cols).weightScale();
        double window = noisy.windowSiemens();
        double vRead = noisy.readVoltageVolts();
        double[] sd = new double[samples];
        for (int s = 0; s < samples; s++) {
            double sumV2 = 0;
            for (int i = 0; i < rows; i++) {
                double v = x[s * rows + i] / (double) range * vRead;
                sumV2 += v * v;
            }
            double sigmaAmps = sigma * window * Math.sqrt(2 * sumV2);
            sd[s] = sigmaAmps * weightScale * range / (window * vRead);
        }
        double chi2 = 0, z = 0;
        long n = 0;
        float[] first = null, second = null;
        try (PhysicalTile tile = new CrossbarPlatform(noisy).program(w, rows, cols, ADDRESS)) {
            for (int r = 0; r < reads; r++) {
                float[] y = tile.forward(ReadRequest.of(x, samples, range)).outputs();
                if (r == 0) {
                    first = y;
                } else if (r == 1) {
                    second = y;
                }
                for (int s = 0; s < samples; s++) {
                    for (int j = 0; j < cols; j++) {
                        double e = ((double) y[s * cols + j] - mean[s * cols + j]) / sd[s];
                        chi2 += e * e;
                        z += e;
                        n++;
                    }
                }
            }
        }
        assertEquals(n, chi2, 5 * Math.sqrt(2.0 * n), "sum of normalized squared errors (chi-square, n dof)");
        assertEquals(0.0, z / n, 5 / Math.sqrt(n), "mean normalized error");
        // Successive reads draw fresh noise, uncorrelated with the previous read.
        assertFalse(Arrays.equals(first, second), "two reads gave identical noise");
        double[] e1 = new double[samples * cols];
        double[] e2 = new double[samples * cols];
        for (int k = 0; k < e1.length; k++) {
            e1[k] = (first[k] - mean[k]) / sd[k / cols];
            e2[k] = (second[k] - mean[k]) / sd[k / cols];
        }
        assertTrue(Math.abs(correlation(e1, e2)) < 5 / Math.sqrt(e1.length), "read-to-read noise correlated");
    }

    /** Two tiles programmed at the same address read identically, read after read; another address differs. */
    @Test
    void readNoiseIsDeterministicPerTileAddress() {
        int rows = 8, cols = 5, samples = 7;
        float[] w = uniform(rows * cols, -1, 1, 63);
        float[] x = gaussian(samples * rows, 1, 64);
        CrossbarPlatform platform = new CrossbarPlatform(CrossbarSpec.ideal().withReadNoise(0.05));
        try (PhysicalTile a = platform.program(w, rows, cols, ADDRESS);
             PhysicalTile b = platform.program(w, rows, cols, ADDRESS);
             PhysicalTile c = platform.program(w, rows, cols, new TileAddress(2024L, 3, 1, 3))) {
            ReadRequest req = ReadRequest.of(x, samples, 1f);
            float[] a1 = a.forward(req).outputs();
            float[] b1 = b.forward(req).outputs();
            float[] c1 = c.forward(req).outputs();
            assertArrayEquals(a1, b1, 0f);
            assertFalse(Arrays.equals(a1, c1));
            float[] a2 = a.forward(req).outputs();
            assertFalse(Arrays.equals(a1, a2));
            assertArrayEquals(a2, b.forward(req).outputs(), 0f);
        }
    }

    // ---------------------------------------------------------------- wires

    /**
     * FIRST_ORDER IR drop with positive weights and positive inputs: every output is positive and below the
     * ideal one (the drops only lower currents); negating the weights gives outputs above the negative ideal.
     */
    @Test
    void firstOrderIrDropLowersOutputMagnitudes() {
        int rows = 32, cols = 32, samples = 20;
        float[] w = uniform(rows * cols, 0.1, 1, 71);
        float[] x = uniform(samples * rows, 0.05, 1, 72);
        CrossbarSpec wired = CrossbarSpec.ideal().withWires(new WireSpec(WireSpec.Model.FIRST_ORDER, 1.0));
        float[] ideal = CrossbarIdealityTest.read(CrossbarSpec.ideal(), w, rows, cols, ReadRequest.of(x, samples, 1f)).outputs();
        float[] drop = CrossbarIdealityTest.read(wired, w, rows, cols, ReadRequest.of(x, samples, 1f)).outputs();
        double totalIdeal = 0, totalDrop = 0;
        for (int k = 0; k < ideal.length; k++) {
            assertTrue(drop[k] > 0 && drop[k] < ideal[k], "output " + k + ": " + drop[k] + " vs ideal " + ideal[k]);
            totalIdeal += ideal[k];
            totalDrop += drop[k];
        }
        assertTrue(totalDrop < 0.99 * totalIdeal, "drop too small to be a test: " + totalDrop / totalIdeal);
        float[] neg = w.clone();
        for (int k = 0; k < neg.length; k++) {
            neg[k] = -neg[k];
        }
        float[] negDrop = CrossbarIdealityTest.read(wired, neg, rows, cols, ReadRequest.of(x, samples, 1f)).outputs();
        for (int k = 0; k < ideal.length; k++) {
            assertTrue(negDrop[k] < 0 && negDrop[k] > -ideal[k], "negated output " + k);
        }
    }

    /**
     * NODAL vs FIRST_ORDER on a 16 x 16 tile. The effective G+ - G- of each model is read back through the
     * forward face with one-hot inputs (y = Geff_diff row i x s range / (gMax - gMin)). The documented
     * first-order accuracy, per device matrix, is a relative Frobenius error &le; 0.5 eps^2 for g spread over
     * [gMin, gMax] (eps = r gMax rows cols) and &le; 1.5 eps_g^2 for a uniform matrix at g (here G- = gMin,
     * eps_g = r gMin rows cols); the difference of the two differential matrices is bounded by the sum.
     */
    @Test
    void nodalAndFirstOrderWiresAgreeWithinTheDocumentedSecondOrderBound() {
        int rows = 16, cols = 16;
        double eps = 0.1;
        CrossbarSpec base = CrossbarSpec.ideal();
        double r = eps / (base.gMaxSiemens() * rows * cols);
        double epsMin = r * base.gMinSiemens() * rows * cols;
        float[] w = uniform(rows * cols, 0, 1, 73);
        float range = 1f;
        float[] identity = new float[rows * rows];
        for (int i = 0; i < rows; i++) {
            identity[i * rows + i] = range;
        }
        DevicePair d = program(base, w, rows, cols);
        double toSiemens = base.windowSiemens() / (d.weightScale() * range);
        float[] fo = CrossbarIdealityTest.read(base.withWires(new WireSpec(WireSpec.Model.FIRST_ORDER, r)), w, rows, cols,
                ReadRequest.of(identity, rows, range)).outputs();
        float[] nodal = CrossbarIdealityTest.read(base.withWires(new WireSpec(WireSpec.Model.NODAL, r)), w, rows, cols,
                ReadRequest.of(identity, rows, range)).outputs();
        double diff = 0, drop = 0, normP = 0, normN = 0;
        for (int k = 0; k < rows * cols; k++) {
            double gf = fo[k] * toSiemens;
            double gn = nodal[k] * toSiemens;
            double g0 = (double) d.positive()[k] - d.negative()[k];
            diff += (gf - gn) * (gf - gn);
            drop += (g0 - gn) * (g0 - gn);
            normP += (double) d.positive()[k] * d.positive()[k];
            normN += (double) d.negative()[k] * d.negative()[k];
            assertTrue(gn < g0, "nodal raises conductance at " + k);
        }
        double bound = 0.5 * eps * eps * Math.sqrt(normP) + 1.5 * epsMin * epsMin * Math.sqrt(normN);
        assertTrue(Math.sqrt(diff) <= bound, "||D_fo - D_nodal|| = " + Math.sqrt(diff) + " > bound " + bound);
        // The wires matter at this load: the exact drop is far larger than the models' disagreement.
        assertTrue(Math.sqrt(drop) > 5 * Math.sqrt(diff), "drop " + Math.sqrt(drop) + " vs disagreement " + Math.sqrt(diff));
    }

    // ---------------------------------------------------------------- cost

    /**
     * 2 x 3 tile, every weight 0.75: G+ = gMax, G- = gMin exactly (dyadic gMin = 2^-20 S, gMax = 2^-13 S,
     * V_read = 0.25 V). DAC range 2 (fixed), 8 bits; ADC 6 bits; 2 ADCs per tile. Measured samples (2, -2)
     * and (0, 2) give V = (0.25, -0.25) and (0, 0.25) V: sum V^2 = 0.1875 V^2; a third, unmeasured sample
     * costs nothing.
     * Array energy t_int 0.1875 x 3 (gMax + gMin); DAC 2 x 2 x E_dac; ADC 2 x 3 x FOM 2^6; latency
     * 2 (t_int + ceil(3/2)/f_adc); area 2 x 2 x 3 x 4 F^2 + (2 + 2) A_conv.
     */
    @Test
    void energyLatencyAndAreaFollowTheCostFormulas() {
        double gMin = 0x1p-20, gMax = 0x1p-13, vRead = 0.25;
        double tInt = 1e-8, eDac = 5e-14, fom = 5e-15, fAdc = 1e9, feature = 2e-8, cellF2 = 4, aConv = 1e-10;
        CrossbarCostSpec cost = new CrossbarCostSpec(tInt, eDac, fom, fAdc, 2, 3e-14, feature, cellF2, aConv);
        CrossbarSpec spec = new CrossbarSpec(gMin, gMax, vRead, 0, Variability.none(), 0, 0, 0,
                new DacSpec(true, 8, 2.0), WireSpec.none(), new AdcSpec(true, 6, AdcSpec.RangeMode.MAX_CURRENT, 1.0), cost);
        float[] w = new float[6];
        Arrays.fill(w, 0.75f);
        DevicePair d = program(spec, w, 2, 3);
        for (int k = 0; k < 6; k++) {
            assertEquals((float) gMax, d.positive()[k], 0f);
            assertEquals((float) gMin, d.negative()[k], 0f);
        }
        float[] x = {2f, -2f, 0f, 2f, 2f, 2f};
        double arrayJ = tInt * 0.1875 * 3 * (gMax + gMin);
        double latency = 2 * (tInt + 2 / fAdc);
        double area = 2.0 * 2 * 3 * cellF2 * feature * feature + (2 + 2) * aConv;
        CrossbarPlatform platform = new CrossbarPlatform(spec);
        try (PhysicalTile tile = platform.program(w, 2, 3, ADDRESS)) {
            Readout out = tile.forward(new ReadRequest(x, 3, 2, 0, (float) platform.fixedInputRange()));
            double expected = arrayJ + 2 * 2 * eDac + 2 * 3 * fom * 64;
            assertEquals(expected, out.energyJoules(), 1e-12 * expected);
            assertEquals(latency, out.latencySeconds(), 1e-12 * latency);
            assertEquals(area, tile.areaSquareMeters(), 1e-12 * area);
        }
        // Converters off: only the array energy; latency and area are unchanged by the converter switches.
        CrossbarSpec bare = new CrossbarSpec(gMin, gMax, vRead, 0, Variability.none(), 0, 0, 0,
                DacSpec.off(), WireSpec.none(), AdcSpec.off(), cost);
        try (PhysicalTile tile = new CrossbarPlatform(bare).program(w, 2, 3, ADDRESS)) {
            Readout out = tile.forward(new ReadRequest(x, 3, 2, 0, 2f));
            assertEquals(arrayJ, out.energyJoules(), 1e-12 * arrayJ);
            assertEquals(latency, out.latencySeconds(), 1e-12 * latency);
            assertEquals(area, tile.areaSquareMeters(), 1e-12 * area);
            // The outputs are the ideal product: (2, -2) W = 0, (0, 2) W = 1.5, (2, 2) W = 3 per column.
            float[] expectedY = IdealKernel.multiply(x, 3, 2, w, 3);
            assertArrayEquals(expectedY, out.outputs(), 1e-6f);
        }
    }

}
