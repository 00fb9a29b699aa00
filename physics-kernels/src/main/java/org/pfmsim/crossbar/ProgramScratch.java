package org.pfmsim.crossbar;

/**
 * Per-thread working arrays of {@link CrossbarPlatform#program}: the device pair and the row totals (the
 * effective difference goes into the tile's own pooled {@link org.pfmsim.kernel.TileMatrix}). A 512 x 512
 * tile would otherwise allocate 2 MB of short-lived arrays; reused, they stay warm in cache. Contents are undefined between uses and
 * nothing outlives one call of program.
 */
final class ProgramScratch {
    private static final ThreadLocal<ProgramScratch> LOCAL = ThreadLocal.withInitial(ProgramScratch::new);

    float[] positive = new float[0];
    float[] negative = new float[0];
    double[] rowTotals = new double[0];

    private ProgramScratch() {
    }

    /** This thread's scratch, grown to hold a rows x cols tile. */
    static ProgramScratch of(int rows, int cols) {
        ProgramScratch s = LOCAL.get();
        int n = rows * cols;
        if (s.positive.length < n) {
            s.positive = new float[n];
            s.negative = new float[n];
        }
        if (s.rowTotals.length < rows) {
            s.rowTotals = new double[rows];
        }
        return s;
    }
}
