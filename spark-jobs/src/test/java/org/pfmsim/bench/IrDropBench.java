package org.pfmsim.bench;

import java.util.Locale;
import org.pfmsim.crossbar.wires.FirstOrderIrDrop;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * The first-order IR-drop sweep of one 512 x 512 differential tile (g uniform in [1e-6, 1e-4] S, r = 1 ohm)
 * on one thread, beside two references measured in the same run: the sweep before its rewrite
 * ({@link PreviousFirstOrderIrDrop}) and a memory floor, System.arraycopy of both 1 MB arrays (one read and
 * one write of the tile; the sweep reads it twice and writes 1 MB). Two rounds, so drift on a shared
 * machine shows. Run by scripts/bench irdrop.
 */
public final class IrDropBench {
    static final int N = 512;
    static final double G_MIN = 1e-6;
    static final double G_MAX = 1e-4;
    static final double R_OHMS = 1;

    public static void main(String[] args) {
        int pairs = N * N;
        float[] gp = uniform(0, pairs);
        float[] gn = uniform(1, pairs);
        float[] out = new float[pairs];
        float[] previousOut = new float[pairs];
        double[] rowTotals = new double[N];
        double[] previousTotals = new double[N];
        float[] copyP = new float[pairs];
        float[] copyN = new float[pairs];
        PreviousFirstOrderIrDrop previous = new PreviousFirstOrderIrDrop(N);

        FirstOrderIrDrop.effectiveDifference(gp, gn, N, N, R_OHMS, out, rowTotals);
        previous.effectiveDifference(gp, gn, N, (float) R_OHMS, previousOut, previousTotals);
        System.out.println("# first-order IR drop, 512x512 tile, g uniform in [1e-6, 1e-4] S, r = 1 ohm, wire load "
                + "eps = r gMax n^2 = " + R_OHMS * G_MAX * N * N + "; one thread, CPU time of the thread");
        System.out.printf(Locale.ROOT, "new vs previous: relative Frobenius difference of Geff+ - Geff- %.2e, "
                + "largest relative row-total difference %.2e%n", relativeDifference(out, previousOut),
                relativeDifference(rowTotals, previousTotals));
        for (int round = 1; round <= 2; round++) {
            double sweep = Timer.median(() -> FirstOrderIrDrop.effectiveDifference(gp, gn, N, N, R_OHMS, out,
                    rowTotals), 2, 7, 0.25);
            double before = Timer.median(() -> previous.effectiveDifference(gp, gn, N, (float) R_OHMS, previousOut,
                    previousTotals), 2, 7, 0.25);
            double copy = Timer.median(() -> {
                System.arraycopy(gp, 0, copyP, 0, pairs);
                System.arraycopy(gn, 0, copyN, 0, pairs);
            }, 2, 7, 0.25);
            System.out.printf(Locale.ROOT, "round %d: sweep %7.1f us = %5.2f ns/pair | previous sweep %7.1f us = "
                    + "%5.2f ns/pair (%.2fx) | arraycopy 2 x 1 MB %6.1f us = %5.2f ns/pair (sweep = %.1f copies)%n",
                    round, sweep * 1e6, sweep * 1e9 / pairs, before * 1e6, before * 1e9 / pairs, before / sweep,
                    copy * 1e6, copy * 1e9 / pairs, sweep / copy);
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

    private static double relativeDifference(float[] a, float[] b) {
        double diff = 0;
        double norm = 0;
        for (int k = 0; k < a.length; k++) {
            diff += ((double) a[k] - b[k]) * ((double) a[k] - b[k]);
            norm += (double) b[k] * b[k];
        }
        return Math.sqrt(diff / norm);
    }

    private static double relativeDifference(double[] a, double[] b) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.abs(b[k]));
        }
        return worst;
    }
}
