package org.pfmsim.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.pfmsim.kernel.FloatLanes;
import org.pfmsim.kernel.Rounding;

/**
 * The bright-row paths of {@link Poisson#samples} and {@link Poisson#differences} with explicit SIMD (C2 in
 * JDK 17 leaves the scalar loops unvectorized: they mix the float deviates with double means). Lane for lane
 * the same IEEE operations in the same order as the scalar loops, so the counts are bit-identical; used
 * only when {@link org.pfmsim.kernel.Simd#ENABLED}.
 *
 * <p>Doubles eight to a register, one per lane of the project's one float shape ({@link FloatLanes}).
 */
final class PoissonVector {
    private static final VectorSpecies<Double> DOUBLES = FloatLanes.DOUBLES;

    private PoissonVector() {
    }

    /** Whether lo &lt;= means[j] &lt;= hi for every j &lt; count (false for a NaN). */
    static boolean allWithin(double[] means, int count, double lo, double hi) {
        int step = DOUBLES.length();
        int j = 0;
        for (; j <= count - step; j += step) {
            DoubleVector m = DoubleVector.fromArray(DOUBLES, means, j);
            if (!m.compare(VectorOperators.GE, lo).and(m.compare(VectorOperators.LE, hi)).allTrue()) {
                return false;
            }
        }
        for (; j < count; j++) {
            if (!(means[j] >= lo && means[j] <= hi)) {
                return false;
            }
        }
        return true;
    }

    /**
     * out[j] = max(rint(mu + sqrt(mu) z + (z^2 - 1) / 6), 0) for mu = means[j], z = normals[j], j &lt; count:
     * {@link Poisson}'s Gaussian-regime quantile, rounded by {@link Rounding#rint(double)} (exact below 2^51).
     * {@code out} may be {@code means}.
     */
    static void quantiles(double[] means, float[] normals, int count, double[] out) {
        int step = DOUBLES.length();
        int j = 0;
        for (; j <= count - step; j += step) {
            DoubleVector z = FloatLanes.widened(normals, j);
            DoubleVector mu = DoubleVector.fromArray(DOUBLES, means, j);
            DoubleVector k = mu.add(mu.lanewise(VectorOperators.SQRT).mul(z))
                    .add(z.mul(z).sub(1.0).mul(1.0 / 6.0));
            k.add(Rounding.DOUBLE_SHIFT).sub(Rounding.DOUBLE_SHIFT).max(0.0).intoArray(out, j);
        }
        Poisson.quantiles(means, normals, j, count, out);
    }

    /**
     * out[j] = rint(m + sqrt(v) z + (m / v)(z^2 - 1) / 6) with m = plus[j] - minus[j], v = plus[j] + minus[j],
     * z = normals[j], j &lt; count: {@link Poisson}'s Skellam quantile, rounded by {@link Rounding#rint(double)}.
     */
    static void skellamQuantiles(double[] plus, double[] minus, float[] normals, int count, double[] out) {
        int step = DOUBLES.length();
        int j = 0;
        for (; j <= count - step; j += step) {
            DoubleVector z = FloatLanes.widened(normals, j);
            DoubleVector p = DoubleVector.fromArray(DOUBLES, plus, j);
            DoubleVector n = DoubleVector.fromArray(DOUBLES, minus, j);
            DoubleVector m = p.sub(n);
            DoubleVector v = p.add(n);
            DoubleVector k = m.add(v.lanewise(VectorOperators.SQRT).mul(z))
                    .add(m.div(v).mul(z.mul(z).sub(1.0)).mul(1.0 / 6.0));
            k.add(Rounding.DOUBLE_SHIFT).sub(Rounding.DOUBLE_SHIFT).intoArray(out, j);
        }
        Poisson.skellamQuantiles(plus, minus, normals, j, count, out);
    }
}
