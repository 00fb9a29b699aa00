package org.pfmsim.optical;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.pfmsim.kernel.Rounding;

/**
 * The SIMD loops of {@link OffsetRows}: floats in the project's one float shape
 * ({@link org.pfmsim.kernel.FloatLanes}, eight lanes) and doubles eight to a register, one per float lane;
 * the scalar loop finishes a ragged row. Used only when {@link org.pfmsim.kernel.Simd#ENABLED}.
 */
final class OffsetRowsVector {
    private static final VectorSpecies<Float> FLOATS = org.pfmsim.kernel.FloatLanes.SPECIES;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;

    private OffsetRowsVector() {
    }

    static double means(float[] signedMean, double[] fixed, double inputSum, double quarterPhi, double dark,
                        double[] mean, int base, int cols) {
        int step = FLOATS.length();
        if (DOUBLES.length() != step) {
            return OffsetRows.means(signedMean, fixed, inputSum, quarterPhi, dark, mean, base, 0, cols);
        }
        DoubleVector max = DoubleVector.zero(DOUBLES);
        int j = 0;
        for (; j <= cols - step; j += step) {
            DoubleVector m = FloatVector.fromArray(FLOATS, signedMean, base + j)
                    .convertShape(VectorOperators.F2D, DOUBLES, 0).reinterpretAsDoubles();
            DoubleVector counts = DoubleVector.fromArray(DOUBLES, fixed, j).add(inputSum).add(m)
                    .mul(quarterPhi).add(dark);
            counts.intoArray(mean, base + j);
            max = max.max(counts);
        }
        double tail = OffsetRows.means(signedMean, fixed, inputSum, quarterPhi, dark, mean, base, j, cols);
        return Math.max(max.reduceLanes(VectorOperators.MAX), tail);
    }

    static long detect(double[] count, float[] normals, OffsetRows.Readout r, double rowOffset, boolean measured,
                       float[] out, int base, int cols) {
        int step = FLOATS.length();
        if (DOUBLES.length() != step) {
            return OffsetRows.detect(count, normals, r, rowOffset, measured, out, base, 0, cols);
        }
        double readNoise = r.readNoise();
        double fullScale = r.fullScale();
        double codesPerCount = r.codesPerCount();
        double levels = r.levels();
        double countsPerCode = r.countsPerCode();
        double scale = r.scale();
        double fourPerPhi = r.fourPerPhi();
        double[] columnSums = r.columnSums();
        long clipped = 0;
        int j = 0;
        for (; j <= cols - step; j += step) {
            DoubleVector c = DoubleVector.fromArray(DOUBLES, count, j);
            if (normals != null) {
                DoubleVector z = FloatVector.fromArray(FLOATS, normals, j)
                        .convertShape(VectorOperators.F2D, DOUBLES, 0).reinterpretAsDoubles();
                c = c.add(z.mul(readNoise));
            }
            if (measured) {
                VectorMask<Double> out0 = c.compare(VectorOperators.GT, fullScale)
                        .or(c.compare(VectorOperators.LT, 0.0));
                clipped += out0.trueCount();
            }
            DoubleVector code = c.max(0.0).mul(codesPerCount).min(levels);
            c = code.add(Rounding.DOUBLE_SHIFT).sub(Rounding.DOUBLE_SHIFT).mul(countsPerCode);
            DoubleVector y = c.mul(fourPerPhi).sub(rowOffset).sub(DoubleVector.fromArray(DOUBLES, columnSums, j))
                    .mul(scale);
            ((FloatVector) y.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(out, base + j);
        }
        return clipped + OffsetRows.detect(count, normals, r, rowOffset, measured, out, base, j, cols);
    }
}
