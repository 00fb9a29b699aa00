package org.pfmsim.compensation;

import java.util.Arrays;

/**
 * Verification of read-only tiles from the same probe reads as the calibration (MVM probes only: a PFM's
 * tiles cannot be written, so March tests do not apply; see LIFETIME-ANCHORS.md, section 2.11).
 *
 * <p>A tile's departure is its relative residual power over the probes, q = sum (d - m)^2 / sum d^2 (m the
 * read, d the model's answer). Tiles of one matrix share a fabrication process, so a healthy tile's departure
 * is predicted by its population: the median of the matrix's tiles, with the spread estimated robustly by the
 * median absolute deviation (1.4826 MAD is the standard deviation for normal data; Rousseeuw and Croux, JASA
 * 88, 1993), which the faults themselves cannot inflate while they are fewer than half the tiles. A tile is
 * flagged when q exceeds median + k x 1.4826 MAD, and also exceeds the read-noise floor measured by reading
 * every probe twice (a departure within read noise is not a fault). A dead tile (q = 1) or a shorted one
 * (q &gt; 1) stands far out; stuck devices raise q in proportion to the power they carry.
 */
public final class Verification {
    /** Default k of the rule: a healthy tile exceeds it with probability below 1e-15 under normal spread. */
    public static final double DEFAULT_THRESHOLD_SIGMAS = 8;

    private Verification() {
    }

    /** Relative residual power sum (d - m)^2 / sum d^2 of one tile's probe reads (NaN when the model is all zero). */
    public static double departure(float[] measured, float[] model) {
        double residual = 0;
        double power = 0;
        for (int k = 0; k < model.length; k++) {
            double e = (double) model[k] - measured[k];
            residual += e * e;
            power += (double) model[k] * model[k];
        }
        return power > 0 ? residual / power : Double.NaN;
    }

    /**
     * The read-noise floor of a tile's departure, from two reads of the same probes: the difference of two
     * reads has twice the read variance, so sum (m1 - m2)^2 / 2 estimates the read noise power of one read.
     */
    public static double readNoiseFloor(float[] first, float[] second, float[] model) {
        double noise = 0;
        double power = 0;
        for (int k = 0; k < model.length; k++) {
            double e = (double) first[k] - second[k];
            noise += e * e / 2;
            power += (double) model[k] * model[k];
        }
        return power > 0 ? noise / power : Double.NaN;
    }

    /**
     * Which tiles of one matrix are flagged.
     *
     * @param departures  each tile's departure
     * @param floors      each tile's read-noise floor
     * @param sigmas      k, robust standard deviations above the median
     */
    public static boolean[] flag(double[] departures, double[] floors, double sigmas) {
        double[] finite = Arrays.stream(departures).filter(Double::isFinite).sorted().toArray();
        boolean[] flagged = new boolean[departures.length];
        if (finite.length == 0) {
            return flagged;
        }
        double median = median(finite);
        double[] deviations = Arrays.stream(finite).map(q -> Math.abs(q - median)).sorted().toArray();
        double spread = 1.4826 * median(deviations);
        double limit = median + sigmas * spread;
        for (int t = 0; t < departures.length; t++) {
            double q = departures[t];
            flagged[t] = Double.isFinite(q) && q > limit && q > sigmas * floors[t];
        }
        return flagged;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
