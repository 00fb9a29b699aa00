package org.pfmsim.rng;

import org.pfmsim.kernel.Rounding;

/**
 * Poisson deviates from a counter-based stream: {@link #sample(CounterRng, long, double)} is a pure
 * function of (stream, index, mean), built from the one 64-bit word at that index (plus, for the rare
 * rejections of the middle regime, a secondary sequence seeded by that word), so photon counts do not
 * depend on partitioning or on the order tiles are read in.
 *
 * <p>Three regimes, chosen by the mean mu:
 * <ul>
 *   <li>mu &lt; {@value #INVERSION_BELOW}: inversion by sequential search of the cumulative
 *       distribution from k = 0 (Devroye, "Non-Uniform Random Variate Generation", 1986, section X.3.2)
 *       with one 53-bit uniform; exact to the resolution of the uniform (2^-53).</li>
 *   <li>{@value #INVERSION_BELOW} &le; mu &lt; {@value #GAUSSIAN_FROM}: PTRS, the transformed rejection
 *       method of Hormann ("The transformed rejection method for generating Poisson random variables",
 *       Insurance: Mathematics and Economics 12, 1993), exact, with two 32-bit uniforms from the word
 *       and an acceptance rate above 0.9; its quick-acceptance region avoids every logarithm.</li>
 *   <li>mu &ge; {@value #GAUSSIAN_FROM}: the second-order Cornish-Fisher expansion of the Poisson
 *       quantile, k = rint(mu + sqrt(mu) z + (z^2 - 1) / 6) with z standard normal (a Box-Muller
 *       deviate, see {@link #SAMPLE_NORMALS}), floored at 0. The (z^2 - 1)/6 term restores the Poisson skewness mu^(-1/2) that a
 *       plain rounded normal lacks. Its total variation distance to Poisson(mu), computed exactly by
 *       summing over k, is 0.023 / mu: 2.3e-4 at mu = 100, 2.3e-5 at mu = 1000 (the plain rounded
 *       normal: 0.13 / sqrt(mu), 4e-3 at mu = 1000). At the switch-over 1000 a test would need about
 *       (1 / 2.3e-5)^2, i.e. 2e9 draws of one mean to tell it from Poisson, so the approximation is
 *       accurate for any simulation here, and it costs one hash and one Box-Muller step.</li>
 * </ul>
 */
public final class Poisson {
    /** Means below this use inversion (cost grows as mu; PTRS needs mu &ge; 10). */
    public static final double INVERSION_BELOW = 10;
    /** Means from this up use the skew-corrected normal (total variation to Poisson 2.3e-5 here). */
    public static final double GAUSSIAN_FROM = 1000;
    /** Largest mean accepted: counts stay exact integers in a double and a long. */
    public static final double MAX_MEAN = 0x1.0p52;
    /**
     * Where the normal deviates of the Gaussian regimes start in the stream's normal sequence: deviate
     * SAMPLE_NORMALS + i for {@link #sample} at index i, DIFFERENCE_NORMALS + i for {@link #difference}.
     * Those deviates come from words at 2^60 and above ({@code BoxMuller}: deviate d is made from word
     * about d / 2), which the uniform regimes, reading word i itself, never reach for indices below 2^59; so
     * every random bit feeds one draw, and a row of Gaussian-regime deviates is one vectorized fill.
     */
    static final long SAMPLE_NORMALS = 1L << 61;
    /** Means up to this take the row fast path of {@link #samples} (counts stay far below 2^51). */
    private static final double BRIGHT_MAX = 0x1.0p48;
    static final long DIFFERENCE_NORMALS = 1L << 62;

    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final long REJECTION_SALT = 0x2F0A6C3B8E1D4F57L;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
    private static final double TWO_POW_MINUS_32 = 0x1.0p-32;
    /** log k! for k &lt; 10, exactly rounded; Stirling's series beyond. */
    private static final double[] LOG_FACTORIAL = new double[10];

    static {
        double f = 0;
        for (int k = 1; k < LOG_FACTORIAL.length; k++) {
            f += Math.log(k);
            LOG_FACTORIAL[k] = f;
        }
    }

    private Poisson() {
    }

    /**
     * A Poisson(mean) count at position {@code index} of {@code rng}.
     *
     * @throws IllegalArgumentException if the mean is negative, NaN or above {@link #MAX_MEAN}
     */
    public static long sample(CounterRng rng, long index, double mean) {
        return sample(rng, index, mean, mean >= GAUSSIAN_FROM ? rng.normal(SAMPLE_NORMALS + index) : 0f);
    }

    /**
     * out[j] = {@link #sample}(rng, first + j, means[j]) for j &lt; count, the Gaussian regime's deviates
     * drawn for the whole row at once into {@code normals} (at least count long; scratch). {@code out} may be
     * {@code means} (each mean is read before its count is written).
     */
    public static void samples(CounterRng rng, long first, double[] means, int count, double[] out, float[] normals) {
        samples(rng, first, means, count, out, normals, org.pfmsim.kernel.Simd.ENABLED);
    }

    /** {@link #samples}, the bright row's loops in SIMD ({@link PoissonVector}) when {@code simd}. */
    static void samples(CounterRng rng, long first, double[] means, int count, double[] out, float[] normals,
                        boolean simd) {
        rng.fillNormal(normals, 0, count, SAMPLE_NORMALS + first);
        if (simd ? PoissonVector.allWithin(means, count, GAUSSIAN_FROM, BRIGHT_MAX) : allBright(means, count)) {
            // The whole row in the Gaussian regime (bright light): sample()'s arithmetic in straight double
            // loops, rounding by Rounding.rint (exact, as Math.rint, for the values below 2^51 that
            // BRIGHT_MAX guarantees).
            if (simd) {
                PoissonVector.quantiles(means, normals, count, out);
            } else {
                quantiles(means, normals, 0, count, out);
            }
            return;
        }
        for (int j = 0; j < count; j++) {
            out[j] = sample(rng, first + j, means[j], normals[j]);
        }
    }

    private static boolean allBright(double[] means, int count) {
        for (int j = 0; j < count; j++) {
            if (!(means[j] >= GAUSSIAN_FROM && means[j] <= BRIGHT_MAX)) {
                return false;
            }
        }
        return true;
    }

    /** The Gaussian regime of {@link #sample} for j in [from, to): max(rint(quantile), 0), by Rounding.rint. */
    static void quantiles(double[] means, float[] normals, int from, int to, double[] out) {
        for (int j = from; j < to; j++) {
            out[j] = Math.max(Rounding.rint(poissonQuantile(means[j], normals[j])), 0.0);
        }
    }

    /** {@link #sample} given z = rng.normal(SAMPLE_NORMALS + index) (read only in the Gaussian regime). */
    private static long sample(CounterRng rng, long index, double mean, float z) {
        if (!(mean >= 0 && mean <= MAX_MEAN)) {
            throw new IllegalArgumentException("Poisson mean must be in [0, 2^52], got " + mean);
        }
        if (mean < INVERSION_BELOW) {
            return inversion(rng.bits(index), mean);
        }
        if (mean < GAUSSIAN_FROM) {
            return ptrs(rng.bits(index), mean);
        }
        double k = Math.rint(poissonQuantile(mean, z));
        return (long) Math.max(k, 0.0);
    }

    /**
     * n+ - n- for independent Poisson(meanPlus) and Poisson(meanMinus) counts (a balanced detector pair),
     * from words 2 index and 2 index + 1. When both means are at least {@link #GAUSSIAN_FROM} the
     * difference (Skellam distributed) is drawn at once from its own second-order Cornish-Fisher
     * expansion, rint(m + sqrt(v) z + (m / v)(z^2 - 1) / 6) with m = meanPlus - meanMinus and
     * v = meanPlus + meanMinus (skewness m / v^1.5): total variation distance to the exact Skellam,
     * computed by summing over k, 3.7e-5 at means (1000, 1000), 1.5e-5 at (3000, 1500), 7.5e-6 at
     * (5000, 1000), the same order as one Poisson draw at 1000. Otherwise two {@link #sample} draws.
     */
    public static long difference(CounterRng rng, long index, double meanPlus, double meanMinus) {
        boolean skellam = skellam(meanPlus, meanMinus);
        return difference(rng, index, meanPlus, meanMinus, skellam ? rng.normal(DIFFERENCE_NORMALS + index) : 0f);
    }

    /**
     * out[j] = {@link #difference}(rng, first + j, plus[j], minus[j]) for j &lt; count, the Gaussian
     * deviates drawn for the whole row at once into {@code normals} (at least count long; scratch).
     */
    public static void differences(CounterRng rng, long first, double[] plus, double[] minus, int count,
                                   double[] out, float[] normals) {
        differences(rng, first, plus, minus, count, out, normals, org.pfmsim.kernel.Simd.ENABLED);
    }

    /** {@link #differences}, the bright row's loops in SIMD ({@link PoissonVector}) when {@code simd}. */
    static void differences(CounterRng rng, long first, double[] plus, double[] minus, int count, double[] out,
                            float[] normals, boolean simd) {
        rng.fillNormal(normals, 0, count, DIFFERENCE_NORMALS + first);
        boolean bright = simd
                ? PoissonVector.allWithin(plus, count, GAUSSIAN_FROM, BRIGHT_MAX)
                        && PoissonVector.allWithin(minus, count, GAUSSIAN_FROM, BRIGHT_MAX)
                : allBright(plus, count) && allBright(minus, count);
        if (bright) {
            // Every pair bright: difference()'s Skellam expansion in straight double loops, rounded as in
            // samples().
            if (simd) {
                PoissonVector.skellamQuantiles(plus, minus, normals, count, out);
            } else {
                skellamQuantiles(plus, minus, normals, 0, count, out);
            }
            return;
        }
        for (int j = 0; j < count; j++) {
            out[j] = difference(rng, first + j, plus[j], minus[j], normals[j]);
        }
    }

    /** The Skellam branch of {@link #difference} for j in [from, to), rounded by Rounding.rint. */
    static void skellamQuantiles(double[] plus, double[] minus, float[] normals, int from, int to, double[] out) {
        for (int j = from; j < to; j++) {
            out[j] = Rounding.rint(skellamQuantile(plus[j], minus[j], normals[j]));
        }
    }

    /** The second-order Cornish-Fisher quantile of Poisson(mean) at the standard normal z, before rounding. */
    private static double poissonQuantile(double mean, double z) {
        return mean + Math.sqrt(mean) * z + (z * z - 1.0) * (1.0 / 6.0);
    }

    /** The same for the Skellam difference of Poisson(meanPlus) and Poisson(meanMinus). */
    private static double skellamQuantile(double meanPlus, double meanMinus, double z) {
        double m = meanPlus - meanMinus;
        double v = meanPlus + meanMinus;
        return m + Math.sqrt(v) * z + m / v * (z * z - 1.0) * (1.0 / 6.0);
    }

    private static boolean skellam(double meanPlus, double meanMinus) {
        return meanPlus >= GAUSSIAN_FROM && meanMinus >= GAUSSIAN_FROM && meanPlus <= MAX_MEAN && meanMinus <= MAX_MEAN;
    }

    /** {@link #difference} given z = rng.normal(DIFFERENCE_NORMALS + index) (read only by the Skellam branch). */
    private static long difference(CounterRng rng, long index, double meanPlus, double meanMinus, float z) {
        if (skellam(meanPlus, meanMinus)) {
            return (long) Math.rint(skellamQuantile(meanPlus, meanMinus, z));
        }
        return sample(rng, 2 * index, meanPlus) - sample(rng, 2 * index + 1, meanMinus);
    }

    private static long inversion(long word, double mean) {
        double u = (word >>> 11) * TWO_POW_MINUS_53;
        double p = Math.exp(-mean);
        double cumulative = p;
        long k = 0;
        // p underflows to 0 long before k could overflow, ending the search even if rounding keeps the
        // cumulative sum a few ulps below a u that close to 1.
        while (u >= cumulative && p > 0) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    /** Hormann's PTRS, with his constants for mu &ge; 10. */
    private static long ptrs(long word, double mean) {
        double sqrtMean = Math.sqrt(mean);
        double b = 0.931 + 2.53 * sqrtMean;
        double a = -0.059 + 0.02483 * b;
        double vr = 0.9277 - 3.6224 / (b - 2);
        long state = word;
        for (;;) {
            double u = ((word >>> 32) + 0.5) * TWO_POW_MINUS_32 - 0.5;
            double v = ((word & 0xFFFFFFFFL) + 0.5) * TWO_POW_MINUS_32;
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k >= 0 && (us >= 0.013 || v <= us)) {
                double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
                double lhs = Math.log(v * invAlpha / (a / (us * us) + b));
                if (lhs <= -mean + k * Math.log(mean) - logFactorial(k)) {
                    return k;
                }
            }
            // Rejected (under 10 % of draws): continue on a sequence seeded by this index's word.
            word = CounterRng.mix64((state += GAMMA) ^ REJECTION_SALT);
        }
    }

    /** log k!: table below 10, else Stirling's series to 1/k^7 (truncation error below 1e-12 at k = 10). */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = k;
        double r = 1.0 / x;
        double r2 = r * r;
        double series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680))));
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + series;
    }
}
