package org.pfmsim.crossbar;

import org.pfmsim.crossbar.wires.FirstOrderIrDrop;
import org.pfmsim.crossbar.wires.NodalCrossbarSolver;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.TileAddress;

/** Nanoelectronic crossbar arrays: weights as differential conductance pairs, Kirchhoff summation. */
public record CrossbarPlatform(CrossbarSpec spec) implements Platform {
    @Override
    public String kind() {
        return "crossbar";
    }

    @Override
    public PhysicalTile program(float[] weights, int rows, int cols, TileAddress address) {
        DevicePair devices = CrossbarProgrammer.conductances(spec, weights, rows, cols, address);
        return new CrossbarTile(spec, rows, cols, effectiveDifference(devices, rows, cols), devices, address);
    }

    /** G+ - G- as the column lines see them, wires included (the network is linear, so this is exact per model). */
    float[] effectiveDifference(DevicePair d, int rows, int cols) {
        float[] gp = d.positive();
        float[] gn = d.negative();
        double r = spec.wires().segmentResistanceOhms();
        CrossbarSpec.WireSpec.Model model = r > 0 ? spec.wires().model() : CrossbarSpec.WireSpec.Model.NONE;
        float[] diff;
        switch (model) {
            case NONE -> {
                diff = new float[gp.length];
                for (int k = 0; k < diff.length; k++) {
                    diff[k] = gp[k] - gn[k];
                }
            }
            case FIRST_ORDER -> diff = FirstOrderIrDrop.effectiveDifference(gp, gn, rows, cols, r);
            case NODAL -> {
                diff = new float[gp.length];
                double[] ep = NodalCrossbarSolver.effectiveConductance(gp, rows, cols, r);
                double[] en = NodalCrossbarSolver.effectiveConductance(gn, rows, cols, r);
                for (int k = 0; k < diff.length; k++) {
                    diff[k] = (float) (ep[k] - en[k]);
                }
            }
            default -> throw new IllegalStateException("unknown wire model " + model);
        }
        return diff;
    }

    @Override
    public double fixedInputRange() {
        return spec.dac().calibrated() ? 0 : spec.dac().fixedRange();
    }

    @Override
    public double partialSumAddEnergyJoules() {
        return spec.cost().digitalAddEnergyJoules();
    }
}
