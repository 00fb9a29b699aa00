package org.pfmsim.crossbar;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.pfmsim.kernel.Rounding;

/**
 * The programming loops of {@link CrossbarProgrammer} with explicit SIMD (C2 in JDK 17 leaves the
 * variability loop scalar: measured 1.5-2.4 ns against 0.2 ns per weight). Lane for lane the same float
 * operations in the same order as the scalar twins there (fused multiply-adds where they use
 * {@link Math#fma}), so results are bit-identical; used only when {@link org.pfmsim.kernel.Simd#ENABLED}.
 */
final class ProgramVector {
    private static final VectorSpecies<Float> LANES = org.pfmsim.kernel.FloatLanes.SPECIES;

    private ProgramVector() {
    }

    /**
     * Weights [from, from + count) to conductance pairs: signed level q (rounded to the level grid when
     * {@code levels}), G+ = gMin + max(q, 0), G- = gMin + max(-q, 0), then, when {@code vary}, G + (add +
     * prop G) N floored at 0 S with N from {@code np} and {@code nn} (indexed from 0). Returns how many
     * weights it did; the scalar twin does the rest.
     */
    static int mapAndVary(float[] w, int from, int count, boolean levels, float toSteps, float perStep, float gMin,
                          boolean vary, float addScale, float propScale, float[] np, float[] nn, float[] gp,
                          float[] gn) {
        int step = LANES.length();
        FloatVector zero = FloatVector.zero(LANES);
        int k = 0;
        for (; k <= count - step; k += step) {
            FloatVector t = FloatVector.fromArray(LANES, w, from + k).mul(toSteps);
            FloatVector q = levels ? t.add(Rounding.FLOAT_SHIFT).sub(Rounding.FLOAT_SHIFT).mul(perStep) : t.mul(perStep);
            FloatVector a = q.abs();
            FloatVector p = q.add(a).mul(0.5f).add(gMin);
            FloatVector m = a.sub(q).mul(0.5f).add(gMin);
            if (vary) {
                p = p.mul(propScale).add(addScale).fma(FloatVector.fromArray(LANES, np, k), p).max(zero);
                m = m.mul(propScale).add(addScale).fma(FloatVector.fromArray(LANES, nn, k), m).max(zero);
            }
            p.intoArray(gp, from + k);
            m.intoArray(gn, from + k);
        }
        return k;
    }

    /** col[j] += |g[i cols + j]| over every row; returns the columns it did (the caller finishes the rest). */
    static int columnAbsSums(float[] g, int rows, int cols, float[] col) {
        int step = LANES.length();
        int done = cols - cols % step;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < done; j += step) {
                FloatVector.fromArray(LANES, col, j).add(FloatVector.fromArray(LANES, g, base + j).abs())
                        .intoArray(col, j);
            }
        }
        return done;
    }
}
