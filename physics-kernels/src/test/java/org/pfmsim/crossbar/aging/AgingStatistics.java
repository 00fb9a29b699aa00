package org.pfmsim.crossbar.aging;

import java.util.Arrays;
import org.pfmsim.platform.TileAddress;

/** Closed-form moments and sample statistics the aging tests compare against each other. */
final class AgingStatistics {
    static final TileAddress ADDRESS = new TileAddress(2026L, 4, 7, 3);
    static final double HOUR = 3600;
    static final double DAY = 86400;
    static final double YEAR = 365 * DAY;

    private AgingStatistics() {
    }

    /** 2n devices (G+ and G- of n pairs) all at target g, aged to {@code seconds}. */
    static double[] agedDevices(AgingModel model, double seconds, double g, int n, double gMin, double gMax) {
        float[] gp = new float[n];
        float[] gn = new float[n];
        Arrays.fill(gp, (float) g);
        Arrays.fill(gn, (float) g);
        DeviceAging.age(new AgingSpec(model, seconds), gp, gn, n, gMin, gMax, ADDRESS, null);
        double[] out = new double[2 * n];
        for (int k = 0; k < n; k++) {
            out[k] = gp[k];
            out[n + k] = gn[k];
        }
        return out;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    static double std(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (a.length - 1));
    }

    static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /**
     * E[exp(-L |X|)] for X ~ N(mu, sigma^2): exp(-L mu + L^2 sigma^2 / 2) Phi(mu / sigma - L sigma)
     * + exp(L mu + L^2 sigma^2 / 2) Phi(-mu / sigma - L sigma) (the Laplace transform of a folded normal).
     */
    static double foldedNormalLaplace(double l, double mu, double sigma) {
        double h = l * l * sigma * sigma / 2;
        return Math.exp(-l * mu + h) * phi(mu / sigma - l * sigma) + Math.exp(l * mu + h) * phi(-mu / sigma - l * sigma);
    }

    /** Standard normal distribution function, via erfc. */
    static double phi(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** erfc with fractional error below 1.2e-7 everywhere (Numerical Recipes, 2nd ed., erfcc, Chebyshev fit). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}
