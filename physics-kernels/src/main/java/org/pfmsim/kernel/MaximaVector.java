package org.pfmsim.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The SIMD loop of {@link Maxima#maxAbs}; used only when {@link Simd#ENABLED}. */
final class MaximaVector {
    private static final VectorSpecies<Float> LANES = FloatLanes.SPECIES;

    private MaximaVector() {
    }

    /** max |w| over w[from, to) (NaN propagates). */
    static float maxAbs(float[] w, int from, int to) {
        int step = LANES.length();
        FloatVector max = FloatVector.zero(LANES);
        int k = from;
        for (; k <= to - step; k += step) {
            max = max.max(FloatVector.fromArray(LANES, w, k).abs());
        }
        float m = max.reduceLanes(VectorOperators.MAX);
        for (; k < to; k++) {
            m = Math.max(m, Math.abs(w[k]));
        }
        return m;
    }
}
