package org.pfmsim.converters;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loop of {@link Converters#clipped} (C2 in JDK 17 does not vectorize a conditional count), in the
 * project's one float shape; used only when {@link org.pfmsim.kernel.Simd#ENABLED}.
 */
final class ConvertersVector {
    private static final VectorSpecies<Float> LANES = org.pfmsim.kernel.FloatLanes.SPECIES;

    private ConvertersVector() {
    }

    static int clipped(float[] x, int from, int to, float fullScale) {
        int step = LANES.length();
        int count = 0;
        int k = from;
        for (; k <= to - step; k += step) {
            count += FloatVector.fromArray(LANES, x, k).abs().compare(VectorOperators.GT, fullScale).trueCount();
        }
        return count + Converters.clipped(x, k, to, fullScale, false);
    }
}
