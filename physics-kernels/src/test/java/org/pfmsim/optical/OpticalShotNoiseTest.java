package org.pfmsim.optical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pfmsim.fidelity.FidelityStats;
import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.TileAddress;

/**
 * Photon statistics of whole tiles: detected counts are Poisson (variance equals mean, exact pmf at small
 * means), dark counts and read noise add their variances, and the photons per MAC needed for a fixed
 * output SNR fall as 1/d with the fan-in d (Wang et al., Nat. Commun. 13, 123 (2022): a detector summing
 * d non-negative products collects d times the light, so its shot-noise SNR grows as d phi).
 * Sampling tolerances are 5 standard errors; seeds are fixed.
 */
class OpticalShotNoiseTest {
    private static final TileAddress ADDRESS = new TileAddress(9L, 0, 4, 1);

    private static OpticalMvmSpec shotOnly(OpticalMvmSpec.Encoding encoding, double photonsPerMac) {
        return OpticalMvmSpec.ideal(encoding).withPhotons(photonsPerMac, true);
    }

    private static float[] uniform(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble();
        }
        return a;
    }

    private static float[] read(OpticalMvmSpec spec, float[] w, int rows, int cols, float[] x, int samples) {
        try (PhysicalTile tile = new OpticalMvmPlatform(spec).program(w, rows, cols, ADDRESS)) {
            return tile.forward(ReadRequest.of(x, samples, 1f)).outputs();
        }
    }

    /**
     * Full transmission and full input on every channel: each output's mean count is phi R. The counts,
     * recovered from the outputs (y = n / phi for unit weight scale and range), have mean and variance
     * mu, and at small mu each frequency P(k) matches e^-mu mu^k / k!.
     */
    @Test
    void shotNoiseVarianceEqualsMeanAndPmfIsExactAtSmallMeans() {
        int rows = 8, cols = 16, samples = 10_000;
        float[] w = new float[rows * cols];
        Arrays.fill(w, 1f);
        float[] x = new float[samples * rows];
        Arrays.fill(x, 1f);
        for (double mu : new double[] {0.5, 3, 40, 5000}) {
            double phi = mu / rows;
            float[] y = read(shotOnly(OpticalMvmSpec.Encoding.DIFFERENTIAL, phi), w, rows, cols, x, samples);
            int n = y.length;
            long[] counts = new long[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                double c = y[k] * phi;
                counts[k] = Math.round(c);
                assertEquals(counts[k], c, 1e-3 * Math.max(1, c), "outputs are whole photocounts / phi");
                sum += counts[k];
            }
            double mean = sum / n;
            double ss = 0;
            for (long c : counts) {
                ss += (c - mean) * (c - mean);
            }
            double variance = ss / (n - 1);
            assertEquals(mu, mean, 5 * Math.sqrt(mu / n), "mean count at mu = " + mu);
            assertEquals(mu, variance, 5 * Math.sqrt((mu + 2 * mu * mu) / n), "variance at mu = " + mu);
            if (mu < 10) {
                for (int k = 0; k <= 6; k++) {
                    final int kk = k;
                    double frequency = Arrays.stream(counts).filter(c -> c == kk).count() / (double) n;
                    double pmf = Math.exp(-mu + k * Math.log(mu) - logFactorial(k));
                    assertEquals(pmf, frequency, 5 * Math.sqrt(pmf * (1 - pmf) / n) + 1e-12,
                            "P(" + k + ") at mu = " + mu);
                }
            }
        }
    }

    /**
     * A balanced pair with signed weights, dark counts d and read noise sigma_r: the output mean is
     * phi (P - N) and its variance in counts phi (P + N) + 2d + 2 sigma_r^2. The offset encoding's single
     * detector: variance of y = (4 s r / phi)^2 (phi z + d + sigma_r^2).
     */
    @Test
    void darkCountsAndReadNoiseAddTheirVariances() {
        int rows = 32, cols = 4, samples = 20_000;
        float[] w = new float[rows * cols];
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (r.nextDouble() * 2 - 1);
        }
        w[0] = 1f; // weight scale 1
        float[] x1 = uniform(rows, 6);
        float[] x = new float[samples * rows];
        for (int s = 0; s < samples; s++) {
            System.arraycopy(x1, 0, x, s * rows, rows);
        }
        double dark = 5, sigma = 3;
        OpticalMvmSpec.DetectorSpec detector = new OpticalMvmSpec.DetectorSpec(dark, sigma, 1e9);
        // phi = 400 puts every mean count of a row above Poisson.GAUSSIAN_FROM: the row fast paths.
        for (double phi : new double[] {20, 400}) {
            for (OpticalMvmSpec.Encoding encoding : OpticalIdealityTest.ENCODINGS) {
                checkMeansAndVariances(encoding, phi, detector, w, x1, x, rows, cols, samples);
            }
        }
    }

    private static void checkMeansAndVariances(OpticalMvmSpec.Encoding encoding, double phi,
                                               OpticalMvmSpec.DetectorSpec detector, float[] w, float[] x1, float[] x,
                                               int rows, int cols, int samples) {
        double dark = detector.darkCounts();
        double sigma = detector.readNoiseElectrons();
        OpticalMvmSpec spec = shotOnly(encoding, phi).withDetector(detector);
        float[] y = read(spec, w, rows, cols, x, samples);
        for (int j = 0; j < cols; j++) {
            double plus = 0, minus = 0, z = 0;
            for (int i = 0; i < rows; i++) {
                double t = w[i * cols + j];
                plus += x1[i] * Math.max(t, 0);
                minus += x1[i] * Math.max(-t, 0);
                z += (1 + x1[i]) / 2 * (1 + t) / 2;
            }
            double mean = 0, m2 = 0;
            for (int s = 0; s < samples; s++) {
                double v = y[s * cols + j];
                mean += v;
                m2 += v * v;
            }
            mean /= samples;
            double variance = (m2 / samples - mean * mean) * samples / (samples - 1);
            double expectedVariance = encoding == OpticalMvmSpec.Encoding.DIFFERENTIAL
                    ? (phi * (plus + minus) + 2 * dark + 2 * sigma * sigma) / (phi * phi)
                    : (phi * z + dark + sigma * sigma) * 16 / (phi * phi);
            String at = encoding + " output " + j + " at " + phi + " photons per MAC";
            assertEquals(plus - minus, mean, 5 * Math.sqrt(expectedVariance / samples), at + ": mean");
            // Counts are near-Gaussian here (means above 100): Var(sample variance) ~ 2 sigma^4 / n.
            assertEquals(expectedVariance, variance, 5 * expectedVariance * Math.sqrt(2.0 / samples),
                    at + ": variance");
        }
    }

    /**
     * The photon budget law: non-negative inputs and weights, shot noise only. The output SNR (ideal
     * power over error power, from 512 samples x 16 outputs of a simulated d x 16 tile) is measured for d
     * = 64 ... 4096 at a fixed phi; shot-noise SNR is proportional to phi (checked: doubling phi doubles
     * it), so the phi that reaches a target SNR is phi SNR_target / SNR(d). Its fitted log-log slope
     * against d is -1 +- 0.05, in both encodings. phi = 0.05 puts the mean counts from about 1 (exact
     * inversion) to 50 (PTRS) in the differential encoding.
     */
    @Test
    void photonsPerMacForFixedSnrFallAsOneOverFanIn() {
        int cols = 16, samples = 512;
        double phi = 0.05, targetSnr = 100;
        for (OpticalMvmSpec.Encoding encoding : OpticalIdealityTest.ENCODINGS) {
            int points = 7;
            double[] logD = new double[points];
            double[] logPhi = new double[points];
            for (int p = 0; p < points; p++) {
                int d = 64 << p;
                float[] w = uniform(d * cols, 1000 + p);
                float[] x = uniform(samples * d, 2000 + p);
                float[] ideal = IdealKernel.multiply(x, samples, d, w, cols);
                double snr = snr(shotOnly(encoding, phi), w, d, cols, x, samples, ideal);
                if (p == 2) {
                    double doubled = snr(shotOnly(encoding, 2 * phi), w, d, cols, x, samples, ideal);
                    assertEquals(2.0, doubled / snr, 0.15, encoding + ": SNR proportional to phi");
                }
                logD[p] = Math.log(d);
                logPhi[p] = Math.log(phi * targetSnr / snr);
            }
            double slope = slope(logD, logPhi);
            assertEquals(-1.0, slope, 0.05, encoding + ": log-log slope of photons per MAC against fan-in");
        }
    }

    private static double snr(OpticalMvmSpec spec, float[] w, int d, int cols, float[] x, int samples, float[] ideal) {
        float[] y = read(spec, w, d, cols, x, samples);
        return Math.pow(10, new FidelityStats().add(ideal, y).snrDb() / 10);
    }

    private static double slope(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    private static double logFactorial(int k) {
        double f = 0;
        for (int i = 2; i <= k; i++) {
            f += Math.log(i);
        }
        return f;
    }
}
