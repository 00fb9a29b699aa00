package org.pfmsim.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float vector shape every SIMD kernel uses: 256 bits, eight lanes. One shape, because JDK 17's
 * C2 fails to intrinsify a Vector API load or store whose call site has seen two shapes of the same element
 * type (a bimorphic type profile, "failed to inline (intrinsic)" under -XX:+PrintInlining): the kernels then
 * run the API's Java fallback, 3-10x slower. Measured on the development machine: with the Box-Muller
 * kernel in 256 bits and the programming and IR-drop kernels in 512, synthetic weight generation took
 * 0.71-0.83 ms per 512 x 512 tile in the kernel benchmark instead of 0.25 ms in isolation. Eight lanes is
 * also the width of the random-number kernel (one float per 64-bit word of a 512-bit register), and on
 * Zen 4 512-bit float operations are issued as two 256-bit halves anyway. Kernels that work in double
 * pair each float lane with a double lane: {@link #DOUBLES}, eight to a 512-bit register (both species have
 * a fixed eight lanes). Load only when {@link Simd#ENABLED}.
 */
public final class FloatLanes {
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    /** The doubles of the float lanes, one per lane. */
    public static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;

    /** a[at], ..., a[at + 7] widened to double, lane for lane (exact). */
    public static DoubleVector widened(float[] a, int at) {
        return (DoubleVector) FloatVector.fromArray(SPECIES, a, at).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    private FloatLanes() {
    }
}
