package org.pfmsim.crossbar;

import org.pfmsim.crossbar.wires.FirstOrderIrDrop;
import org.pfmsim.crossbar.wires.NodalCrossbarSolver;
import org.pfmsim.kernel.TileMatrix;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.TileAddress;

/** Nanoelectronic crossbar arrays: weights as differential conductance pairs, Kirchhoff summation. */
public record CrossbarPlatform(CrossbarSpec spec) implements Platform {
    /** The config name, {@code platform.kind = crossbar}. */
    public static final String KIND = "crossbar";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public PhysicalTile program(float[] weights, int rows, int cols, TileAddress address) {
        ProgramScratch s = ProgramScratch.of(rows, cols);
        // Aged devices carry a per-device read variance; unaged ones keep the state-independent read noise only.
        TileMatrix readVariance = spec.aging().model().changesDevices() ? TileMatrix.blank(rows, cols) : null;
        DevicePair devices = CrossbarProgrammer.conductances(spec, weights, rows, cols, address, s.positive,
                s.negative, readVariance == null ? null : readVariance.values(), org.pfmsim.kernel.Simd.ENABLED);
        TileMatrix difference = TileMatrix.blank(rows, cols);
        effectiveDifference(devices, rows, cols, difference.values(), s.rowTotals);
        return new CrossbarTile(spec, rows, cols, difference, s.rowTotals, devices, address, readVariance);
    }

    /**
     * G+ - G- as the column lines see them, wires included (the network is linear, so this is exact per
     * model), into {@code diff}; and each row's device total sum_j (G+ + G-) into {@code rowTotals}.
     */
    void effectiveDifference(DevicePair d, int rows, int cols, float[] diff, double[] rowTotals) {
        float[] gp = d.positive();
        float[] gn = d.negative();
        int n = rows * cols;
        double r = spec.wires().segmentResistanceOhms();
        CrossbarSpec.WireSpec.Model model = r > 0 ? spec.wires().model() : CrossbarSpec.WireSpec.Model.NONE;
        switch (model) {
            case NONE -> {
                for (int k = 0; k < n; k++) {
                    diff[k] = gp[k] - gn[k];
                }
                rowTotals(gp, gn, rows, cols, rowTotals);
            }
            case FIRST_ORDER -> FirstOrderIrDrop.effectiveDifference(gp, gn, rows, cols, r, diff, rowTotals);
            case NODAL -> {
                double[] ep = NodalCrossbarSolver.effectiveConductance(trim(gp, n), rows, cols, r);
                double[] en = NodalCrossbarSolver.effectiveConductance(trim(gn, n), rows, cols, r);
                for (int k = 0; k < n; k++) {
                    diff[k] = (float) (ep[k] - en[k]);
                }
                rowTotals(gp, gn, rows, cols, rowTotals);
            }
            default -> throw new IllegalStateException("unknown wire model " + model);
        }
    }

    private static float[] trim(float[] g, int n) {
        return g.length == n ? g : java.util.Arrays.copyOf(g, n);
    }

    /** Four partial sums per row: a single running sum would serialize on its own additions. */
    private static void rowTotals(float[] gp, float[] gn, int rows, int cols, double[] out) {
        for (int i = 0; i < rows; i++) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int j = i * cols;
            int end = j + cols;
            for (; j + 1 < end; j += 2) {
                s0 += gp[j];
                s1 += gn[j];
                s2 += gp[j + 1];
                s3 += gn[j + 1];
            }
            if (j < end) {
                s0 += gp[j];
                s1 += gn[j];
            }
            out[i] = (s0 + s2) + (s1 + s3);
        }
    }

    @Override
    public double fixedInputRange() {
        return spec.dac().calibrated() ? 0 : spec.dac().fixedRange();
    }

    @Override
    public double partialSumAddEnergyJoules() {
        return spec.cost().digitalAddEnergyJoules();
    }

    @Override
    public double ageSeconds() {
        return spec.aging().seconds();
    }

    @Override
    public Platform atAge(double seconds) {
        return new CrossbarPlatform(spec.withAging(spec.aging().atAge(seconds)));
    }
}
