package org.pfmsim.compensation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * The tunable corrections remove exactly the errors their form can represent, fitted from noisy probe reads
 * only, and judged on evaluation inputs the fit never saw (non-negative, as post-ReLU activations are).
 */
class CompensationTest {
    private static final int ROWS = 64;
    private static final int COLS = 32;
    private static final double NOISE = 0.02;

    /** Post-ReLU-like evaluation inputs: |N(0,1)|, drawn from the INPUTS stream (probes use PROBES). */
    private static float[] evaluationInputs(int samples) {
        CounterRng rng = CounterRng.stream(99, Purpose.INPUTS, 0, 0, 0);
        float[] x = new float[samples * ROWS];
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.abs(rng.normal(k));
        }
        return x;
    }

    private static FakeDevice device() {
        return new FakeDevice(FakeDevice.gaussian(7, ROWS * COLS, 1 / Math.sqrt(ROWS)), ROWS, COLS, NOISE, 11);
    }

    private static ColumnStats probe(FakeDevice d, ProbeKind kind, int probes) {
        float[] x = Probes.inputs(kind, 0, probes, ROWS, 5, 0);
        return new ColumnStats(COLS).add(d.read(x, probes), d.model(x, probes), Probes.inputSums(x, probes, ROWS), probes);
    }

    /** Relative error of the device's reads on evaluation inputs after {@code correction} (null: raw). */
    private static double evaluate(FakeDevice d, ColumnCorrection correction) {
        int samples = 256;
        float[] x = evaluationInputs(samples);
        float[] y = d.read(x, samples);
        if (correction != null) {
            correction.apply(y, Probes.inputSums(x, samples, ROWS), samples);
        }
        return FakeDevice.relativeError(y, d.model(x, samples));
    }

    private static float[] spread(long seed, int n, double center, double halfWidth) {
        CounterRng rng = CounterRng.stream(seed, Purpose.VARIABILITY, 0, 0, 0);
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) (center + halfWidth * (2 * rng.uniform(k) - 1));
        }
        return v;
    }

    @Test
    void columnGainRemovesAnInjectedPerColumnGainDownToTheReadNoiseFloor() {
        double floor = evaluate(device(), null); // the same noise, no injected error
        FakeDevice d = device().columnGains(spread(1, COLS, 1.0, 0.3));
        double raw = evaluate(d, null);
        double corrected = evaluate(d, ColumnCorrection.fit(CorrectionKind.COLUMN_GAIN, probe(d, ProbeKind.RANDOM, 128)));
        double global = evaluate(d, ColumnCorrection.fit(CorrectionKind.GLOBAL_GAIN, probe(d, ProbeKind.RANDOM, 128)));
        assertTrue(raw > 5 * floor, "the injected gains dominate: raw " + raw + ", floor " + floor);
        assertTrue(corrected < 1.2 * floor, "column gain reaches the floor: " + corrected + " vs " + floor);
        assertTrue(global > 3 * floor, "one gain per tile cannot fix per-column gains: " + global);
    }

    @Test
    void columnAffineRemovesAnAdditiveShiftThatAGainCannot() {
        double floor = evaluate(device(), null);
        FakeDevice d = device().columnShifts(spread(2, COLS, 0.02, 0.02));
        ColumnStats stats = probe(d, ProbeKind.RANDOM, 1024); // three coefficients: enough probes to average noise
        double raw = evaluate(d, null);
        double gain = evaluate(d, ColumnCorrection.fit(CorrectionKind.COLUMN_GAIN, stats));
        double affine = evaluate(d, ColumnCorrection.fit(CorrectionKind.COLUMN_AFFINE, stats));
        assertTrue(raw > 5 * floor, "raw " + raw + ", floor " + floor);
        assertTrue(gain > 3 * floor, "a gain cannot model delta sum x: " + gain + " vs floor " + floor);
        assertTrue(affine < 1.2 * floor, "the input-sum term removes it: " + affine + " vs " + floor);
    }

    @Test
    void oneHotProbesCannotSeparateTheInputSumTermSoTheAffineFitFallsBackToGainAndOffset() {
        FakeDevice d = device().columnShifts(spread(2, COLS, 0.02, 0.02));
        ColumnCorrection c = ColumnCorrection.fit(CorrectionKind.COLUMN_AFFINE, probe(d, ProbeKind.ONE_HOT, ROWS));
        assertEquals(COLS, c.undetermined(), "every one-hot input sum is 1");
        for (float term : c.inputSumTerm()) {
            assertEquals(0f, term);
        }
    }

    @Test
    void aDeadColumnKeepsTheIdentity() {
        FakeDevice d = device();
        float[] x = Probes.inputs(ProbeKind.RANDOM, 0, 16, ROWS, 5, 0);
        float[] zero = new float[16 * COLS];
        ColumnCorrection c = ColumnCorrection.fit(CorrectionKind.COLUMN_GAIN,
                new ColumnStats(COLS).add(zero, d.model(x, 16), Probes.inputSums(x, 16, ROWS), 16));
        assertEquals(COLS, c.undetermined());
        assertEquals(1f, c.gain()[0]);
    }

    private static float[] factor(long seed, int n, int rank, double sigma) {
        return FakeDevice.gaussian(seed, n * rank, sigma);
    }

    private static double lowRankError(FakeDevice d, ProbeKind kind, int probes, int rank) {
        float[] x = Probes.inputs(kind, 0, probes, ROWS, 5, 0);
        LowRankStats stats = new LowRankStats(ROWS, COLS).add(x, d.read(x, probes), d.model(x, probes), probes);
        LowRankCorrection c = LowRankCorrection.fit(stats, rank);
        int samples = 256;
        float[] e = evaluationInputs(samples);
        float[] y = d.read(e, samples);
        c.apply(e, y, samples);
        return FakeDevice.relativeError(y, d.model(e, samples));
    }

    @Test
    void lowRankRemovesARankRPerturbationWithRankRAndNotWithLess() {
        double floor = evaluate(device(), null);
        FakeDevice d = device().lowRank(factor(3, ROWS, 2, 0.05), factor(4, COLS, 2, 1.0), 2);
        double raw = evaluate(d, null);
        double rank2 = lowRankError(d, ProbeKind.HADAMARD, ROWS, 2);
        double rank1 = lowRankError(d, ProbeKind.HADAMARD, ROWS, 1);
        assertTrue(raw > 5 * floor, "raw " + raw + ", floor " + floor);
        assertTrue(rank2 < 1.2 * floor, "rank 2 removes a rank-2 error: " + rank2 + " vs " + floor);
        assertTrue(rank1 > 2 * floor, "rank 1 cannot: " + rank1 + " vs " + floor);
    }

    @Test
    void lowRankErrorFallsAsProbesGrow() {
        FakeDevice d = device().lowRank(factor(3, ROWS, 2, 0.05), factor(4, COLS, 2, 1.0), 2);
        double previous = Double.POSITIVE_INFINITY;
        for (int probes : new int[] {8, 16, 32, 64, 128}) {
            double error = lowRankError(d, ProbeKind.RANDOM, probes, 2);
            assertTrue(error < previous, probes + " probes: " + error + " not below " + previous);
            previous = error;
        }
    }

    @Test
    void lowRankFitsAreRefusedWithoutEnoughProbesOrAboveTheLayersRank() {
        FakeDevice d = device();
        float[] x = Probes.inputs(ProbeKind.RANDOM, 0, 4, ROWS, 5, 0);
        LowRankStats stats = new LowRankStats(ROWS, COLS).add(x, d.read(x, 4), d.model(x, 4), 4);
        assertEquals("a rank-4 fit needs more than 4 probes, got 4",
                assertThrows(IllegalArgumentException.class, () -> LowRankCorrection.fit(stats, 4)).getMessage());
        assertEquals("rank 33 outside 1..32",
                assertThrows(IllegalArgumentException.class, () -> LowRankCorrection.fit(stats, 33)).getMessage());
    }

    @Test
    void hadamardProbesAreOrthogonalAtAPowerOfTwoWidth() {
        float[] x = Probes.inputs(ProbeKind.HADAMARD, 0, ROWS, ROWS, 0, 0);
        for (int a = 0; a < ROWS; a++) {
            for (int b = 0; b < ROWS; b++) {
                double dot = 0;
                for (int i = 0; i < ROWS; i++) {
                    dot += x[a * ROWS + i] * x[b * ROWS + i];
                }
                assertEquals(a == b ? ROWS : 0, dot, 0, a + "," + b);
            }
        }
        assertEquals(64, Probes.distinct(ProbeKind.HADAMARD, 64));
        assertEquals(128, Probes.distinct(ProbeKind.HADAMARD, 65));
    }

    @Test
    void probesAreTheSameWhateverBatchTheyAreDrawnIn() {
        float[] all = Probes.inputs(ProbeKind.RANDOM, 0, 10, ROWS, 5, 3);
        float[] tail = Probes.inputs(ProbeKind.RANDOM, 4, 6, ROWS, 5, 3);
        float[] expected = java.util.Arrays.copyOfRange(all, 4 * ROWS, 10 * ROWS);
        assertArrayEquals(expected, tail);
        for (float v : all) {
            assertTrue(v == 1f || v == -1f);
        }
    }

    @Test
    void verificationFindsEveryDeadTileWithNoFalseAlarm() {
        int tiles = 48;
        int[] dead = {3, 17, 40};
        double[] departures = new double[tiles];
        double[] floors = new double[tiles];
        for (int t = 0; t < tiles; t++) {
            // Each tile: its own weights, a 3 % proportional fabrication error and read noise.
            float[] w = FakeDevice.gaussian(100 + t, ROWS * COLS, 1 / Math.sqrt(ROWS));
            FakeDevice d = new FakeDevice(w, ROWS, COLS, NOISE, 200 + t).columnGains(spread(300 + t, COLS, 1.0, 0.05));
            for (int k : dead) {
                d.dead |= k == t;
            }
            float[] x = Probes.inputs(ProbeKind.RANDOM, 0, 16, ROWS, 5, 0);
            float[] model = d.model(x, 16);
            float[] first = d.read(x, 16);
            departures[t] = Verification.departure(first, model);
            floors[t] = Verification.readNoiseFloor(first, d.read(x, 16), model);
        }
        boolean[] flagged = Verification.flag(departures, floors, Verification.DEFAULT_THRESHOLD_SIGMAS);
        for (int t = 0; t < tiles; t++) {
            boolean isDead = t == 3 || t == 17 || t == 40;
            assertEquals(isDead, flagged[t], "tile " + t + " departure " + departures[t]);
        }
    }
}
