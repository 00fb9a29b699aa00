package org.pfmsim.compensation;

import java.io.Serializable;

/**
 * A per-column affine correction of one tile's reads, y_j <- g_j y_j + b_j + c_j sum_i x_i, fitted by least
 * squares to the digital model's answers on probe reads (a gain-only kind fixes b = c = 0; a global gain
 * shares one g across the tile's columns). Applied digitally after the tile's converters, in the periphery:
 * its cost is counted as digital MACs.
 *
 * <p>Least squares per column: minimize sum_p (d_pj - g m_pj - b - c s_p)^2 over the probes, with m the
 * measured read, d the model's answer, s the probe's input sum. Gain only: g = sum m d / sum m^2. Global gain:
 * the same sums over every column of the tile. Affine: the 3 x 3 normal equations, solved by Gaussian
 * elimination with partial pivoting in double. A column whose probes leave a coefficient undetermined (a
 * dead column: sum m^2 = 0; one-hot probes for the input-sum term: s constant) keeps the identity for that
 * coefficient, since no measurement can say otherwise; {@link #undetermined()} counts them.
 *
 * @param kind          which family the coefficients come from
 * @param gain          g_j per column
 * @param offset        b_j per column (0 unless affine)
 * @param inputSumTerm  c_j per column (0 unless affine)
 * @param undetermined  columns whose fit fell back to the identity for some coefficient
 */
public record ColumnCorrection(CorrectionKind kind, float[] gain, float[] offset, float[] inputSumTerm,
                               int undetermined) implements Serializable {

    /** Relative size below which a pivot counts as zero (the normal equations are then singular). */
    private static final double SINGULAR = 1e-12;

    /**
     * aihwkit's drift compensation (DRIFT_GLOBAL_GAIN or DRIFT_COLUMN_GAIN): alpha = mean |baseline| / mean |now|
     * over the probes (and over the columns for the global kind), from two reads of the same probes through the
     * same device at two ages (aihwkit's readout: mean |out|, src/aihwkit/inference/compensation/drift.py). A
     * column that reads 0 now keeps alpha = 1 (aihwkit clamps the readout at 1e-4 instead).
     */
    public static ColumnCorrection driftGain(CorrectionKind kind, float[] baseline, float[] now, int samples, int cols) {
        boolean global = kind == CorrectionKind.DRIFT_GLOBAL_GAIN;
        if (!global && kind != CorrectionKind.DRIFT_COLUMN_GAIN) {
            throw new IllegalArgumentException(kind + " is not a drift gain");
        }
        double[] ref = new double[cols];
        double[] cur = new double[cols];
        for (int p = 0; p < samples; p++) {
            for (int j = 0; j < cols; j++) {
                ref[j] += Math.abs(baseline[p * cols + j]);
                cur[j] += Math.abs(now[p * cols + j]);
            }
        }
        float[] g = new float[cols];
        int undetermined = 0;
        double refAll = 0;
        double curAll = 0;
        for (int j = 0; j < cols; j++) {
            refAll += ref[j];
            curAll += cur[j];
        }
        for (int j = 0; j < cols; j++) {
            double r = global ? refAll : ref[j];
            double c = global ? curAll : cur[j];
            if (c > 0) {
                g[j] = (float) (r / c);
            } else {
                g[j] = 1f;
                undetermined++;
            }
        }
        return new ColumnCorrection(kind, g, new float[cols], new float[cols], undetermined);
    }

    /** Fits {@code kind} (global gain, column gain or column affine) to a tile's probe statistics. */
    public static ColumnCorrection fit(CorrectionKind kind, ColumnStats stats) {
        int cols = stats.cols();
        float[] g = new float[cols];
        float[] b = new float[cols];
        float[] c = new float[cols];
        java.util.Arrays.fill(g, 1f);
        int undetermined = 0;
        switch (kind) {
            case GLOBAL_GAIN -> {
                double md = 0;
                double mm = 0;
                for (int j = 0; j < cols; j++) {
                    md += stats.get(j, ColumnStats.MD);
                    mm += stats.get(j, ColumnStats.MM);
                }
                if (mm > 0) {
                    java.util.Arrays.fill(g, (float) (md / mm));
                } else {
                    undetermined = cols;
                }
            }
            case COLUMN_GAIN -> {
                for (int j = 0; j < cols; j++) {
                    double mm = stats.get(j, ColumnStats.MM);
                    if (mm > 0) {
                        g[j] = (float) (stats.get(j, ColumnStats.MD) / mm);
                    } else {
                        undetermined++;
                    }
                }
            }
            case COLUMN_AFFINE -> {
                double n = stats.probes();
                for (int j = 0; j < cols; j++) {
                    double[][] a = {
                        {stats.get(j, ColumnStats.MM), stats.get(j, ColumnStats.M), stats.get(j, ColumnStats.MS)},
                        {stats.get(j, ColumnStats.M), n, stats.get(j, ColumnStats.S)},
                        {stats.get(j, ColumnStats.MS), stats.get(j, ColumnStats.S), stats.get(j, ColumnStats.SS)}};
                    double[] rhs = {stats.get(j, ColumnStats.MD), stats.get(j, ColumnStats.D),
                        stats.get(j, ColumnStats.SD)};
                    double[] x = solve(a, rhs);
                    if (x == null) {
                        undetermined++;
                        x = reducedFit(stats, j, n);
                    }
                    g[j] = (float) x[0];
                    b[j] = (float) x[1];
                    c[j] = (float) x[2];
                }
            }
            default -> throw new IllegalArgumentException(kind + " is not a per-column correction");
        }
        return new ColumnCorrection(kind, g, b, c, undetermined);
    }

    /**
     * The affine fit without the input-sum term (c = 0) when the full system is singular (constant input
     * sums); gain only when that is singular too (a dead column keeps the identity).
     */
    private static double[] reducedFit(ColumnStats stats, int j, double n) {
        double[][] a = {{stats.get(j, ColumnStats.MM), stats.get(j, ColumnStats.M)},
            {stats.get(j, ColumnStats.M), n}};
        double[] x = solve(a, new double[] {stats.get(j, ColumnStats.MD), stats.get(j, ColumnStats.D)});
        if (x != null) {
            return new double[] {x[0], x[1], 0};
        }
        double mm = stats.get(j, ColumnStats.MM);
        return new double[] {mm > 0 ? stats.get(j, ColumnStats.MD) / mm : 1, 0, 0};
    }

    /** Gaussian elimination with partial pivoting; null when a pivot is below SINGULAR x the matrix's scale. */
    static double[] solve(double[][] a, double[] rhs) {
        int n = rhs.length;
        double[][] m = new double[n][];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = rhs[i];
            for (int k = 0; k < n; k++) {
                scale = Math.max(scale, Math.abs(a[i][k]));
            }
        }
        if (!(scale > 0)) {
            return null;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][col]) <= SINGULAR * scale) {
                return null;
            }
            double[] t = m[pivot];
            m[pivot] = m[col];
            m[col] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[r][k] -= f * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = m[r][n];
            for (int k = r + 1; k < n; k++) {
                v -= m[r][k] * x[k];
            }
            x[r] = v / m[r][r];
        }
        return x;
    }

    /**
     * Corrects {@code samples} reads of this tile in place.
     *
     * @param outputs    samples x cols, the reads (model units)
     * @param inputSums  the input sum of each sample over this tile's rows (read by the affine kind only; may be
     *                   null for the others)
     */
    public void apply(float[] outputs, double[] inputSums, int samples) {
        int cols = gain.length;
        boolean affine = kind == CorrectionKind.COLUMN_AFFINE;
        for (int s = 0; s < samples; s++) {
            float sum = affine ? (float) inputSums[s] : 0f;
            int base = s * cols;
            for (int j = 0; j < cols; j++) {
                float y = gain[j] * outputs[base + j];
                outputs[base + j] = affine ? y + offset[j] + inputSumTerm[j] * sum : y;
            }
        }
    }

    /** Tunable (digital) parameters this correction stores. */
    public long tunableParameters() {
        return switch (kind) {
            case GLOBAL_GAIN, DRIFT_GLOBAL_GAIN -> 1;
            case COLUMN_GAIN -> gain.length;
            default -> 3L * gain.length;
        };
    }

    /**
     * Digital multiply-accumulates per corrected sample: one per column for a gain, two per column plus the
     * input sum over the tile's {@code rows} for the affine map (the offset is an addition).
     */
    public long digitalMacsPerSample(int rows) {
        return kind == CorrectionKind.COLUMN_AFFINE ? 2L * gain.length + rows : gain.length;
    }
}
