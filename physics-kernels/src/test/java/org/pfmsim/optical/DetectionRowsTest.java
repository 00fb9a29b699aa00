package org.pfmsim.optical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pfmsim.converters.Converters;

/**
 * Photodetection's per-sample arithmetic: the SIMD loops ({@link DetectionRowsVector}) and their scalar
 * twins give the same means, maxima, outputs and clip counts bit for bit in both encodings, on rows that are
 * not a multiple of the vector length and with signals beyond the ADC's ends; and a row's input sum is
 * exact whatever the order when the DAC quantized the inputs.
 */
class DetectionRowsTest {
    @Test
    void simdAndScalarOffsetRowsAgreeBitForBit() {
        assumeTrue(org.pfmsim.kernel.Simd.ENABLED, "this JVM runs the scalar path only");
        SplittableRandom r = new SplittableRandom(11);
        for (int cols : new int[] {1, 7, 8, 64, 517}) {
            float[] signedMean = new float[3 * cols];
            double[] fixed = new double[cols];
            double[] columnSums = new double[cols];
            for (int j = 0; j < cols; j++) {
                fixed[j] = 512 + r.nextDouble(-40, 40);
                columnSums[j] = fixed[j] - 512;
            }
            for (int k = 0; k < signedMean.length; k++) {
                signedMean[k] = (float) r.nextDouble(-30, 30);
            }
            for (int s = 0; s < 3; s++) {
                double[] meanSimd = new double[3 * cols];
                double[] meanScalar = new double[3 * cols];
                double maxSimd = DetectionRows.offsetMeans(signedMean, fixed, s - 1.5, 250, 10, meanSimd,
                        s * cols, cols, true);
                double maxScalar = DetectionRows.offsetMeans(signedMean, fixed, s - 1.5, 250, 10, meanScalar,
                        s * cols, cols, false);
                assertArrayEquals(meanScalar, meanSimd, 0.0, cols + " columns: means");
                assertEquals(maxScalar, maxSimd, 0.0, cols + " columns: largest mean");
            }
            // Counts from below zero to past full scale, so both clip directions occur.
            double fullScale = 1.3e5;
            double[] count = new double[cols];
            float[] normals = new float[cols];
            for (int j = 0; j < cols; j++) {
                count[j] = r.nextDouble(-2e4, 1.5e5);
                normals[j] = (float) r.nextGaussian();
            }
            DetectionRows.Offset readout = new DetectionRows.Offset(3.0, fullScale, 255 / fullScale, 255,
                    fullScale / 255, 0.37, 0.004, columnSums);
            for (float[] noise : new float[][] {normals, null}) {
                for (boolean measured : new boolean[] {true, false}) {
                    float[] outSimd = new float[2 * cols];
                    float[] outScalar = new float[2 * cols];
                    long clippedSimd = DetectionRows.offsetOutputs(count, noise, readout, 514.25, measured, outSimd,
                            cols, cols, true);
                    long clippedScalar = DetectionRows.offsetOutputs(count, noise, readout, 514.25, measured,
                            outScalar, cols, cols, false);
                    String what = cols + " columns, read noise " + (noise != null) + ", measured " + measured;
                    assertArrayEquals(outScalar, outSimd, 0f, what + ": outputs");
                    assertEquals(clippedScalar, clippedSimd, what + ": clipped");
                }
            }
        }
    }

    @Test
    void simdAndScalarBalancedRowsAgreeBitForBit() {
        assumeTrue(org.pfmsim.kernel.Simd.ENABLED, "this JVM runs the scalar path only");
        SplittableRandom r = new SplittableRandom(12);
        for (int cols : new int[] {1, 7, 8, 64, 517}) {
            float[] signedMean = new float[2 * cols];
            float[] totalMean = new float[2 * cols];
            for (int k = 0; k < signedMean.length; k++) {
                totalMean[k] = (float) r.nextDouble(0, 40);
                // Mostly |v D| <= |v| S, some beyond it (fabrication error), so both max(., 0) branches run.
                signedMean[k] = (float) (totalMean[k] * r.nextDouble(-1.1, 1.1));
            }
            double[][] simd = {new double[cols], new double[cols]};
            double[][] scalar = {new double[cols], new double[cols]};
            DetectionRows.pairMeans(signedMean, totalMean, 1000, 10, cols, simd[0], simd[1], cols, true);
            DetectionRows.pairMeans(signedMean, totalMean, 1000, 10, cols, scalar[0], scalar[1], cols, false);
            assertArrayEquals(scalar[0], simd[0], 0.0, cols + " columns: plus");
            assertArrayEquals(scalar[1], simd[1], 0.0, cols + " columns: minus");
            double fullScale = 3e4;
            double[] signal = new double[cols];
            float[] normals = new float[cols];
            for (int j = 0; j < cols; j++) {
                signal[j] = r.nextDouble(-4e4, 4e4);
                normals[j] = (float) r.nextGaussian();
            }
            DetectionRows.Balanced readout = new DetectionRows.Balanced(4.2, fullScale, 127 / fullScale, 127,
                    fullScale / 127, 1.3e-3);
            for (float[] noise : new float[][] {normals, null}) {
                for (boolean measured : new boolean[] {true, false}) {
                    float[] outSimd = new float[2 * cols];
                    float[] outScalar = new float[2 * cols];
                    long clippedSimd = DetectionRows.balancedOutputs(signal, noise, readout, measured, outSimd, cols,
                            cols, true);
                    long clippedScalar = DetectionRows.balancedOutputs(signal, noise, readout, measured, outScalar,
                            cols, cols, false);
                    String what = cols + " columns, read noise " + (noise != null) + ", measured " + measured;
                    assertArrayEquals(outScalar, outSimd, 0f, what + ": outputs");
                    assertEquals(clippedScalar, clippedSimd, what + ": clipped");
                }
            }
        }
    }

    @Test
    void clipCountCountsBothEndsOfTheAdcOnMeasuredSamplesOnly() {
        double[] count = {-1, 0, 50, 100, 100.5, 1e9};
        double[] zero = new double[count.length];
        DetectionRows.Offset readout = new DetectionRows.Offset(0, 100, 1, 100, 1, 1, 1, zero);
        for (boolean simd : new boolean[] {false, org.pfmsim.kernel.Simd.ENABLED}) {
            float[] out = new float[count.length];
            assertEquals(3, DetectionRows.offsetOutputs(count, null, readout, 0, true, out, 0, count.length, simd));
            // Clipped to the ADC's ends: code 0 below zero, the full-scale code above it.
            assertArrayEquals(new float[] {0, 0, 50, 100, 100, 100}, out, 0f);
            assertEquals(0, DetectionRows.offsetOutputs(count, null, readout, 0, false, out, 0, count.length, simd));
        }
        double[] signal = {-1e9, -100.5, -100, 0, 100, 100.5};
        DetectionRows.Balanced balanced = new DetectionRows.Balanced(0, 100, 1, 100, 1, 1);
        for (boolean simd : new boolean[] {false, org.pfmsim.kernel.Simd.ENABLED}) {
            float[] out = new float[signal.length];
            assertEquals(3, DetectionRows.balancedOutputs(signal, null, balanced, true, out, 0, signal.length, simd));
            assertArrayEquals(new float[] {-100, -100, -100, 0, 100, 100}, out, 0f);
            assertEquals(0, DetectionRows.balancedOutputs(signal, null, balanced, false, out, 0, signal.length, simd));
        }
    }

    @Test
    void aRowOfDacCodesSumsExactlyInAnyOrder() {
        SplittableRandom r = new SplittableRandom(3);
        for (int bits : new int[] {2, 8, 12}) {
            float levels = Converters.levelsPerPolarity(bits);
            float[] x = new float[4099];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) r.nextGaussian();
            }
            float[] v = new float[x.length];
            Converters.convert(x, v, 0, x.length, levels / 2.5f, levels, 1f / levels);
            BigDecimal exact = BigDecimal.ZERO;
            for (float f : v) {
                exact = exact.add(new BigDecimal(f));
            }
            assertEquals(0, exact.compareTo(new BigDecimal(OpticalMvmTile.sum(v, 0, v.length))), bits + " bits");
            assertEquals(0, exact.subtract(new BigDecimal(v[0])).compareTo(
                    new BigDecimal(OpticalMvmTile.sum(v, 1, v.length))), bits + " bits, from 1");
        }
    }
}
