package org.pfmsim.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pfmsim.grid.TileGrid;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.rng.SyntheticInputs;

class SyntheticWeightsTest {
    private static final long SEED = 0x5EED_2024L;

    /** Mean, variance and fraction within one std of a sample, accumulated in double. */
    private record Moments(long n, double mean, double variance, double withinOneStd) {
        static Moments of(float[] v, int length, double std) {
            double sum = 0;
            for (int i = 0; i < length; i++) {
                sum += v[i];
            }
            double mean = sum / length;
            double ss = 0;
            long within = 0;
            for (int i = 0; i < length; i++) {
                double d = v[i] - mean;
                ss += d * d;
                if (Math.abs(v[i]) < std) {
                    within++;
                }
            }
            return new Moments(length, mean, ss / (length - 1), (double) within / length);
        }

        /** Asserts a N(0, std^2) sample within 5 standard errors on mean, variance and P(|x| < std). */
        void assertGaussian(double std, String what) {
            double meanTol = 5 * std / Math.sqrt(n);
            assertTrue(Math.abs(mean) < meanTol, what + ": mean " + mean + " beyond " + meanTol);
            double varTol = 5 * Math.sqrt(2.0 / n);
            double rel = variance / (std * std) - 1;
            assertTrue(Math.abs(rel) < varTol, what + ": variance " + variance + " vs " + std * std
                    + " (relative error " + rel + " beyond " + varTol + ")");
            double p = 0.6826894921370859; // P(|Z| < 1)
            double pTol = 5 * Math.sqrt(p * (1 - p) / n);
            assertTrue(Math.abs(withinOneStd - p) < pTol, what + ": P(|x| < std) = " + withinOneStd);
        }
    }

    private static float[] block(WeightSource w, int layer, long rowStart, int rows, long colStart, int cols) {
        float[] out = new float[rows * cols];
        w.weights(layer, rowStart, rows, colStart, cols, out);
        return out;
    }

    @Test
    void blockValuesDoNotDependOnTheTiling() {
        ModelSpec model = ModelSpec.mlp(300, 200, 50, 3, true, Activation.RELU, Activation.IDENTITY);
        SyntheticWeights w = new SyntheticWeights(SEED, model, 1.0, 0.1);
        long r0 = 37;
        long c0 = 55;
        int rows = 100;
        int cols = 70;
        float[] whole = block(w, 1, r0, rows, c0, cols);
        int[][] tileShapes = {{7, 9}, {33, 16}, {1, 70}, {100, 1}, {64, 64}, {13, 70}, {100, 69}, {512, 512}};
        for (int[] shape : tileShapes) {
            TileGrid g = new TileGrid(rows, cols, shape[0], shape[1]);
            float[] assembled = new float[rows * cols];
            java.util.Arrays.fill(assembled, Float.NaN);
            for (long tr = 0; tr < g.rowTiles(); tr++) {
                for (long tc = 0; tc < g.colTiles(); tc++) {
                    int nr = g.rowsIn(tr);
                    int nc = g.colsIn(tc);
                    float[] tile = block(w, 1, r0 + g.rowStart(tr), nr, c0 + g.colStart(tc), nc);
                    for (int i = 0; i < nr; i++) {
                        System.arraycopy(tile, i * nc, assembled,
                                (int) (g.rowStart(tr) + i) * cols + (int) g.colStart(tc), nc);
                    }
                }
            }
            assertArrayEquals(whole, assembled, "tiles " + shape[0] + "x" + shape[1]);
        }
        // A single element equals the matching entry of the block.
        float[] one = block(w, 1, r0 + 42, 1, c0 + 17, 1);
        assertEquals(whole[42 * cols + 17], one[0]);
    }

    @Test
    void biasValuesDoNotDependOnTheTiling() {
        ModelSpec model = ModelSpec.mlp(30, 1000, 10, 2, true, Activation.RELU, Activation.IDENTITY);
        SyntheticWeights w = new SyntheticWeights(SEED, model, 1.0, 0.25);
        float[] whole = new float[1000];
        w.bias(0, 0, 1000, whole);
        for (int tile : new int[] {1, 7, 128, 999}) {
            TileGrid g = new TileGrid(1, 1000, 1, tile);
            float[] assembled = new float[1000];
            for (long tc = 0; tc < g.colTiles(); tc++) {
                float[] part = new float[g.colsIn(tc)];
                w.bias(0, g.colStart(tc), part.length, part);
                System.arraycopy(part, 0, assembled, (int) g.colStart(tc), part.length);
            }
            assertArrayEquals(whole, assembled, "bias tiles of " + tile);
        }
    }

    @Test
    void sameSeedReproducesAndDifferentSeedOrLayerDiffers() {
        ModelSpec model = ModelSpec.mlp(256, 256, 256, 4, true, Activation.RELU, Activation.IDENTITY);
        float[] a = block(new SyntheticWeights(SEED, model, 1.0, 0.1), 1, 10, 50, 20, 60);
        float[] b = block(new SyntheticWeights(SEED, model, 1.0, 0.1), 1, 10, 50, 20, 60);
        float[] otherSeed = block(new SyntheticWeights(SEED + 1, model, 1.0, 0.1), 1, 10, 50, 20, 60);
        float[] otherLayer = block(new SyntheticWeights(SEED, model, 1.0, 0.1), 2, 10, 50, 20, 60);
        assertArrayEquals(a, b);
        assertTrue(countEqual(a, otherSeed) < 5, "a different seed must give different weights");
        assertTrue(countEqual(a, otherLayer) < 5, "different layers must have different weights");
        // Neighbouring rows and columns are not shifted copies of one another.
        float[] down = block(new SyntheticWeights(SEED, model, 1.0, 0.1), 1, 11, 50, 20, 60);
        float[] right = block(new SyntheticWeights(SEED, model, 1.0, 0.1), 1, 10, 50, 21, 60);
        assertTrue(countEqual(a, down) < 5);
        assertTrue(countEqual(a, right) < 5);

        float[] biasA = new float[256];
        float[] biasB = new float[256];
        float[] biasOther = new float[256];
        new SyntheticWeights(SEED, model, 1.0, 0.1).bias(1, 0, 256, biasA);
        new SyntheticWeights(SEED, model, 1.0, 0.1).bias(1, 0, 256, biasB);
        new SyntheticWeights(SEED + 1, model, 1.0, 0.1).bias(1, 0, 256, biasOther);
        assertArrayEquals(biasA, biasB);
        assertTrue(countEqual(biasA, biasOther) < 5);
    }

    private static int countEqual(float[] x, float[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == y[i]) {
                n++;
            }
        }
        return n;
    }

    @Test
    void weightStdIsGainOverRootFanIn() {
        ModelSpec model = ModelSpec.mlp(1000, 1000, 10, 3, true, Activation.RELU, Activation.IDENTITY);
        SyntheticWeights w = new SyntheticWeights(SEED, model, 1.0, 0.0);
        assertEquals(1 / Math.sqrt(1000), w.weightStd(0), 1e-15);
        assertEquals(Math.sqrt(2) / Math.sqrt(1000), w.weightStd(1), 1e-15);
        assertEquals(Math.sqrt(2) / Math.sqrt(1000), w.weightStd(2), 1e-15);

        ModelSpec tanh = ModelSpec.mlp(64, 400, 10, 2, false, Activation.TANH, Activation.IDENTITY);
        SyntheticWeights t = new SyntheticWeights(SEED, tanh, 0.5, 0.0);
        assertEquals(0.5 / 8, t.weightStd(0), 1e-15);
        assertEquals(0.5 * (5.0 / 3.0) / 20, t.weightStd(1), 1e-15);
    }

    @Test
    void sampledWeightsHaveTheDeclaredStdWithinFiveSigma() {
        ModelSpec model = ModelSpec.mlp(1000, 1000, 10, 3, true, Activation.RELU, Activation.IDENTITY);
        SyntheticWeights w = new SyntheticWeights(SEED, model, 1.0, 0.0);
        for (int layer = 0; layer < 2; layer++) {
            float[] v = block(w, layer, 0, 1000, 0, 1000);
            Moments.of(v, v.length, w.weightStd(layer)).assertGaussian(w.weightStd(layer), "layer " + layer);
        }
        // And so does a single long row: the column is the stream position.
        float[] row = block(w, 1, 123, 1, 0, 1000);
        float[] rowTail = new float[200_000];
        w.weights(1, 123, 1, 0, 200_000, rowTail);
        assertArrayEquals(row, java.util.Arrays.copyOf(rowTail, 1000));
        Moments.of(rowTail, rowTail.length, w.weightStd(1)).assertGaussian(w.weightStd(1), "one row");
    }

    @Test
    void anyTileOfATeraParameterModelIsGeneratedOnDemand() throws IOException {
        ModelSpec model = ModelSpec.mlp(1_000_000, 1_000_000, 1_000_000, 1, false,
                Activation.RELU, Activation.IDENTITY);
        assertEquals(1_000_000_000_000L, model.parameterCount());
        SyntheticWeights w = new SyntheticWeights(SEED, model, 1.0, 0.0);
        assertEquals(1e-3, w.weightStd(0), 1e-18);

        // The source is a tiny description, not the weights.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(w);
        }
        assertTrue(bytes.size() < 1024, "serialized source is " + bytes.size() + " bytes");

        TileGrid g = new TileGrid(1_000_000, 1_000_000, 512, 512);
        long[][] tiles = {{0, 0}, {1953, 1953}, {977, 1953}, {1953, 3}, {1234, 567}};
        float[] previous = null;
        for (long[] t : tiles) {
            int nr = g.rowsIn(t[0]);
            int nc = g.colsIn(t[1]);
            long r0 = g.rowStart(t[0]);
            long c0 = g.colStart(t[1]);
            float[] tile = block(w, 0, r0, nr, c0, nc);
            String what = "tile (" + t[0] + ", " + t[1] + ")";
            if (nr * nc >= 512 * 512) {
                Moments.of(tile, tile.length, 1e-3).assertGaussian(1e-3, what);
            }
            // Spot checks against single-element generation at the absolute coordinates.
            for (int[] ij : new int[][] {{0, 0}, {nr - 1, nc - 1}, {nr / 2, nc / 3}}) {
                float[] one = block(w, 0, r0 + ij[0], 1, c0 + ij[1], 1);
                assertEquals(one[0], tile[ij[0] * nc + ij[1]], what + " element " + ij[0] + "," + ij[1]);
            }
            assertArrayEquals(tile, block(w, 0, r0, nr, c0, nc), what + " regenerated");
            if (previous != null && previous.length == tile.length) {
                assertTrue(countEqual(previous, tile) < 5, what + " repeats another tile");
            }
            previous = tile;
        }
        // The very last weight of the model.
        float[] last = block(w, 0, 999_999, 1, 999_999, 1);
        assertTrue(Float.isFinite(last[0]) && last[0] != 0f);
    }

    @Test
    void activationsNeitherExplodeNorVanishThroughA32LayerReluMlp() {
        // He's law is about one layer: E[ms(out)] = ms(in) for every layer, whatever its input. Through depth
        // the product of 32 such random gains is log-normal with a large spread (Hanin and Rolnick, "How to
        // start training", NeurIPS 2018: Var log ~ 5 depth / width), so a band on the last layer alone would
        // be a coin toss; the mean of the 4 x 32 per-layer gains is not, and it is asserted within 5
        // standard errors of 1.
        double[] gains = new double[0];
        for (long model = 0; model < 4; model++) {
            double[] ms = meanSquaresThroughDepth(1.0, SEED + model);
            assertEquals(1.0, ms[0], 0.1, "standard normal inputs");
            int at = gains.length;
            gains = Arrays.copyOf(gains, at + ms.length - 1);
            for (int l = 1; l < ms.length; l++) {
                gains[at + l - 1] = ms[l] / ms[l - 1];
            }
        }
        double mean = Arrays.stream(gains).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(gains).map(g -> (g - mean) * (g - mean)).sum() / (gains.length - 1));
        assertEquals(1.0, mean, 5 * sd / Math.sqrt(gains.length), "mean per-layer gain of He initialization");
        // A mis-scaled initialization shifts every gain by the square of the scale, far outside that band.
        double[] tooSmall = meanSquaresThroughDepth(0.7, SEED);
        assertTrue(tooSmall[tooSmall.length - 1] / tooSmall[0] < 0.25, "0.7 x He must vanish");
        double[] tooLarge = meanSquaresThroughDepth(1.4, SEED);
        assertTrue(tooLarge[tooLarge.length - 1] / tooLarge[0] > 4, "1.4 x He must explode");
    }

    /** Mean square of the inputs, then of every layer's output (after its activation). */
    private static double[] meanSquaresThroughDepth(double gainScale, long seed) {
        int width = 256;
        int depth = 32;
        int batch = 64;
        ModelSpec model = ModelSpec.mlp(width, width, width, depth, false, Activation.RELU, Activation.RELU);
        SyntheticWeights w = new SyntheticWeights(seed, model, gainScale, 0.0);
        float[] x = SyntheticInputs.gaussian(seed, batch, width);
        double[] ms = new double[depth + 1];
        ms[0] = meanSquare(x);
        float[] weights = new float[width * width];
        for (int l = 0; l < depth; l++) {
            w.weights(l, 0, width, 0, width, weights);
            float[] y = new float[batch * width];
            for (int s = 0; s < batch; s++) {
                for (int c = 0; c < width; c++) {
                    double acc = 0;
                    for (int r = 0; r < width; r++) {
                        acc += (double) x[s * width + r] * weights[r * width + c];
                    }
                    y[s * width + c] = (float) acc;
                }
            }
            model.layer(l).activation().applyInPlace(y);
            ms[l + 1] = meanSquare(y);
            x = y;
        }
        return ms;
    }

    private static double meanSquare(float[] v) {
        double s = 0;
        for (float f : v) {
            s += (double) f * f;
        }
        return s / v.length;
    }

    @Test
    void biasValuesHaveStdBiasStd() {
        ModelSpec model = ModelSpec.mlp(8, 200_000, 10, 2, true, Activation.RELU, Activation.IDENTITY);
        SyntheticWeights w = new SyntheticWeights(SEED, model, 1.0, 0.3);
        float[] b = new float[200_000];
        w.bias(0, 0, b.length, b);
        Moments.of(b, b.length, 0.3).assertGaussian(0.3, "bias");
        float[] b1 = new float[200_000];
        w.bias(1, 0, 10, b1);
        assertTrue(countEqual(java.util.Arrays.copyOf(b, 10), java.util.Arrays.copyOf(b1, 10)) < 2,
                "layers have independent biases");
    }

    @Test
    void zeroBiasStdGivesZeroBiasesAndOverwritesOnlyTheRequestedRange() {
        ModelSpec model = ModelSpec.mlp(8, 100, 10, 2, true, Activation.RELU, Activation.IDENTITY);
        SyntheticWeights w = new SyntheticWeights(SEED, model, 1.0, 0.0);
        float[] b = new float[120];
        java.util.Arrays.fill(b, 7f);
        w.bias(0, 3, 100, b);
        for (int j = 0; j < 100; j++) {
            assertEquals(0f, b[j]);
        }
        for (int j = 100; j < 120; j++) {
            assertEquals(7f, b[j]);
        }
    }

    @Test
    void inputsAreStandardNormalAndEachSampleIndependentOfTheBatchSize() {
        float[] big = SyntheticInputs.gaussian(SEED, 400, 500);
        Moments.of(big, big.length, 1.0).assertGaussian(1.0, "inputs");
        float[] small = SyntheticInputs.gaussian(SEED, 3, 500);
        assertArrayEquals(small, java.util.Arrays.copyOf(big, small.length));
        assertArrayEquals(small, SyntheticInputs.gaussian(SEED, 3, 500));
        assertTrue(countEqual(small, SyntheticInputs.gaussian(SEED + 1, 3, 500)) < 5);
        // Samples are distinct rows, not copies.
        assertTrue(countEqual(java.util.Arrays.copyOfRange(big, 0, 500),
                java.util.Arrays.copyOfRange(big, 500, 1000)) < 5);
    }
}
