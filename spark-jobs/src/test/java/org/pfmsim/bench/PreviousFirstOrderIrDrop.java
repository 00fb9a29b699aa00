package org.pfmsim.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first-order IR-drop sweep as it was before the row pass moved to float (main at ecf42ab:
 * crossbar.wires.FirstOrderIrDrop with its SIMD column pass), kept only as {@link IrDropBench}'s reference:
 * a double-precision column-sum pass, row prefix sums in double two rows at a time, and the vector column
 * pass one row at a time. Same physics and formula; SIMD path only (the bench runs with the module).
 */
final class PreviousFirstOrderIrDrop {
    private static final VectorSpecies<Float> LANES = org.pfmsim.kernel.FloatLanes.SPECIES;

    private final int cols;
    private final float[] colBp;
    private final float[] colBn;
    private final float[] colPp;
    private final float[] colPn;
    private final float[] cp0;
    private final float[] cn0;
    private final float[] cp1;
    private final float[] cn1;
    private final float[] jPlusOne;
    private final double[] totals = new double[4];

    PreviousFirstOrderIrDrop(int cols) {
        this.cols = cols;
        colBp = new float[cols];
        colBn = new float[cols];
        colPp = new float[cols];
        colPn = new float[cols];
        cp0 = new float[cols];
        cn0 = new float[cols];
        cp1 = new float[cols];
        cn1 = new float[cols];
        jPlusOne = new float[cols];
        for (int j = 0; j < cols; j++) {
            jPlusOne[j] = j + 1;
        }
    }

    /** Geff(G+) - Geff(G-) into out and the row device totals into rowTotals, as the old sweep did. */
    void effectiveDifference(float[] gp, float[] gn, int rows, float r, float[] out, double[] rowTotals) {
        java.util.Arrays.fill(colBp, 0f);
        java.util.Arrays.fill(colBn, 0f);
        java.util.Arrays.fill(colPp, 0f);
        java.util.Arrays.fill(colPn, 0f);
        for (int i = 0; i < rows; i++) {
            final float weight = rows - i;
            final int base = i * cols;
            for (int j = 0; j < cols; j++) {
                colBp[j] += weight * gp[base + j];
                colBn[j] += weight * gn[base + j];
            }
        }
        for (int i = 0; i < rows; i += 2) {
            final int second = i + 1 < rows ? i + 1 : i;
            rowSums2(gp, gn, i * cols, second * cols);
            columnPass(gp, gn, i * cols, r, (float) totals[0], (float) totals[1], cp0, cn0, out);
            rowTotals[i] = totals[0] + totals[1];
            if (second != i) {
                columnPass(gp, gn, second * cols, r, (float) totals[2], (float) totals[3], cp1, cn1, out);
                rowTotals[second] = totals[2] + totals[3];
            }
        }
    }

    private void rowSums2(float[] gp, float[] gn, int base0, int base1) {
        double pp0 = 0;
        double pn0 = 0;
        double pp1 = 0;
        double pn1 = 0;
        double sp0 = 0;
        double sn0 = 0;
        double sp1 = 0;
        double sn1 = 0;
        for (int j = 0; j < cols; j++) {
            sp0 += pp0;
            sn0 += pn0;
            sp1 += pp1;
            sn1 += pn1;
            cp0[j] = (float) sp0;
            cn0[j] = (float) sn0;
            cp1[j] = (float) sp1;
            cn1[j] = (float) sn1;
            pp0 += gp[base0 + j];
            pn0 += gn[base0 + j];
            pp1 += gp[base1 + j];
            pn1 += gn[base1 + j];
        }
        totals[0] = pp0;
        totals[1] = pn0;
        totals[2] = pp1;
        totals[3] = pn1;
    }

    private void columnPass(float[] gp, float[] gn, int base, float r, float totalP, float totalN, float[] cP,
                            float[] cN, float[] out) {
        int step = LANES.length();
        int j = 0;
        for (; j <= cols - step; j += step) {
            FloatVector p = FloatVector.fromArray(LANES, gp, base + j);
            FloatVector n = FloatVector.fromArray(LANES, gn, base + j);
            FloatVector pp = FloatVector.fromArray(LANES, colPp, j).add(p);
            FloatVector pn = FloatVector.fromArray(LANES, colPn, j).add(n);
            pp.intoArray(colPp, j);
            pn.intoArray(colPn, j);
            FloatVector bP = FloatVector.fromArray(LANES, colBp, j);
            FloatVector bN = FloatVector.fromArray(LANES, colBn, j);
            bP.sub(pp).intoArray(colBp, j);
            bN.sub(pn).intoArray(colBn, j);
            FloatVector jj = FloatVector.fromArray(LANES, jPlusOne, j);
            FloatVector aP = jj.mul(totalP).sub(FloatVector.fromArray(LANES, cP, j));
            FloatVector aN = jj.mul(totalN).sub(FloatVector.fromArray(LANES, cN, j));
            FloatVector geffP = p.sub(p.mul(r).mul(aP.add(bP)));
            FloatVector geffN = n.sub(n.mul(r).mul(aN.add(bN)));
            geffP.sub(geffN).intoArray(out, base + j);
        }
        for (; j < cols; j++) {
            final float p = gp[base + j];
            final float n = gn[base + j];
            final float pp = colPp[j] + p;
            final float pn = colPn[j] + n;
            colPp[j] = pp;
            colPn[j] = pn;
            final float bP = colBp[j];
            final float bN = colBn[j];
            colBp[j] = bP - pp;
            colBn[j] = bN - pn;
            final float aP = jPlusOne[j] * totalP - cP[j];
            final float aN = jPlusOne[j] * totalN - cN[j];
            out[base + j] = (p - p * r * (aP + bP)) - (n - n * r * (aN + bN));
        }
    }
}
