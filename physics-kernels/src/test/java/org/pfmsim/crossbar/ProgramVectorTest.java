package org.pfmsim.crossbar;

import org.pfmsim.converters.DacSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.pfmsim.platform.TileAddress;

/**
 * The SIMD programming loops ({@link ProgramVector}) and their scalar twins give the same conductances bit
 * for bit, with and without levels and for each variability model, on tiles whose size is not a multiple
 * of the vector length (so both paths run within one tile) and on a full 512 x 512 tile; and the SIMD
 * clip count of the converters ({@link ConvertersVector}) equals the scalar one.
 */
class ProgramVectorTest {
    private static CrossbarSpec spec(int levels, CrossbarSpec.Variability.Model model, double sigma) {
        return new CrossbarSpec(0.5e-6, 20e-6, 0.2, levels, new CrossbarSpec.Variability(model, sigma), 1e-3, 1e-3,
                0.005, new DacSpec(true, 8, 0),
                new CrossbarSpec.WireSpec(CrossbarSpec.WireSpec.Model.FIRST_ORDER, 0.05),
                new CrossbarSpec.AdcSpec(true, 8, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 1.0),
                CrossbarCostSpec.defaults());
    }

    @Test
    void simdAndScalarProgrammingAgreeBitForBit() {
        assumeTrue(org.pfmsim.kernel.Simd.ENABLED, "this JVM runs the scalar path only");
        CrossbarSpec[] specs = {
            spec(64, CrossbarSpec.Variability.Model.PROPORTIONAL, 0.03),
            spec(64, CrossbarSpec.Variability.Model.ADDITIVE, 0.02),
            spec(0, CrossbarSpec.Variability.Model.PROPORTIONAL, 0.5), // large sigma: many floored at 0 S
            spec(16, CrossbarSpec.Variability.Model.PROPORTIONAL, 0.0),
        };
        int[][] shapes = {{33, 21}, {512, 512}, {1, 7}, {45, 1029}};
        for (CrossbarSpec s : specs) {
            for (int[] shape : shapes) {
                int n = shape[0] * shape[1];
                float[] w = CrossbarIdealityTest.gaussian(n, 1.0, n);
                w[n / 2] = -0f;
                TileAddress address = new TileAddress(4, 1, 2, 3);
                float[] vp = new float[n];
                float[] vn = new float[n];
                float[] sp = new float[n];
                float[] sn = new float[n];
                DevicePair v = CrossbarProgrammer.conductances(s, w, shape[0], shape[1], address, vp, vn, true);
                DevicePair c = CrossbarProgrammer.conductances(s, w, shape[0], shape[1], address, sp, sn, false);
                String what = s.conductanceLevels() + " levels, " + s.variability() + ", " + shape[0] + "x" + shape[1];
                assertEquals(c.weightScale(), v.weightScale(), 0f, what);
                assertArrayEquals(sp, vp, 0f, what + ": G+");
                assertArrayEquals(sn, vn, 0f, what + ": G-");
                assertEquals(c.stuckOn(), v.stuckOn(), what);
            }
        }
    }
}
