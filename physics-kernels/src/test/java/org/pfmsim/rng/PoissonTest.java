package org.pfmsim.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Poisson deviates: purity, the first two moments in every regime (variance equals mean, 5-sigma
 * sampling bounds from the exact fourth central moment), and the exact pmf by a chi-square test at
 * p = 0.001 in the inversion and PTRS regimes and just above the switch to the skew-corrected normal.
 * Seeds are fixed, so every run is the same run.
 */
class PoissonTest {
    private static final int DRAWS = 200_000;

    private static CounterRng stream(long seed) {
        return CounterRng.stream(seed, Purpose.SHOT_NOISE, 1, 2, 3);
    }

    private static long[] draws(double mean, long seed) {
        CounterRng rng = stream(seed);
        long[] k = new long[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            k[i] = Poisson.sample(rng, i, mean);
        }
        return k;
    }

    @Test
    void sampleIsAPureFunctionOfStreamIndexAndMean() {
        CounterRng a = stream(9);
        CounterRng b = stream(9);
        for (double mean : new double[] {0.5, 3, 25, 700, 5000}) {
            for (long i : new long[] {0, 1, 77, 1L << 40}) {
                assertEquals(Poisson.sample(a, i, mean), Poisson.sample(b, i, mean));
            }
        }
        assertEquals(0, Poisson.sample(a, 5, 0.0), "a zero mean gives no photons");
    }

    /**
     * Sample mean and variance against mu, in every regime. Bounds: 5 standard errors, with
     * Var(sample mean) = mu / n and Var(sample variance) ~ (mu4 - sigma^4) / n, mu4 = mu + 3 mu^2.
     */
    @Test
    void shotNoiseVarianceEqualsMean() {
        long seed = 1;
        for (double mu : new double[] {0.5, 3, 9.99, 10, 42, 300, 999, 1000, 3000, 1e5}) {
            long[] k = draws(mu, seed++);
            double sum = 0;
            for (long v : k) {
                sum += v;
            }
            double mean = sum / DRAWS;
            double ss = 0;
            for (long v : k) {
                ss += (v - mean) * (v - mean);
            }
            double variance = ss / (DRAWS - 1);
            double meanTolerance = 5 * Math.sqrt(mu / DRAWS);
            double varianceTolerance = 5 * Math.sqrt((mu + 3 * mu * mu - mu * mu) / DRAWS);
            assertEquals(mu, mean, meanTolerance, "mean at mu = " + mu);
            assertEquals(mu, variance, varianceTolerance, "variance at mu = " + mu);
        }
    }

    /** Exact frequencies: chi-square of the counts against the Poisson pmf, bins with expectation >= 5. */
    @Test
    void exactPmfAtSmallAndModerateMeans() {
        long seed = 100;
        for (double mu : new double[] {0.5, 3, 12, 60, 400, 1500}) {
            long[] k = draws(mu, seed++);
            int top = (int) (mu + 12 * Math.sqrt(mu) + 20);
            long[] observed = new long[top + 1];
            for (long v : k) {
                observed[(int) Math.min(v, top)]++;
            }
            double[] pmf = new double[top + 1];
            double cdf = 0;
            for (int j = 0; j < top; j++) {
                pmf[j] = Math.exp(-mu + j * Math.log(mu) - Poisson.logFactorial(j));
                cdf += pmf[j];
            }
            pmf[top] = Math.max(0, 1 - cdf);
            // Merge bins from both ends until each expects at least 5 counts.
            double chi2 = 0;
            int bins = 0;
            double e = 0;
            double o = 0;
            for (int j = 0; j <= top; j++) {
                e += pmf[j] * DRAWS;
                o += observed[j];
                if (e >= 5 && (j == top || remaining(pmf, j + 1) * DRAWS >= 5)) {
                    chi2 += (o - e) * (o - e) / e;
                    bins++;
                    e = 0;
                    o = 0;
                }
            }
            if (e > 0) {
                chi2 += (o - e) * (o - e) / e;
                bins++;
            }
            int dof = bins - 1;
            assertTrue(dof >= 2, "enough bins at mu = " + mu);
            double critical = chiSquareCritical(dof, 3.090); // upper 0.001 quantile
            assertTrue(chi2 < critical, "chi-square " + chi2 + " >= " + critical + " (" + dof + " dof) at mu = " + mu);
        }
    }

    /** n+ - n-: mean m+ - m-, variance m+ + m-, whether drawn as two counts or at once (both means >= 1000). */
    @Test
    void balancedDifferenceHasSkellamMeanAndVariance() {
        double[][] means = {{0.5, 3}, {40, 700}, {2000, 1500}, {5000, 800}, {1000, 1000}, {1e5, 2e5}};
        long seed = 50;
        for (double[] mu : means) {
            CounterRng rng = stream(seed++);
            double sum = 0, sumSquares = 0;
            for (int i = 0; i < DRAWS; i++) {
                double d = Poisson.difference(rng, i, mu[0], mu[1]);
                sum += d;
                sumSquares += d * d;
            }
            double mean = sum / DRAWS;
            double variance = (sumSquares / DRAWS - mean * mean) * DRAWS / (DRAWS - 1);
            double v = mu[0] + mu[1];
            String at = "means " + mu[0] + ", " + mu[1];
            assertEquals(mu[0] - mu[1], mean, 5 * Math.sqrt(v / DRAWS), at + ": mean");
            // Var(sample variance) = (mu4 - v^2) / n with mu4 = v + 3 v^2 for a Skellam variable.
            assertEquals(v, variance, 5 * Math.sqrt((v + 2 * v * v) / DRAWS), at + ": variance");
        }
    }

    /**
     * The row draws (one vectorized fill of the Gaussian regime's deviates per row) equal the per-index
     * draws exactly, across every regime and a row mixing them, from unaligned starts.
     */
    @Test
    void rowDrawsEqualPerIndexDraws() {
        CounterRng rng = stream(31);
        int count = 517;
        double[] plus = new double[count];
        double[] minus = new double[count];
        for (int j = 0; j < count; j++) {
            plus[j] = new double[] {0.3, 25, 999.5, 1000, 4e4}[j % 5];
            minus[j] = new double[] {2e3, 1e3, 7, 0, 5e5, 150}[j % 6];
        }
        double[] out = new double[count];
        float[] normals = new float[count];
        double[] bright = new double[count]; // a row wholly in the Gaussian regime takes the vectorized path
        for (int j = 0; j < count; j++) {
            bright[j] = 1000 + 37.5 * j;
        }
        for (boolean simd : new boolean[] {false, true}) {
            Poisson.samples(rng, 77, bright, count, out, normals, simd);
            for (int j = 0; j < count; j++) {
                assertEquals(Poisson.sample(rng, 77 + j, bright[j]), out[j], 0.0,
                        "bright sample " + j + ", simd " + simd);
            }
            // In place (the counts over their means), as photodetection calls it.
            double[] inPlace = bright.clone();
            Poisson.samples(rng, 77, inPlace, count, inPlace, normals, simd);
            assertArrayEquals(out, inPlace, "in place, simd " + simd);
        }
        double[] brightToo = java.util.Arrays.copyOf(bright, count);
        java.util.Arrays.sort(brightToo);
        for (boolean simd : new boolean[] {false, true}) {
            Poisson.differences(rng, 78, bright, brightToo, count, out, normals, simd);
            for (int j = 0; j < count; j++) {
                assertEquals(Poisson.difference(rng, 78 + j, bright[j], brightToo[j]), out[j], 0.0,
                        "bright difference " + j + ", simd " + simd);
            }
        }
        for (long first : new long[] {0, 5, 1_000_003}) {
            Poisson.samples(rng, first, plus, count, out, normals);
            for (int j = 0; j < count; j++) {
                assertEquals(Poisson.sample(rng, first + j, plus[j]), out[j], 0.0, "sample " + j);
            }
            double[] inPlace = plus.clone();
            Poisson.samples(rng, first, inPlace, count, inPlace, normals);
            assertArrayEquals(out, inPlace, "mixed row in place");
            Poisson.differences(rng, first, plus, minus, count, out, normals);
            for (int j = 0; j < count; j++) {
                assertEquals(Poisson.difference(rng, first + j, plus[j], minus[j]), out[j], 0.0, "difference " + j);
            }
        }
    }

    @Test
    void logFactorialMatchesTheProductAcrossTheTableAndStirlingJoin() {
        double exact = 0;
        for (int k = 1; k <= 200; k++) {
            exact += Math.log(k);
            assertEquals(exact, Poisson.logFactorial(k), 1e-12 * Math.max(1, exact), "log " + k + "!");
        }
    }

    @Test
    void invalidMeansAreRefused() {
        CounterRng rng = stream(1);
        assertThrows(IllegalArgumentException.class, () -> Poisson.sample(rng, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> Poisson.sample(rng, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Poisson.sample(rng, 0, Double.POSITIVE_INFINITY));
    }

    private static double remaining(double[] pmf, int from) {
        double r = 0;
        for (int j = from; j < pmf.length; j++) {
            r += pmf[j];
        }
        return r;
    }

    /** Wilson-Hilferty approximation of the chi-square quantile with {@code dof} degrees of freedom. */
    static double chiSquareCritical(int dof, double normalQuantile) {
        double h = 2.0 / (9.0 * dof);
        double t = 1 - h + normalQuantile * Math.sqrt(h);
        return dof * t * t * t;
    }
}
