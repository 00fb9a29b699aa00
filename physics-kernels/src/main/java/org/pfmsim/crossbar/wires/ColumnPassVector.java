package org.pfmsim.crossbar.wires;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The column-wise passes of {@link FirstOrderIrDrop} with explicit SIMD (C2 in JDK 17 leaves the scalar
 * loops unvectorized: they mix float and double, or carry nine array streams). Lane for lane the same IEEE
 * operations in the same order as the scalar loops of {@link FirstOrderIrDrop}, so the results are
 * bit-identical; used only when {@link org.pfmsim.kernel.Simd#ENABLED}.
 *
 * <p>Floats in the project's one float shape ({@link org.pfmsim.kernel.FloatLanes}, eight lanes: C2 in JDK 17
 * stops intrinsifying call sites that see two shapes) and doubles eight to a register, one per float lane.
 */
final class ColumnPassVector {
    private static final VectorSpecies<Float> LANES = org.pfmsim.kernel.FloatLanes.SPECIES;
    private static final VectorSpecies<Double> DOUBLES = org.pfmsim.kernel.FloatLanes.DOUBLES;
    /** Lane k to k xor d: with an add, folds the upper half of each 2d-lane block onto the lower. */
    private static final VectorShuffle<Double> SWAP4 = VectorShuffle.fromOp(DOUBLES, k -> k ^ 4);
    private static final VectorShuffle<Double> SWAP2 = VectorShuffle.fromOp(DOUBLES, k -> k ^ 2);
    private static final VectorShuffle<Double> SWAP1 = VectorShuffle.fromOp(DOUBLES, k -> k ^ 1);

    private ColumnPassVector() {
    }

    /**
     * First pass over one row: the weighted column sums colB<sub>j</sub> += weight g<sub>j</sub> of both
     * arrays, and the row's sums of G+ and G- in double into {@code sums[0]}, {@code sums[1]}, summed as
     * {@link FirstOrderIrDrop#STRIPES} stripes (column j into stripe j mod 16). Only where two float vectors
     * are exactly the 16 stripes (eight float lanes, eight double lanes) and the row is whole stripes;
     * elsewhere the scalar loop does the row.
     *
     * @return whether the row was done
     */
    static boolean weightsAndSums(float[] gp, float[] gn, int base, int cols, float weight, float[] colBp,
                                  float[] colBn, double[] sums) {
        int step = LANES.length();
        if (2 * step != FirstOrderIrDrop.STRIPES || DOUBLES.length() != step
                || cols % FirstOrderIrDrop.STRIPES != 0) {
            return false;
        }
        DoubleVector p0 = DoubleVector.zero(DOUBLES);
        DoubleVector p1 = p0;
        DoubleVector n0 = p0;
        DoubleVector n1 = p0;
        for (int j = 0; j < cols; j += FirstOrderIrDrop.STRIPES) {
            // Columns j .. j + 7 feed stripes 0 .. 7, columns j + 8 .. j + 15 stripes 8 .. 15.
            FloatVector pLow = FloatVector.fromArray(LANES, gp, base + j);
            FloatVector pHigh = FloatVector.fromArray(LANES, gp, base + j + step);
            FloatVector nLow = FloatVector.fromArray(LANES, gn, base + j);
            FloatVector nHigh = FloatVector.fromArray(LANES, gn, base + j + step);
            FloatVector.fromArray(LANES, colBp, j).add(pLow.mul(weight)).intoArray(colBp, j);
            FloatVector.fromArray(LANES, colBp, j + step).add(pHigh.mul(weight)).intoArray(colBp, j + step);
            FloatVector.fromArray(LANES, colBn, j).add(nLow.mul(weight)).intoArray(colBn, j);
            FloatVector.fromArray(LANES, colBn, j + step).add(nHigh.mul(weight)).intoArray(colBn, j + step);
            p0 = p0.add(pLow.convertShape(VectorOperators.F2D, DOUBLES, 0));
            p1 = p1.add(pHigh.convertShape(VectorOperators.F2D, DOUBLES, 0));
            n0 = n0.add(nLow.convertShape(VectorOperators.F2D, DOUBLES, 0));
            n1 = n1.add(nHigh.convertShape(VectorOperators.F2D, DOUBLES, 0));
        }
        sums[0] = stripeTotal(p0, p1);
        sums[1] = stripeTotal(n0, n1);
        return true;
    }

    /**
     * The 16 stripes (lanes of {@code low}, then of {@code high}) added up in the fixed pairwise order of
     * {@link FirstOrderIrDrop#stripeTotal}. Reduced in registers: storing DoubleVectors to an array here made
     * C2 stop intrinsifying the float stores of the column pass compiled after it (measured 10x slower).
     */
    private static double stripeTotal(DoubleVector low, DoubleVector high) {
        DoubleVector s = low.add(high);
        s = s.add(s.rearrange(SWAP4));
        s = s.add(s.rearrange(SWAP2));
        s = s.add(s.rearrange(SWAP1));
        return s.lane(0);
    }

    /**
     * Geff of row i from A = (j + 1) t - C (C at {@code cOffset} of {@code cP}, {@code cN}; t the float row
     * totals) and the column running sums, which it advances by one row. (Keeping the running sums in
     * registers over four rows, or interleaving this pass with the row pass in one loop, measured no faster
     * or much slower: C2 in JDK 17 left the vector stores of those larger loops unintrinsified.)
     *
     * @return the number of leading columns done; the scalar loop finishes the rest
     */
    static int row(float[] gp, float[] gn, int i, int cols, float r, float totalP, float totalN, float[] cP,
                   float[] cN, int cOffset, float[] colPp, float[] colPn, float[] colBp, float[] colBn,
                   float[] jPlusOne, float[] out) {
        final int base = i * cols;
        int step = LANES.length();
        int j = 0;
        for (; j <= cols - step; j += step) {
            FloatVector p = FloatVector.fromArray(LANES, gp, base + j);
            FloatVector n = FloatVector.fromArray(LANES, gn, base + j);
            FloatVector pp = FloatVector.fromArray(LANES, colPp, j).add(p);
            FloatVector pn = FloatVector.fromArray(LANES, colPn, j).add(n);
            pp.intoArray(colPp, j);
            pn.intoArray(colPn, j);
            FloatVector bp = FloatVector.fromArray(LANES, colBp, j);
            FloatVector bn = FloatVector.fromArray(LANES, colBn, j);
            bp.sub(pp).intoArray(colBp, j);
            bn.sub(pn).intoArray(colBn, j);
            FloatVector jj = FloatVector.fromArray(LANES, jPlusOne, j);
            FloatVector aP = jj.mul(totalP).sub(FloatVector.fromArray(LANES, cP, cOffset + j));
            FloatVector aN = jj.mul(totalN).sub(FloatVector.fromArray(LANES, cN, cOffset + j));
            p.sub(p.mul(r).mul(aP.add(bp))).sub(n.sub(n.mul(r).mul(aN.add(bn)))).intoArray(out, base + j);
        }
        return j;
    }
}
