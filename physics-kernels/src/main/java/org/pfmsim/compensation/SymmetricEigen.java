package org.pfmsim.compensation;

/**
 * Eigenvectors of a small symmetric matrix by the cyclic Jacobi method (Golub and Van Loan, Matrix
 * Computations, 4th ed., section 8.5): rotations until every off-diagonal entry is negligible. O(k^3) per
 * sweep, for the k x k Rayleigh-Ritz matrices of the low-rank fit (k a few dozen).
 */
final class SymmetricEigen {
    private SymmetricEigen() {
    }

    /**
     * The eigenvectors of the {@code count} largest eigenvalues of the symmetric k x k matrix {@code a}
     * (row-major, not modified), as a k x count row-major matrix, largest first.
     */
    static double[] leading(double[] a, int k, int count) {
        double[] m = a.clone();
        double[] v = new double[k * k];
        for (int i = 0; i < k; i++) {
            v[i * k + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    total += m[p * k + q] * m[p * k + q];
                    if (p != q) {
                        off += m[p * k + q] * m[p * k + q];
                    }
                }
            }
            if (off <= 1e-30 * total) {
                break;
            }
            for (int p = 0; p < k - 1; p++) {
                for (int q = p + 1; q < k; q++) {
                    double apq = m[p * k + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (m[q * k + q] - m[p * k + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < k; r++) { // columns p, q
                        double mrp = m[r * k + p];
                        double mrq = m[r * k + q];
                        m[r * k + p] = c * mrp - s * mrq;
                        m[r * k + q] = s * mrp + c * mrq;
                    }
                    for (int r = 0; r < k; r++) { // rows p, q
                        double mpr = m[p * k + r];
                        double mqr = m[q * k + r];
                        m[p * k + r] = c * mpr - s * mqr;
                        m[q * k + r] = s * mpr + c * mqr;
                    }
                    for (int r = 0; r < k; r++) {
                        double vrp = v[r * k + p];
                        double vrq = v[r * k + q];
                        v[r * k + p] = c * vrp - s * vrq;
                        v[r * k + q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        final double[] diag = new double[k];
        for (int i = 0; i < k; i++) {
            diag[i] = m[i * k + i];
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[y], diag[x]));
        double[] out = new double[k * count];
        for (int c = 0; c < count; c++) {
            for (int r = 0; r < k; r++) {
                out[r * count + c] = v[r * k + order[c]];
            }
        }
        return out;
    }
}
