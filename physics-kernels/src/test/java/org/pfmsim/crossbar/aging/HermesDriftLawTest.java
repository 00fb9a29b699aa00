package org.pfmsim.crossbar.aging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pfmsim.crossbar.aging.AgingStatistics.DAY;
import static org.pfmsim.crossbar.aging.AgingStatistics.HOUR;
import static org.pfmsim.crossbar.aging.AgingStatistics.YEAR;
import static org.pfmsim.crossbar.aging.AgingStatistics.agedDevices;
import static org.pfmsim.crossbar.aging.AgingStatistics.foldedNormalLaplace;
import static org.pfmsim.crossbar.aging.AgingStatistics.mean;
import static org.pfmsim.crossbar.aging.AgingStatistics.std;

import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.crossbar.CrossbarSpec;

/**
 * aihwkit's HermesNoiseModel (hermes.py, fitted on the IBM HERMES 14 nm PCM chip) through the device path,
 * against its piecewise fits written out here: drift factor moments on both sides of every branch point
 * (mu_nu at gr = 0.0945, sigma_nu at 0.3055 / 0.3039), for 2 and 1 devices per weight.
 */
class HermesDriftLawTest {
    private static final int PAIRS = 1 << 16;

    private static double muNu(double gr) {
        return gr < 0.0945 ? Math.max(0.072, Math.min(0.13, -0.0387 * Math.log(gr) - 0.0182))
                : -0.0436 * gr * gr - 0.0126 * gr + 0.0736;
    }

    private static double sigmaNu(double gr, int devices) {
        if (devices == 2) {
            return gr < 0.3055 ? Math.max(0.0091, Math.min(0.04, -0.0117 * Math.log(gr) - 0.0057))
                    : -0.0118 * gr * gr + 0.0093 * gr + 0.0073;
        }
        return gr < 0.3039 ? Math.max(0.0124, Math.min(0.04, -0.0120 * Math.log(gr) - 0.0023))
                : -0.0165 * gr * gr + 0.0116 * gr + 0.0104;
    }

    /**
     * Drift factor ((t + t0) / t0)^-nu, t0 = 300 s (2 devices) or 200 s (1 device), mean and spread against
     * the folded-normal moments at gr = 0.05, 0.2, 0.5, 1 and 1 h, 1 d, 1 yr.
     */
    @Test
    void driftFactorMeanAndSpreadFollowTheHermesFits() {
        for (int devices : new int[] {2, 1}) {
            HermesAging hermes = new HermesAging(devices, 512e-9, 0, 1, 1);
            double gMax = devices == 2 ? 20.7e-6 : 10.35e-6;
            double t0 = devices == 2 ? 300 : 200;
            for (double gr : new double[] {0.05, 0.2, 0.5, 1.0}) {
                double g = gr * gMax;
                for (double t : new double[] {HOUR, DAY, YEAR}) {
                    double[] factor = agedDevices(hermes, t, g, PAIRS, 0.1e-6, gMax);
                    for (int k = 0; k < factor.length; k++) {
                        factor[k] /= (float) g;
                    }
                    double l = Math.log((t + t0) / t0);
                    double m1 = foldedNormalLaplace(l, muNu(gr), sigmaNu(gr, devices));
                    double m2 = foldedNormalLaplace(2 * l, muNu(gr), sigmaNu(gr, devices));
                    double sd = Math.sqrt(m2 - m1 * m1);
                    String at = devices + " devices, gr " + gr + ", t " + t + " s";
                    assertEquals(m1, mean(factor), 5 * sd / Math.sqrt(factor.length), at + ": mean drift factor");
                    assertEquals(sd, std(factor), 0.03 * sd, at + ": drift factor spread");
                }
            }
        }
    }

    /** Programming noise at age 0: the cubic in gr, uS at the characterized g_max (2 devices: 20.7 uS). */
    @Test
    void programmingNoiseFollowsTheHermesCubic() {
        HermesAging hermes = HermesAging.published();
        double gMax = 20.7e-6;
        for (double gr : new double[] {0.2, 0.5, 1.0}) {
            double sigma = (0.16603222 + 4.71806468 * gr - 8.48101252 * gr * gr + 4.68961419 * gr * gr * gr) * 1e-6;
            double[] d = agedDevices(hermes, 0, gr * gMax, PAIRS, 0.1e-6, gMax);
            assertEquals(gr * gMax, mean(d), 5 * sigma / Math.sqrt(d.length), "gr " + gr);
            assertEquals(sigma, std(d), 0.02 * sigma, "gr " + gr);
        }
    }

    /** As aihwkit asserts, the window may not exceed the characterized g_max: one line naming the key. */
    @Test
    void windowAboveTheCharacterizedMaximumIsRefused() {
        CrossbarSpec spec = CrossbarSpec.ideal(); // 1-100 uS
        ConfigException e = assertThrows(ConfigException.class,
                () -> spec.withAging(new AgingSpec(HermesAging.published(), DAY)));
        assertEquals("platform.crossbar.g-max-siemens = 1.0E-4: allowed at most 2.07E-5 S with aging model hermes "
                + "and num-devices = 2 (the largest conductance the HERMES fits characterize)", e.getMessage());
        ConfigException devices = assertThrows(ConfigException.class, () -> new HermesAging(3, 512e-9, 1, 1, 1));
        assertEquals("platform.crossbar.aging.hermes.num-devices = 3: allowed 1 or 2 (HERMES fits)",
                devices.getMessage());
    }
}
