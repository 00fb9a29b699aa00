package org.pfmsim.crossbar.aging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfmsim.crossbar.aging.AgingStatistics.DAY;
import static org.pfmsim.crossbar.aging.AgingStatistics.HOUR;
import static org.pfmsim.crossbar.aging.AgingStatistics.YEAR;
import static org.pfmsim.crossbar.aging.AgingStatistics.agedDevices;
import static org.pfmsim.crossbar.aging.AgingStatistics.foldedNormalLaplace;
import static org.pfmsim.crossbar.aging.AgingStatistics.mean;
import static org.pfmsim.crossbar.aging.AgingStatistics.median;
import static org.pfmsim.crossbar.aging.AgingStatistics.std;

import org.junit.jupiter.api.Test;

/**
 * aihwkit's PCMLikeNoiseModel (pcm.py) through the fabricated-device path: programming noise, drift factor
 * ((t + t0) / t0)^-nu with nu = |N(mu_nu(gr), sigma_nu(gr))| and its 1/f read noise, each against the
 * published formula written out here (coefficients from pcm.py), never against the model's own methods.
 * 2^17 devices per point; means within 5 standard errors, spreads within 3 %.
 */
class PcmDriftLawTest {
    private static final int PAIRS = 1 << 16;
    private static final double G_MAX = 20e-6;
    private static final double T0 = 20;

    private static double muNu(double gr) {
        return Math.max(0.049, Math.min(0.1, -0.0155 * Math.log(gr) + 0.0244));
    }

    private static double sigmaNu(double gr) {
        return Math.max(0.008, Math.min(0.045, -0.0125 * Math.log(gr) - 0.0059));
    }

    /**
     * The drift factor g(t) / g of a device programmed exactly (prog-noise-scale 0) has mean E[a^-|X|] and
     * second moment E[a^-2|X|], a = (t + t0) / t0, X ~ N(mu_nu, sigma_nu^2): the folded normal's Laplace
     * transform, at gr = 1, 0.5, 0.1, 0.025 (mu_nu, sigma_nu clamped at 0.049, 0.008 down to gr ~ 0.2, then
     * rising to 0.0816, 0.040 at gr = 0.025) and ages 1 h, 1 d, 1 yr.
     */
    @Test
    void driftFactorMeanAndSpreadFollowTheFoldedNormalPowerLaw() {
        PcmAging pcm = new PcmAging(T0, 250e-9, 0, 1, 1);
        for (double gr : new double[] {1.0, 0.5, 0.1, 0.025}) {
            double g = gr * G_MAX;
            for (double t : new double[] {HOUR, DAY, YEAR}) {
                double[] factor = agedDevices(pcm, t, g, PAIRS, 0.5e-6, G_MAX);
                for (int k = 0; k < factor.length; k++) {
                    factor[k] /= (float) g;
                }
                double l = Math.log((t + T0) / T0);
                double m1 = foldedNormalLaplace(l, muNu(gr), sigmaNu(gr));
                double m2 = foldedNormalLaplace(2 * l, muNu(gr), sigmaNu(gr));
                double sd = Math.sqrt(m2 - m1 * m1);
                String at = "gr " + gr + ", t " + t + " s";
                assertEquals(m1, mean(factor), 5 * sd / Math.sqrt(factor.length), at + ": mean drift factor");
                assertEquals(sd, std(factor), 0.03 * sd, at + ": drift factor spread");
            }
        }
    }

    /**
     * A high-conductance PCM device halves in about a year: its median drift factor is a^-mu_nu with
     * mu_nu = 0.049, (1 yr / 20 s)^-0.049 = 0.497 (sigma_nu = 0.008 leaves the median at the exponent's
     * median). After 1 h it keeps 0.78 of its conductance.
     */
    @Test
    void highConductanceDeviceHalvesInAboutAYear() {
        PcmAging pcm = new PcmAging(T0, 250e-9, 0, 1, 1);
        double[] year = agedDevices(pcm, YEAR, G_MAX, PAIRS, 0.5e-6, G_MAX);
        double expected = Math.pow((YEAR + T0) / T0, -0.049);
        assertEquals(0.497, expected, 0.001);
        assertEquals(expected, median(year) / G_MAX, 0.002);
        double[] hour = agedDevices(pcm, HOUR, G_MAX, PAIRS, 0.5e-6, G_MAX);
        assertEquals(Math.pow((HOUR + T0) / T0, -0.049), median(hour) / G_MAX, 0.002);
    }

    /**
     * Programming noise at age 0 (no drift: a^-nu = 1 at t = 0): g_prog - g ~ N(0, sigma_prog^2) with
     * sigma_prog = (0.26348 + 1.9650 gr - 1.1731 gr^2) uS x gMax / 25 uS, i.e. 0.358, 0.762, 0.844 uS at
     * gr = 0.1, 0.5, 1 in a 20 uS window.
     */
    @Test
    void programmingNoiseFollowsThePublishedPolynomial() {
        PcmAging pcm = PcmAging.published();
        for (double gr : new double[] {0.1, 0.5, 1.0}) {
            double g = gr * G_MAX;
            double sigma = (0.26348 + 1.9650 * gr - 1.1731 * gr * gr) * 1e-6 * G_MAX / 25e-6;
            double[] d = agedDevices(pcm, 0, g, PAIRS, 0.5e-6, G_MAX);
            assertEquals(g, mean(d), 5 * sigma / Math.sqrt(d.length), "gr " + gr + ": mean");
            assertEquals(sigma, std(d), 0.02 * sigma, "gr " + gr + ": sigma_prog");
        }
    }

    /**
     * A device programmed to 0 S keeps sigma_0 = 0.26348 uS x gMax / 25 uS of programming noise, clamped at
     * 0 S: a half-normal, mean sigma_0 / sqrt(2 pi) and spread sigma_0 sqrt(1/2 - 1/(2 pi)) (the 0.105 uS
     * bias per device of LIFETIME-ANCHORS at a 25 uS window).
     */
    @Test
    void zeroTargetDeviceIsRectifiedIntoAHalfNormal() {
        PcmAging pcm = PcmAging.published();
        double sigma0 = 0.26348e-6 * 25e-6 / 25e-6;
        double[] d = agedDevices(pcm, 0, 0, PAIRS, 0, 25e-6);
        assertEquals(0.105e-6, sigma0 / Math.sqrt(2 * Math.PI), 0.0005e-6);
        double spread = sigma0 * Math.sqrt(0.5 - 1 / (2 * Math.PI));
        assertEquals(sigma0 / Math.sqrt(2 * Math.PI), mean(d), 5 * spread / Math.sqrt(d.length));
        assertEquals(spread, std(d), 0.02 * spread);
    }

    /**
     * The 1/f read noise per read at age t is Q_s(gr) sqrt(ln((t + t0 + t_read) / (2 t_read))) |g(t)| with
     * Q_s = min(0.0088 / max(gr^0.65, 1e-3), 0.2): at gr = 1 and 1 yr, 0.0088 x 5.64 = 4.96 % of g(t).
     */
    @Test
    void flickerReadNoiseFollowsTheIntegratedOneOverFLaw() {
        PcmAging pcm = PcmAging.published();
        double tRead = 250e-9;
        for (double gr : new double[] {1.0, 0.3, 0.01, 0.0}) {
            for (double t : new double[] {0, HOUR, YEAR}) {
                double g = gr * G_MAX;
                double aged = 0.5 * g + 1e-7;
                double qs = Math.min(0.0088 / Math.max(Math.pow(gr, 0.65), 1e-3), 0.2);
                double expected = qs * Math.sqrt(Math.log((t + T0 + tRead) / (2 * tRead))) * aged;
                assertEquals(expected, pcm.readSigma(g, aged, t, 0.5e-6, G_MAX), 1e-12 * expected,
                        "gr " + gr + ", t " + t);
            }
        }
        assertEquals(0.0496, 0.0088 * Math.sqrt(Math.log((YEAR + T0 + tRead) / (2 * tRead))), 0.0005);
        assertTrue(pcm.readSigma(G_MAX, G_MAX, 0, 0.5e-6, G_MAX) > 0, "aihwkit adds 1/f noise at t0 even at age 0");
    }
}
