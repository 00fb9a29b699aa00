package org.pfmsim.kernel;

/**
 * Round half to even (as {@link Math#rint}) by adding and removing 1.5 x 2^(p - 1), p the significand
 * precision: for |t| up to 2^(p - 2) the sum has no fraction bits, so the addition itself rounds (the
 * default IEEE mode, half to even) and the subtraction is exact. Unlike Math.rint this is two plain
 * additions, which C2 vectorizes, and in float it keeps a loop all-float (C2 in JDK 17 does not vectorize
 * loops that mix float and double). The vector kernels apply the same two additions with
 * {@link #FLOAT_SHIFT}.
 */
public final class Rounding {
    /** 1.5 x 2^23: {@link #rint(float)} is exact for |t| &lt;= 2^22. */
    public static final float FLOAT_SHIFT = 0x1.8p23f;
    /** 1.5 x 2^52: {@link #rint(double)} is exact for |t| &lt;= 2^51. */
    public static final double DOUBLE_SHIFT = 0x1.8p52;

    private Rounding() {
    }

    /** Math.rint(t) for |t| &lt;= 2^22. */
    public static float rint(float t) {
        return (t + FLOAT_SHIFT) - FLOAT_SHIFT;
    }

    /** Math.rint(t) for |t| &lt;= 2^51. */
    public static double rint(double t) {
        return (t + DOUBLE_SHIFT) - DOUBLE_SHIFT;
    }
}
