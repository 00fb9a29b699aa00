package org.pfmsim.rng;

import static org.pfmsim.testing.SampleStatistics.correlation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Counter-based streams: purity and key separation, and the distributions they deliver, asserted against
 * exact moments with 5-sigma sampling bounds (a false alarm per check about 6e-7) and a Kolmogorov-Smirnov
 * test at p = 0.001. All seeds are fixed, so every run is the same run.
 */
class CounterRngTest {
    /** A tail threshold for the probability and shape checks. */
    private static final double TAIL = 3.5;
    /** The largest radius Box-Muller can give from a 40-bit uniform: sqrt(80 ln 2). */
    private static final double MAX_RADIUS = Math.sqrt(80 * Math.log(2));
    /** Kolmogorov distribution: P(sqrt(n) D > 1.9495) = 0.001. */
    private static final double KS_CRITICAL_P001 = 1.95;

    private static CounterRng base() {
        return CounterRng.stream(12345L, Purpose.READ_NOISE, 3, 4, 5);
    }

    // ---------------------------------------------------------------- purity and keys

    @Test
    void sameKeyAndIndexGiveTheSameValue() {
        CounterRng a = CounterRng.stream(12345L, Purpose.READ_NOISE, 3, 4, 5);
        CounterRng b = CounterRng.stream(12345L, Purpose.READ_NOISE, 3, 4, 5);
        for (long i : new long[] {0, 1, 2, 17, 1_000_003, Long.MAX_VALUE / 3, -1}) {
            assertEquals(a.bits(i), b.bits(i));
            assertEquals(a.uniform(i), b.uniform(i));
            assertEquals(a.normal(i), b.normal(i));
        }
    }

    /** Different keys, including swapped coordinates, give streams uncorrelated within 5 sigma = 5/sqrt(n). */
    @Test
    void differentKeysGiveUncorrelatedStreams() {
        int n = 100_000;
        CounterRng[] others = {
            CounterRng.stream(12346L, Purpose.READ_NOISE, 3, 4, 5),
            CounterRng.stream(12345L, Purpose.DEFECTS, 3, 4, 5),
            CounterRng.stream(12345L, Purpose.READ_NOISE, 2, 4, 5),
            CounterRng.stream(12345L, Purpose.READ_NOISE, 3, 5, 5),
            CounterRng.stream(12345L, Purpose.READ_NOISE, 3, 4, 6),
            CounterRng.stream(12345L, Purpose.READ_NOISE, 3, 5, 4), // row and column swapped
            CounterRng.stream(12345L, Purpose.READ_NOISE, 4, 3, 5), // layer and row swapped
            CounterRng.stream(12345L, Purpose.DEFECTS, 3, 4, 5),
        };
        CounterRng a = base();
        double[] x = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a.uniform(i);
            g[i] = a.normal(i);
        }
        double bound = 5.0 / Math.sqrt(n);
        for (int k = 0; k < others.length; k++) {
            double[] y = new double[n];
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = others[k].uniform(i);
                h[i] = others[k].normal(i);
            }
            assertNotEquals(a.bits(0), others[k].bits(0), "stream " + k + " has the base key");
            double ru = correlation(x, y);
            double rg = correlation(g, h);
            assertTrue(Math.abs(ru) < bound, "uniform correlation with stream " + k + ": " + ru);
            assertTrue(Math.abs(rg) < bound, "gaussian correlation with stream " + k + ": " + rg);
            // No shifted overlap either (a lag of a few positions between streams).
            for (int lag = 1; lag <= 3; lag++) {
                double r = correlation(Arrays.copyOfRange(x, lag, n), Arrays.copyOfRange(y, 0, n - lag));
                assertTrue(Math.abs(r) < 5.0 / Math.sqrt(n - lag), "lag " + lag + " stream " + k + ": " + r);
            }
        }
        // Within one stream, successive values are uncorrelated (lag 1 and 2).
        for (int lag = 1; lag <= 2; lag++) {
            double r = correlation(Arrays.copyOfRange(g, lag, n), Arrays.copyOfRange(g, 0, n - lag));
            assertTrue(Math.abs(r) < 5.0 / Math.sqrt(n - lag), "gaussian autocorrelation lag " + lag + ": " + r);
        }
    }

    // ---------------------------------------------------------------- uniform

    /** U[0,1): mean 1/2 (sd of the mean sqrt(1/12n)), variance 1/12 (sd sqrt(1/180n): Var((U-1/2)^2) = 1/80 - 1/144). */
    @Test
    void uniformHasMeanOneHalfAndVarianceOneTwelfthWithinFiveSigma() {
        int n = 1_000_000;
        CounterRng rng = base();
        double sum = 0;
        double sumSq = 0;
        double min = 1;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double u = rng.uniform(i);
            assertTrue(u >= 0 && u < 1, "uniform out of [0,1): " + u);
            double c = u - 0.5;
            sum += c;
            sumSq += c * c;
            min = Math.min(min, u);
            max = Math.max(max, u);
        }
        double mean = sum / n;
        double var = sumSq / n; // about the known mean 1/2
        assertEquals(0.0, mean, 5 * Math.sqrt(1.0 / 12 / n), "mean - 1/2");
        assertEquals(1.0 / 12, var, 5 * Math.sqrt(1.0 / 180 / n), "variance");
        assertTrue(min < 1e-4 && max > 1 - 1e-4, "range not covered: " + min + " .. " + max);
        // KS against the uniform CDF.
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = rng.uniform(i);
        }
        double d = ksStatistic(u, x -> x);
        assertTrue(d * Math.sqrt(n) < KS_CRITICAL_P001, "uniform KS sqrt(n) D = " + d * Math.sqrt(n));
    }

    // ---------------------------------------------------------------- gaussian

    /**
     * Sample moments of 1e6 draws against N(0,1): sd of the mean 1/sqrt(n), of the second moment sqrt(2/n),
     * of the skewness sqrt(6/n), of the kurtosis sqrt(24/n); each asserted within 5 sd.
     */
    @Test
    void gaussianMomentsMatchTheStandardNormalWithinFiveSigma() {
        int n = 1_000_000;
        CounterRng rng = base();
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        for (int i = 0; i < n; i++) {
            double x = rng.normal(i);
            double x2 = x * x;
            s1 += x;
            s2 += x2;
            s3 += x2 * x;
            s4 += x2 * x2;
        }
        double mean = s1 / n;
        double m2 = s2 / n;
        double skew = (s3 / n) / Math.pow(m2, 1.5);
        double kurt = (s4 / n) / (m2 * m2);
        assertEquals(0.0, mean, 5 / Math.sqrt(n), "mean");
        assertEquals(1.0, m2, 5 * Math.sqrt(2.0 / n), "variance");
        assertEquals(0.0, skew, 5 * Math.sqrt(6.0 / n), "skewness");
        assertEquals(3.0, kurt, 5 * Math.sqrt(24.0 / n), "kurtosis");
    }

    @Test
    void gaussianPassesKolmogorovSmirnovAgainstTheNormalCdf() {
        int n = 1_000_000;
        CounterRng rng = CounterRng.stream(99L, Purpose.INPUTS, 0, 0, 0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.normal(i);
        }
        double d = ksStatistic(x, CounterRngTest::phi);
        assertTrue(d * Math.sqrt(n) < KS_CRITICAL_P001, "KS sqrt(n) D = " + d * Math.sqrt(n));
    }

    /**
     * The tail beyond 3.5: the fraction of |x| > 3.5 is 2 (1 - Phi(3.5)) = 4.65e-4, asserted in a binomial
     * 5-sigma band over 1e7 draws (about 4653 +- 68); both signs equally (5 sigma); the tail's shape passes
     * KS against the conditional law P(|X| <= t | |X| > 3.5) = 1 - erfc(t/sqrt2) / erfc(3.5/sqrt2); draws
     * beyond 4.5 (6.8e-6, about 68 +- 8) have their normal frequency; none exceeds the 40-bit radius limit.
     */
    @Test
    void normalTailHasTheNormalProbabilityAndShape() {
        int n = 10_000_000;
        CounterRng rng = CounterRng.stream(2024L, Purpose.READ_NOISE, 1, 2, 3);
        float[] all = new float[n];
        rng.fillNormal(all, 0, n, 0);
        double[] tail = new double[n / 1000];
        int count = 0;
        int positive = 0;
        long far = 0;
        double largest = 0;
        for (float x : all) {
            largest = Math.max(largest, Math.abs(x));
            if (Math.abs(x) > TAIL) {
                if (count == tail.length) {
                    tail = Arrays.copyOf(tail, 2 * tail.length);
                }
                tail[count++] = Math.abs(x);
                positive += x > 0 ? 1 : 0;
                far += Math.abs(x) > 4.5 ? 1 : 0;
            }
        }
        double p = erfc(TAIL / Math.sqrt(2));
        assertEquals(4.652581e-4, p, 1e-9, "reference tail probability (sanity of erfc)");
        assertEquals(n * p, count, 5 * Math.sqrt(n * p * (1 - p)), "draws beyond 3.5");
        assertEquals(count / 2.0, positive, 5 * Math.sqrt(count / 4.0), "positive tail draws");
        double[] t = Arrays.copyOf(tail, count);
        double d = ksStatistic(t, v -> 1 - erfc(v / Math.sqrt(2)) / p);
        assertTrue(d * Math.sqrt(count) < KS_CRITICAL_P001, "tail KS sqrt(m) D = " + d * Math.sqrt(count));
        double pf = erfc(4.5 / Math.sqrt(2));
        assertEquals(n * pf, far, 5 * Math.sqrt(n * pf), "draws beyond 4.5");
        assertTrue(largest <= MAX_RADIUS * (1 + 1e-6), "deviate beyond sqrt(80 ln 2): " + largest);
    }

    /** normal(i) is a pure function of i: reverse order, a fresh instance and repeated calls agree bit for bit. */
    @Test
    void normalIsAPureFunctionOfTheIndex() {
        int n = 200_000;
        CounterRng rng = base();
        float[] forward = new float[n];
        for (int i = 0; i < n; i++) {
            forward[i] = rng.normal(i);
        }
        float[] reverse = new float[n];
        CounterRng fresh = CounterRng.stream(12345L, Purpose.READ_NOISE, 3, 4, 5);
        for (int i = n - 1; i >= 0; i--) {
            reverse[i] = fresh.normal(i);
        }
        assertArrayEquals(forward, reverse, 0f);
        // Interleaved with other calls, strided.
        for (int i = 7; i < n; i += 997) {
            rng.uniform(i + 1);
            rng.normal(n - i);
            assertEquals(forward[i], rng.normal(i), 0f, "index " + i);
        }
        // Large indices far apart work too.
        long big = 1L << 40;
        float v = rng.normal(big);
        rng.normal(big + 1);
        assertEquals(v, rng.normal(big), 0f);
        // So are negative indices (the glass volumes key deviates by signed coordinates).
        assertEquals(rng.normal(-12345L), fresh.normal(-12345L), 0f);
        assertNotEquals(rng.normal(-12345L), rng.normal(12345L));
    }

    @Test
    void fillGaussianEqualsPerIndexGaussian() {
        CounterRng rng = base();
        float[] out = new float[1000];
        Arrays.fill(out, -7f);
        int offset = 13;
        int length = 950;
        long first = 123_456L;
        double mean = 0.25;
        double sigma = 3.5;
        rng.fillGaussian(out, offset, length, first, mean, sigma);
        for (int i = 0; i < out.length; i++) {
            if (i < offset || i >= offset + length) {
                assertEquals(-7f, out[i], 0f, "outside the range at " + i);
            } else {
                float expected = (float) mean + (float) sigma * rng.normal(first + i - offset);
                assertEquals(expected, out[i], 0f, "at " + i);
            }
        }
    }

    // ---------------------------------------------------------------- float-precision sequence (two per word)

    /** The words of the batch path (vectorized when the JVM allows) are bits(i), bit for bit. */
    @Test
    void wordsEqualBitsWhicheverPathComputesThem() {
        CounterRng rng = base();
        long[] out = new long[1003];
        rng.words(987_654_321L, out, out.length);
        for (int k = 0; k < out.length; k++) {
            assertEquals(rng.bits(987_654_321L + k), out[k], "word " + k);
        }
        // The vector kernel itself, whenever this JVM can run it (the test JVM has the module).
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            long key = 0x1234_5678_9ABC_DEF0L;
            long[] vec = new long[77];
            VectorWords.fill(key, 0x9E3779B97F4A7C15L, 5, vec, vec.length);
            for (int k = 0; k < vec.length; k++) {
                assertEquals(CounterRng.mix64(key + (5 + k + 1L) * 0x9E3779B97F4A7C15L), vec[k], "vector word " + k);
            }
        }
    }

    /** The vector Box-Muller (sixteen deviates per step) equals normal(d), bit for bit. */
    @Test
    void vectorNormalsEqualScalarNormals() {
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return; // nothing to compare: this JVM runs the scalar path only
        }
        CounterRng rng = base();
        int blocks = 20_003;
        float[] out = new float[16 * blocks + 2];
        long firstBlock = 31;
        VectorWords.normals(rng.key(), 0x9E3779B97F4A7C15L, firstBlock, blocks, out, 1);
        for (int i = 0; i < 16 * blocks; i++) {
            assertEquals(rng.normal(16 * firstBlock + i), out[1 + i], 0f, "deviate " + i);
        }
    }

    /**
     * The float Box-Muller against the same transform in double on the same words, over 10^6 hashed words
     * and the edge cases of both fields (radius bits all 0 or all 1, each quadrant's first and last angle):
     * within 1e-6 of the radius (a few float ulps) for the same float-rounded uniform.
     */
    @Test
    void boxMullerMatchesTheDoublePrecisionTransform() {
        CounterRng rng = base();
        long[] words = new long[1_000_000 + 16];
        for (int i = 0; i < 1_000_000; i++) {
            words[i] = rng.bits(i);
        }
        int e = 1_000_000;
        for (long angle : new long[] {0, (1L << 22) - 1, 1L << 22, (2L << 22) - 1, 3L << 22, (1L << 24) - 1,
            12345, 1L << 21}) {
            words[e++] = (angle << 40);
            words[e++] = (angle << 40) | BoxMuller.RADIUS_MASK;
        }
        double worst = 0;
        for (long w : words) {
            // The uniform as the float path holds it (24 significant bits, see BoxMuller): what is compared
            // here is the arithmetic, not the quantization of U.
            double u = (double) (float) ((w & BoxMuller.RADIUS_MASK) + 1) * 0x1p-40;
            double r = Math.sqrt(-2 * Math.log(u));
            long a = w >>> 40;
            double theta = (a >>> 22) * Math.PI / 2 + (2 * (a & 0x3FFFFF) + 1 - (1L << 22)) * Math.PI * 0x1p-24;
            double errCos = Math.abs(BoxMuller.deviate(w, false) - r * Math.cos(theta));
            double errSin = Math.abs(BoxMuller.deviate(w, true) - r * Math.sin(theta));
            worst = Math.max(worst, Math.max(errCos, errSin) / Math.max(r, 1e-3));
        }
        assertTrue(worst < 1e-6, "largest error relative to the radius: " + worst);
    }

    /** fillNormal equals normal(d) for odd and even starts and lengths, across buffer refills. */
    @Test
    void fillNormalEqualsPerIndexNormal() {
        CounterRng rng = base();
        for (long first : new long[] {0, 1, 4_000_001L}) {
            for (int length : new int[] {1, 2, 7, 1024, 2501}) {
                float[] out = new float[length + 5];
                Arrays.fill(out, -9f);
                rng.fillNormal(out, 3, length, first);
                for (int i = 0; i < out.length; i++) {
                    float expected = i < 3 || i >= 3 + length ? -9f : rng.normal(first + i - 3);
                    assertEquals(expected, out[i], 0f, "first " + first + " length " + length + " at " + i);
                }
            }
        }
        // Block b holds the cosine deviates of words 8b .. 8b + 7, then their sine deviates.
        assertEquals(BoxMuller.deviate(rng.bits(8 * 21 + 3), false), rng.normal(16 * 21 + 3), 0f);
        assertEquals(BoxMuller.deviate(rng.bits(8 * 21 + 3), true), rng.normal(16 * 21 + 8 + 3), 0f);
        assertEquals(rng.normalOfWord(8 * 21 + 3), rng.normal(16 * 21 + 3), 0f);
    }

    /**
     * The float sequence against N(0,1): moments within 5 sigma and KS at p = 0.001 over 2e6 draws, and the
     * tail beyond 3.5 with its binomial probability and both signs; the cosine and sine deviates of one word
     * are uncorrelated, and so are their squares (they share the radius).
     */
    @Test
    void normalSequenceMatchesTheStandardNormal() {
        int n = 2_000_000;
        CounterRng rng = CounterRng.stream(77L, Purpose.VARIABILITY, 2, 3, 4);
        float[] f = new float[n];
        rng.fillNormal(f, 0, n, 0);
        double[] x = new double[n];
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        int tail = 0;
        int positiveTail = 0;
        for (int i = 0; i < n; i++) {
            double v = f[i];
            x[i] = v;
            double v2 = v * v;
            s1 += v;
            s2 += v2;
            s3 += v2 * v;
            s4 += v2 * v2;
            if (Math.abs(v) > TAIL) {
                tail++;
                positiveTail += v > 0 ? 1 : 0;
            }
        }
        double m2 = s2 / n;
        assertEquals(0.0, s1 / n, 5 / Math.sqrt(n), "mean");
        assertEquals(1.0, m2, 5 * Math.sqrt(2.0 / n), "variance");
        assertEquals(0.0, (s3 / n) / Math.pow(m2, 1.5), 5 * Math.sqrt(6.0 / n), "skewness");
        assertEquals(3.0, (s4 / n) / (m2 * m2), 5 * Math.sqrt(24.0 / n), "kurtosis");
        double p = erfc(TAIL / Math.sqrt(2));
        assertEquals(n * p, tail, 5 * Math.sqrt(n * p * (1 - p)), "draws beyond R");
        assertEquals(tail / 2.0, positiveTail, 5 * Math.sqrt(tail / 4.0), "positive tail draws");
        double d = ksStatistic(x, CounterRngTest::phi);
        assertTrue(d * Math.sqrt(n) < KS_CRITICAL_P001, "KS sqrt(n) D = " + d * Math.sqrt(n));
        // The two deviates of one word are independent: no correlation, nor of their squares (Var(z^2) = 2).
        double[] cosine = new double[n / 2];
        double[] sine = new double[n / 2];
        double[] cosine2 = new double[n / 2];
        double[] sine2 = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            int at = 16 * (i / 8) + i % 8;
            cosine[i] = f[at];
            sine[i] = f[at + 8];
            cosine2[i] = cosine[i] * cosine[i];
            sine2[i] = sine[i] * sine[i];
        }
        assertTrue(Math.abs(correlation(cosine, sine)) < 5 / Math.sqrt(n / 2.0), "deviates of a word correlate");
        assertTrue(Math.abs(correlation(cosine2, sine2)) < 5 / Math.sqrt(n / 2.0), "squares of a word's deviates correlate");
    }

    // ---------------------------------------------------------------- helpers

    /** sup |F_n - F| over the sample (sorted in place). */
    private static double ksStatistic(double[] x, java.util.function.DoubleUnaryOperator cdf) {
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(x[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }

    /** Standard normal CDF from the erfc below. */
    static double phi(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /**
     * erfc to ~1e-13: the Maclaurin series of erf for |x| < 2.5 (largest term ~ e^{x^2} < 520, so about 3
     * digits of 16 are lost), the Laplace continued fraction erfc(x) = e^{-x^2}/sqrt(pi) / (x + (1/2)/(x +
     * 1/(x + (3/2)/(x + ...)))) for x &ge; 2.5, and erfc(-x) = 2 - erfc(x).
     */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2.5) {
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int k = 1; k < 200; k++) {
                term *= -x2 / k;
                double add = term / (2 * k + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        double f = x;
        for (int k = 200; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /** The reference erfc itself: known values of the normal law. */
    @Test
    void referenceErfcReproducesKnownNormalProbabilities() {
        assertEquals(0.975, phi(1.959963984540054), 1e-13);
        assertEquals(0.5, phi(0), 0);
        assertEquals(0.8413447460685429, phi(1), 1e-13);
        assertEquals(1.3498980316300946e-3, 0.5 * erfc(3 / Math.sqrt(2)), 1e-15);
        assertEquals(2.866515718791939e-7, 0.5 * erfc(5 / Math.sqrt(2)), 1e-18);
        // Continuity across the switch between the series and the continued fraction.
        assertEquals(erfc(2.5 - 1e-12), erfc(2.5), 1e-12);
    }
}
