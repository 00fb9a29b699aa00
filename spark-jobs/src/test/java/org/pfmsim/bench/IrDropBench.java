package org.pfmsim.bench;

import java.util.Locale;
import org.pfmsim.crossbar.wires.FirstOrderIrDrop;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * The first-order IR-drop sweep of one 512 x 512 differential tile (g uniform in [0.5, 20] uS, r = 0.05 ohm:
 * the defaults, wire load 0.26) on one thread, beside a memory floor measured in the same run:
 * System.arraycopy of both 1 MB arrays (one read and one write of the tile; the sweep reads it twice and
 * writes 1 MB). Two rounds, so drift on a shared machine shows. Run by scripts/bench irdrop.
 */
public final class IrDropBench {
    static final int N = 512;
    static final double G_MIN = 0.5e-6;
    static final double G_MAX = 20e-6;
    static final double R_OHMS = 0.05;

    public static void main(String[] args) {
        int pairs = N * N;
        float[] gp = uniform(0, pairs);
        float[] gn = uniform(1, pairs);
        float[] out = new float[pairs];
        double[] rowTotals = new double[N];
        float[] copyP = new float[pairs];
        float[] copyN = new float[pairs];
        System.out.println("# first-order IR drop, 512x512 tile, g uniform in [0.5, 20] uS, r = 0.05 ohm, wire load "
                + "eps = r gMax n^2 = " + R_OHMS * G_MAX * N * N + "; one thread, CPU time of the thread");
        for (int round = 1; round <= 2; round++) {
            double sweep = Timer.median(() -> FirstOrderIrDrop.effectiveDifference(gp, gn, N, N, R_OHMS, out,
                    rowTotals), 2, 7, 0.25);
            double copy = Timer.median(() -> {
                System.arraycopy(gp, 0, copyP, 0, pairs);
                System.arraycopy(gn, 0, copyN, 0, pairs);
            }, 2, 7, 0.25);
            System.out.printf(Locale.ROOT, "round %d: sweep %7.1f us = %5.2f ns/pair | arraycopy 2 x 1 MB %6.1f us = "
                    + "%5.2f ns/pair (sweep = %.1f copies)%n", round, sweep * 1e6, sweep * 1e9 / pairs, copy * 1e6,
                    copy * 1e9 / pairs, sweep / copy);
        }
    }

    private static float[] uniform(long tileCol, int n) {
        CounterRng rng = CounterRng.stream(7, Purpose.SYNTHETIC_TENSORS, 0, 0, tileCol);
        float[] g = new float[n];
        for (int k = 0; k < n; k++) {
            g[k] = (float) (G_MIN + (G_MAX - G_MIN) * rng.uniform(k));
        }
        return g;
    }
}
