package org.pfmsim.optical;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.pfmsim.kernel.FloatLanes;
import org.pfmsim.kernel.Rounding;

/**
 * The SIMD loops of {@link DetectionRows}: floats in the project's one float shape ({@link FloatLanes},
 * eight lanes) and doubles eight to a register, one per float lane; the scalar loop finishes a ragged row.
 * Used only when {@link org.pfmsim.kernel.Simd#ENABLED}.
 */
final class DetectionRowsVector {
    private static final VectorSpecies<Float> FLOATS = FloatLanes.SPECIES;
    private static final VectorSpecies<Double> DOUBLES = FloatLanes.DOUBLES;

    private DetectionRowsVector() {
    }

    static double offsetMeans(float[] signedMean, double[] fixed, double inputSum, double quarterPhi, double dark,
                              double[] mean, int base, int cols) {
        int step = DOUBLES.length();
        DoubleVector max = DoubleVector.zero(DOUBLES);
        int j = 0;
        for (; j <= cols - step; j += step) {
            DoubleVector counts = DoubleVector.fromArray(DOUBLES, fixed, j).add(inputSum)
                    .add(FloatLanes.widened(signedMean, base + j)).mul(quarterPhi).add(dark);
            counts.intoArray(mean, base + j);
            max = max.max(counts);
        }
        double tail = DetectionRows.offsetMeans(signedMean, fixed, inputSum, quarterPhi, dark, mean, base, j, cols);
        return Math.max(max.reduceLanes(VectorOperators.MAX), tail);
    }

    static long offsetOutputs(double[] count, float[] normals, DetectionRows.Offset r, double rowOffset,
                              boolean measured, float[] out, int base, int cols) {
        int step = DOUBLES.length();
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
                c = c.add(FloatLanes.widened(normals, j).mul(readNoise));
            }
            if (measured) {
                clipped += c.compare(VectorOperators.GT, fullScale).or(c.compare(VectorOperators.LT, 0.0)).trueCount();
            }
            DoubleVector code = c.max(0.0).mul(codesPerCount).min(levels);
            c = code.add(Rounding.DOUBLE_SHIFT).sub(Rounding.DOUBLE_SHIFT).mul(countsPerCode);
            DoubleVector y = c.mul(fourPerPhi).sub(rowOffset).sub(DoubleVector.fromArray(DOUBLES, columnSums, j))
                    .mul(scale);
            ((FloatVector) y.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(out, base + j);
        }
        return clipped + DetectionRows.offsetOutputs(count, normals, r, rowOffset, measured, out, base, j, cols);
    }

    static void pairMeans(float[] signedMean, float[] totalMean, double phi, double dark, int base, double[] plus,
                          double[] minus, int cols) {
        int step = DOUBLES.length();
        int j = 0;
        for (; j <= cols - step; j += step) {
            DoubleVector light = FloatLanes.widened(totalMean, base + j).mul(phi);
            DoubleVector difference = FloatLanes.widened(signedMean, base + j).mul(phi);
            light.add(difference).mul(0.5).max(0.0).add(dark).intoArray(plus, j);
            light.sub(difference).mul(0.5).max(0.0).add(dark).intoArray(minus, j);
        }
        DetectionRows.pairMeans(signedMean, totalMean, phi, dark, base, plus, minus, j, cols);
    }

    static long balancedOutputs(double[] signal, float[] normals, DetectionRows.Balanced r, boolean measured,
                                float[] out, int base, int cols) {
        int step = DOUBLES.length();
        double pairNoise = r.pairNoise();
        double fullScale = r.fullScale();
        double codesPerCount = r.codesPerCount();
        double levels = r.levels();
        double countsPerCode = r.countsPerCode();
        double toModel = r.toModel();
        long clipped = 0;
        int j = 0;
        for (; j <= cols - step; j += step) {
            DoubleVector c = DoubleVector.fromArray(DOUBLES, signal, j);
            if (normals != null) {
                c = c.add(FloatLanes.widened(normals, j).mul(pairNoise));
            }
            if (measured) {
                clipped += c.abs().compare(VectorOperators.GT, fullScale).trueCount();
            }
            DoubleVector code = c.mul(codesPerCount).min(levels).max(-levels);
            c = code.add(Rounding.DOUBLE_SHIFT).sub(Rounding.DOUBLE_SHIFT).mul(countsPerCode);
            ((FloatVector) c.mul(toModel).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(out, base + j);
        }
        return clipped + DetectionRows.balancedOutputs(signal, normals, r, measured, out, base, j, cols);
    }
}
