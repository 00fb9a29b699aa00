package org.pfmsim.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfmsim.crossbar.CrossbarIdealityTest.gaussian;
import static org.pfmsim.crossbar.CrossbarIdealityTest.uniform;

import org.junit.jupiter.api.Test;
import org.pfmsim.crossbar.CrossbarSpec.Variability;
import org.pfmsim.crossbar.aging.AgingSpec;
import org.pfmsim.crossbar.aging.CmoReRamAging;
import org.pfmsim.crossbar.aging.NoAging;
import org.pfmsim.crossbar.aging.PcmAging;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.TileAddress;

/**
 * The aging models inside the crossbar: the same fabricated devices at every age (only their age changes),
 * model none bit-identical at any age, and the aged per-read noise of the column currents against
 * sum_i V_i^2 (sigma+_ij^2 + sigma-_ij^2) from the published 1/f law.
 */
class AgedCrossbarTest {
    private static final TileAddress ADDRESS = new TileAddress(77L, 2, 5, 1);
    private static final double DAY = 86400;
    private static final double YEAR = 365 * DAY;

    private static CrossbarSpec fabricated() {
        return CrossbarSpec.ideal().withLevels(32).withVariability(new Variability(Variability.Model.PROPORTIONAL, 0.03))
                .withStuckAt(1e-3, 1e-3);
    }

    private static DevicePair devices(CrossbarSpec spec, float[] w, int rows, int cols) {
        return CrossbarProgrammer.conductances(spec, w, rows, cols, ADDRESS);
    }

    /** Model none at 1 yr gives exactly today's devices and reads (the aging pass is skipped). */
    @Test
    void noAgingIsBitIdenticalAtEveryAge() {
        int rows = 40, cols = 24, samples = 9;
        float[] w = uniform(rows * cols, -1, 1, 5);
        float[] x = gaussian(samples * rows, 1, 6);
        CrossbarSpec base = fabricated().withReadNoise(0.01);
        CrossbarSpec old = base.withAging(new AgingSpec(NoAging.INSTANCE, YEAR));
        DevicePair a = devices(base, w, rows, cols);
        DevicePair b = devices(old, w, rows, cols);
        assertArrayEquals(a.positive(), b.positive());
        assertArrayEquals(a.negative(), b.negative());
        assertArrayEquals(CrossbarIdealityTest.read(base, w, rows, cols, ReadRequest.of(x, samples, 2f)).outputs(),
                CrossbarIdealityTest.read(old, w, rows, cols, ReadRequest.of(x, samples, 2f)).outputs());
    }

    /**
     * PCM: the same device at every age. With its programmed conductance g0 (age 0), g(t) / g0 =
     * ((t + t0) / t0)^-nu with one nu per device, so ln(g(t) / g0) / ln((t + t0) / t0) is the same for
     * every age; and the nu's spread over devices is not zero (they are distinct devices).
     */
    @Test
    void sameSeedGivesTheSameDevicesAtEveryAge() {
        int rows = 32, cols = 16;
        float[] w = uniform(rows * cols, -1, 1, 7);
        CrossbarSpec spec = fabricated();
        PcmAging pcm = PcmAging.published();
        DevicePair young = devices(spec.withAging(new AgingSpec(pcm, 0)), w, rows, cols);
        double[] ages = {60, 3600, DAY, 30 * DAY, YEAR};
        double[][] nu = new double[ages.length][];
        for (int a = 0; a < ages.length; a++) {
            DevicePair old = devices(spec.withAging(new AgingSpec(pcm, ages[a])), w, rows, cols);
            nu[a] = new double[rows * cols];
            double l = Math.log((ages[a] + 20) / 20);
            for (int k = 0; k < rows * cols; k++) {
                nu[a][k] = -Math.log((double) old.positive()[k] / young.positive()[k]) / l;
            }
            assertEquals(young.stuckOn(), old.stuckOn());
        }
        for (int a = 1; a < ages.length; a++) {
            for (int k = 0; k < rows * cols; k++) {
                assertEquals(nu[0][k], nu[a][k], 2e-4, "device " + k + " at " + ages[a] + " s");
            }
        }
        assertNotEquals(nu[0][0], nu[0][1]);
    }

    /**
     * ReRAM CMO: the relaxation deviate is the device's own, so (g(t) - g(0) - shift(t)) / sigma(t) is the
     * same number at 1 d and 1 yr for every device away from the clamp; and another tile address gives other
     * devices.
     */
    @Test
    void relaxationDeviateBelongsToTheDevice() {
        int rows = 16, cols = 16;
        float[] w = uniform(rows * cols, -1, 1, 9);
        CrossbarSpec spec = CrossbarSpec.ideal();
        spec = new CrossbarSpec(20e-6, 80e-6, 0.2, 0, Variability.none(), 0, 0, 0, spec.dac(), spec.wires(),
                spec.adc(), spec.cost(), new AgingSpec(CmoReRamAging.published(), 0));
        DevicePair zero = devices(spec, w, rows, cols);
        double[] z = new double[rows * cols];
        for (double t : new double[] {DAY, YEAR}) {
            DevicePair old = devices(spec.withAging(spec.aging().atAge(t)), w, rows, cols);
            double shift = -0.08900206 * Math.log(t) * 1e-6;
            double sigma = (0.04201137 * Math.log(t) + 0.41183342) * 1e-6;
            for (int k = 0; k < rows * cols; k++) {
                if (zero.positive()[k] < 30e-6f || zero.positive()[k] > 70e-6f) {
                    continue; // near the window's edges the clamp, not the deviate, sets the state
                }
                double zk = ((double) old.positive()[k] - zero.positive()[k] - shift) / sigma;
                if (t == DAY) {
                    z[k] = zk;
                } else {
                    assertEquals(z[k], zk, 1e-2, "device " + k);
                }
            }
        }
        DevicePair other = CrossbarProgrammer.conductances(spec.withAging(spec.aging().atAge(DAY)), w, rows, cols,
                new TileAddress(77L, 2, 5, 2));
        DevicePair mine = devices(spec.withAging(spec.aging().atAge(DAY)), w, rows, cols);
        assertTrue(other.positive()[3] != mine.positive()[3]);
    }

    /**
     * Aged per-read noise: with PCM at 1 yr (programming noise off, so targets are known) the column
     * currents of repeated reads of one input scatter with variance sum_i V_i^2 (s+_ij^2 + s-_ij^2) +
     * sigma_w^2 (gMax - gMin)^2 sum_i 2 V_i^2, s = Q_s(g_target / gMax) sqrt(ln((t + t0 + t_read) /
     * (2 t_read))) g(t). Pooled over columns, the normalized variance is 1 within 5 standard errors.
     */
    @Test
    void agedReadNoiseAddsTheOneOverFVarianceOfEveryDevice() {
        int rows = 24, cols = 12, samples = 6000;
        double gMin = 1e-6, gMax = 20e-6, vRead = 0.2, sigmaW = 0.004;
        float range = 1f;
        float[] w = uniform(rows * cols, -1, 1, 11);
        float[] one = uniform(rows, -1, 1, 12);
        float[] x = new float[samples * rows];
        for (int s = 0; s < samples; s++) {
            System.arraycopy(one, 0, x, s * rows, rows);
        }
        CrossbarSpec bare = CrossbarSpec.ideal();
        CrossbarSpec spec = new CrossbarSpec(gMin, gMax, vRead, 0, Variability.none(), 0, 0, sigmaW, bare.dac(),
                bare.wires(), bare.adc(), bare.cost(), new AgingSpec(new PcmAging(20, 250e-9, 0, 1, 1), YEAR));
        CrossbarSpec quiet = spec.withReadNoise(0).withAging(new AgingSpec(new PcmAging(20, 250e-9, 0, 0, 1), YEAR));
        DevicePair aged = devices(spec, w, rows, cols);
        float scale = aged.weightScale();
        double l = Math.sqrt(Math.log((YEAR + 20 + 250e-9) / (2 * 250e-9)));
        double[] variance = new double[cols];
        double v2sum = 0;
        for (int i = 0; i < rows; i++) {
            double v = one[i] / range * vRead;
            v2sum += v * v;
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                double targetP = gMin + Math.max(w[k], 0) / scale * (gMax - gMin);
                double targetN = gMin + Math.max(-w[k], 0) / scale * (gMax - gMin);
                double sp = qs(targetP / gMax) * l * aged.positive()[k];
                double sn = qs(targetN / gMax) * l * aged.negative()[k];
                variance[j] += v * v * (sp * sp + sn * sn);
            }
        }
        double toModel = scale * range / ((gMax - gMin) * vRead);
        float[] noisy;
        float[] mean;
        try (PhysicalTile t = new CrossbarPlatform(spec).program(w, rows, cols, ADDRESS);
             PhysicalTile q = new CrossbarPlatform(quiet).program(w, rows, cols, ADDRESS)) {
            noisy = t.forward(ReadRequest.of(x, samples, range)).outputs();
            mean = q.forward(ReadRequest.of(one, 1, range)).outputs();
        }
        double pooled = 0;
        double independent = sigmaW * sigmaW * (gMax - gMin) * (gMax - gMin) * 2 * v2sum;
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < cols; j++) {
                double e = (noisy[s * cols + j] - mean[j]) / toModel;
                pooled += e * e / (variance[j] + independent);
            }
        }
        pooled /= (double) samples * cols;
        assertEquals(1.0, pooled, 5 * Math.sqrt(2.0 / (samples * cols)));
        double share = 0;
        for (double v : variance) {
            share += v / (v + independent);
        }
        assertTrue(share / cols > 0.5, "the aged noise dominates the check: " + share / cols);
    }

    /**
     * Read energy over the lifetime: the array energy t_int sum_s sum_i V_si^2 sum_j (G+_ij + G-_ij) is taken
     * over the devices at the tile's age, so PCM drift lowers it; at 1 yr the ratio to age 0 is the
     * conductance-weighted mean drift factor (about 0.5 for high-conductance devices, less for low ones).
     */
    @Test
    void readEnergyFollowsTheAgedConductances() {
        int rows = 32, cols = 16, samples = 5;
        float[] w = uniform(rows * cols, -1, 1, 13);
        float[] x = uniform(samples * rows, -1, 1, 14);
        CrossbarSpec young = CrossbarSpec.ideal().withAging(new AgingSpec(PcmAging.published(), 0));
        CrossbarSpec old = young.withAging(young.aging().atAge(YEAR));
        double[] energy = new double[2];
        double[] formula = new double[2];
        CrossbarSpec[] specs = {young, old};
        for (int a = 0; a < 2; a++) {
            DevicePair d = devices(specs[a], w, rows, cols);
            double sum = 0;
            for (int s = 0; s < samples; s++) {
                for (int i = 0; i < rows; i++) {
                    double v = x[s * rows + i] * specs[a].readVoltageVolts();
                    double g = 0;
                    for (int j = 0; j < cols; j++) {
                        g += d.positive()[i * cols + j] + d.negative()[i * cols + j];
                    }
                    sum += v * v * g;
                }
            }
            formula[a] = specs[a].cost().integrationTimeSeconds() * sum;
            try (PhysicalTile t = new CrossbarPlatform(specs[a]).program(w, rows, cols, ADDRESS)) {
                energy[a] = t.forward(ReadRequest.of(x, samples, 1f)).energyJoules();
            }
            assertEquals(formula[a], energy[a], 1e-5 * formula[a], "age " + specs[a].aging().seconds());
        }
        double ratio = energy[1] / energy[0];
        assertTrue(ratio > 0.4 && ratio < 0.55, "1 yr / age 0 read energy " + ratio);
    }

    private static double qs(double gr) {
        return Math.min(0.0088 / Math.max(Math.pow(gr, 0.65), 1e-3), 0.2);
    }
}
