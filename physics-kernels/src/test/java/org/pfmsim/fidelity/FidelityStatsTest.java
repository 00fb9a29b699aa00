package org.pfmsim.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fidelity measures on vectors whose values are worked out by hand, and exact merging. */
class FidelityStatsTest {
    /**
     * r = (3, 4, 0, 0), t = (3, 4, 1, -2)... simpler: r = (3, 4), t = (4, 2).
     * ||r||^2 = 25, ||t||^2 = 20, r.t = 12 + 8 = 20, e = (1, -2), ||e||^2 = 5.
     * rel = sqrt(5/25) = 1/sqrt5; cos = 20 / (5 sqrt20) = 2/sqrt5; SNR = 10 log10(5) dB; max |e| = 2.
     */
    @Test
    void measuresMatchHandComputedValues() {
        FidelityStats s = new FidelityStats().add(new float[] {3, 4}, new float[] {4, 2});
        assertEquals(2, s.count());
        assertEquals(1 / Math.sqrt(5), s.relativeL2Error(), 1e-15);
        assertEquals(2 / Math.sqrt(5), s.cosineSimilarity(), 1e-15);
        assertEquals(10 * Math.log10(5), s.snrDb(), 1e-12);
        assertEquals(6.989700043360188, s.snrDb(), 1e-12);
        assertEquals(2.0, s.maxAbsError(), 0);
    }

    /** r = (1, 0, -1, 2), t = (1, 1, -1, 2): e = (0, 1, 0, 0); ||r||^2 = 6, ||t||^2 = 7, r.t = 6. */
    @Test
    void measuresMatchHandComputedValuesWithSignsAndZeros() {
        FidelityStats s = new FidelityStats().add(new float[] {1, 0, -1, 2}, new float[] {1, 1, -1, 2});
        assertEquals(Math.sqrt(1.0 / 6), s.relativeL2Error(), 1e-15);
        assertEquals(6 / Math.sqrt(42), s.cosineSimilarity(), 1e-15);
        assertEquals(10 * Math.log10(6), s.snrDb(), 1e-12);
        assertEquals(1.0, s.maxAbsError(), 0);
        // An anti-parallel test vector: cosine -1, rel = 2.
        FidelityStats a = new FidelityStats().add(new float[] {1, -2}, new float[] {-1, 2});
        assertEquals(-1.0, a.cosineSimilarity(), 1e-15);
        assertEquals(2.0, a.relativeL2Error(), 1e-15);
        assertEquals(4.0, a.maxAbsError(), 0);
    }

    @Test
    void zeroErrorGivesInfiniteSnrAndZeroRelativeError() {
        float[] r = {0.5f, -1.25f, 3f};
        FidelityStats s = new FidelityStats().add(r, r.clone());
        assertEquals(Double.POSITIVE_INFINITY, s.snrDb());
        assertEquals(0.0, s.relativeL2Error(), 0);
        assertEquals(1.0, s.cosineSimilarity(), 1e-15);
        assertEquals(0.0, s.maxAbsError(), 0);
        FidelityStats zeros = new FidelityStats().add(new float[3], new float[3]);
        assertEquals(Double.POSITIVE_INFINITY, zeros.snrDb());
        assertEquals(0.0, zeros.relativeL2Error(), 0);
    }

    /** Merging the statistics of two halves equals the statistics of the whole; so does add(offset, length). */
    @Test
    void mergingTwoHalvesEqualsComputingOnTheWhole() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 1001;
        float[] r = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = (float) rnd.nextGaussian();
            t[i] = r[i] + (float) (0.1 * rnd.nextGaussian());
        }
        t[777] += 5f; // the max is in the second half
        FidelityStats whole = new FidelityStats().add(r, t);
        FidelityStats first = new FidelityStats().add(r, t, 0, 400);
        FidelityStats second = new FidelityStats().add(r, t, 400, n - 400);
        FidelityStats merged = new FidelityStats().merge(first).merge(second);
        for (FidelityStats m : new FidelityStats[] {merged, first.merge(second)}) {
            assertEquals(whole.count(), m.count());
            assertEquals(whole.relativeL2Error(), m.relativeL2Error(), 1e-12 * whole.relativeL2Error());
            assertEquals(whole.cosineSimilarity(), m.cosineSimilarity(), 1e-12);
            assertEquals(whole.snrDb(), m.snrDb(), 1e-10);
            assertEquals(whole.maxAbsError(), m.maxAbsError(), 0);
        }
        // An independent double-loop computation of the whole.
        double rr = 0, tt = 0, rt = 0, ee = 0, max = 0;
        for (int i = 0; i < n; i++) {
            double e = (double) t[i] - r[i];
            rr += (double) r[i] * r[i];
            tt += (double) t[i] * t[i];
            rt += (double) r[i] * t[i];
            ee += e * e;
            max = Math.max(max, Math.abs(e));
        }
        assertEquals(Math.sqrt(ee / rr), whole.relativeL2Error(), 1e-12);
        assertEquals(rt / Math.sqrt(rr * tt), whole.cosineSimilarity(), 1e-12);
        assertEquals(10 * Math.log10(rr / ee), whole.snrDb(), 1e-10);
        assertEquals(max, whole.maxAbsError(), 0);
        // Accumulating the halves into one object in sequence gives the same too.
        FidelityStats sequential = new FidelityStats().add(r, t, 0, 400).add(r, t, 400, n - 400);
        assertEquals(whole.relativeL2Error(), sequential.relativeL2Error(), 1e-12);
        assertEquals(whole.maxAbsError(), sequential.maxAbsError(), 0);
    }
}
