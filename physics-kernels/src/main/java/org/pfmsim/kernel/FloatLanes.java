package org.pfmsim.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float vector shape every SIMD kernel uses: 256 bits, eight lanes. One shape, because JDK 17's
 * C2 fails to intrinsify a Vector API load or store whose call site has seen two shapes of the same element
 * type (a bimorphic type profile, "failed to inline (intrinsic)" under -XX:+PrintInlining): the kernels then
 * run the API's Java fallback, 3-10x slower. Measured on the development machine: with the Box-Muller
 * kernel in 256 bits and the programming and IR-drop kernels in 512, synthetic weight generation took
 * 0.71-0.83 ms per 512 x 512 tile in the kernel benchmark instead of 0.25 ms in isolation. Eight lanes is
 * also the width of the random-number kernel (one float per 64-bit word of a 512-bit register), and on
 * Zen 4 512-bit float operations are issued as two 256-bit halves anyway. Load only when
 * {@link Simd#ENABLED}.
 */
public final class FloatLanes {
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

    private FloatLanes() {
    }
}
