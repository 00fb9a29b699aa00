package org.pfmsim.crossbar;

import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * The program face of the crossbar: weights to differential conductance pairs with every fabrication
 * effect, drawn once per tile from streams keyed by the tile's address.
 *
 * <p>Mapping (the "single pair" converter of IBM aihwkit, SinglePairConductanceConverter): with the tile
 * weight scale s = max|w|, a weight w programs the device of its sign to gMin + (|w|/s)(gMax - gMin) and
 * leaves the other at gMin, so G+ - G- = (w/s)(gMax - gMin). Then, in the order a fabricated device
 * experiences them:
 * <ol>
 *   <li>quantization to L equally spaced levels in [gMin, gMax] (the programming target);</li>
 *   <li>variability: additive G + sigma (gMax - gMin) N(0,1), or proportional G (1 + sigma N(0,1));
 *       conductance cannot be negative, so the result is floored at 0 S;</li>
 *   <li>stuck-at defects, independent per device: stuck-on (gMax) with probability p_on, stuck-off (gMin)
 *       with probability p_off, overriding the programmed value. Positions are drawn by geometric
 *       skipping (gap ~ Geometric(p_on + p_off)), exact for independent Bernoulli trials and cheap for
 *       realistic rates.</li>
 * </ol>
 */
public final class CrossbarProgrammer {
    private CrossbarProgrammer() {
    }

    public static DevicePair conductances(CrossbarSpec spec, float[] weights, int rows, int cols,
                                          TileAddress address) {
        return conductances(spec, weights, rows, cols, address, new float[rows * cols], new float[rows * cols]);
    }

    /**
     * As {@link #conductances(CrossbarSpec, float[], int, int, TileAddress)}, into caller-owned arrays of at
     * least rows x cols (the platform reuses one pair per thread instead of allocating 2 MB per tile).
     */
    static DevicePair conductances(CrossbarSpec spec, float[] weights, int rows, int cols, TileAddress address,
                                   float[] gp, float[] gn) {
        int n = rows * cols;
        if (weights.length != n) {
            throw new IllegalArgumentException("weights have " + weights.length + " values, tile is " + rows + "x" + cols);
        }
        float scale = maxAbs(weights);
        if (scale == 0f) {
            scale = 1f; // an all-zero tile: any scale maps it to gMin pairs
        }
        mapAndVary(spec, weights, scale, gp, gn, address.stream(Purpose.VARIABILITY));
        long[] stuck = {0, 0};
        if (spec.stuckOnRate() + spec.stuckOffRate() > 0) {
            stuck = applyDefects(spec, gp, gn, n, address.stream(Purpose.DEFECTS));
        }
        return new DevicePair(gp, gn, scale, stuck[0], stuck[1]);
    }

    /**
     * Steps 1 and 2. Branch-free on the weight's sign (random signs would mispredict half the time): the
     * signed level q goes to G+ when positive and to G- when negative, through the exact identities
     * max(x, 0) = (x + |x|) / 2 and max(-x, 0) = (|x| - x) / 2, and levels are rounded half-to-even by
     * {@link Converters#rint}. All float and free of Math.max, so C2 vectorizes the loop. The variability of weight
     * k's two devices is deviate k (G+) and deviate n + k (G-) of the variability stream's normal sequence,
     * n = rows x cols, drawn a block at a time.
     */
    private static void mapAndVary(CrossbarSpec spec, float[] weights, float scale, float[] gp, float[] gn,
                                   CounterRng rng) {
        float gMin = (float) spec.gMinSiemens();
        int levels = spec.conductanceLevels();
        float steps = levels > 0 ? levels - 1 : 1;
        float perStep = (float) (spec.windowSiemens() / steps);
        float toSteps = steps / scale;
        float sigma = (float) spec.variability().sigma();
        boolean additive = spec.variability().model() == CrossbarSpec.Variability.Model.ADDITIVE;
        int n = weights.length;
        if (levels > 0) {
            for (int k = 0; k < n; k++) {
                float q = Converters.rint(weights[k] * toSteps) * perStep;
                float a = Math.abs(q);
                gp[k] = gMin + 0.5f * (q + a);
                gn[k] = gMin + 0.5f * (a - q);
            }
        } else {
            for (int k = 0; k < n; k++) {
                float q = weights[k] * toSteps * perStep;
                float a = Math.abs(q);
                gp[k] = gMin + 0.5f * (q + a);
                gn[k] = gMin + 0.5f * (a - q);
            }
        }
        if (sigma == 0) {
            return;
        }
        // Additive: G + sigma (gMax - gMin) N; proportional: G + (sigma G) N. One multiply-add either way;
        // conductance cannot be negative, so the result is floored at 0 S.
        float addScale = additive ? (float) (spec.variability().sigma() * spec.windowSiemens()) : 0f;
        float propScale = additive ? 0f : sigma;
        Normals normals = Normals.LOCAL.get();
        float[] np = normals.positive;
        float[] nn = normals.negative;
        for (int start = 0; start < n; start += Normals.BLOCK) {
            int count = Math.min(Normals.BLOCK, n - start);
            rng.fillNormal(np, 0, count, start);
            rng.fillNormal(nn, 0, count, (long) n + start);
            for (int k = 0; k < count; k++) {
                float p = gp[start + k];
                float m = gn[start + k];
                float vp = p + (addScale + propScale * p) * np[k];
                float vn = m + (addScale + propScale * m) * nn[k];
                gp[start + k] = 0.5f * (vp + Math.abs(vp));
                gn[k + start] = 0.5f * (vn + Math.abs(vn));
            }
        }
    }

    /** The variability deviates of a block of weights, per device, reused per thread. */
    private static final class Normals {
        static final int BLOCK = 1024;
        static final ThreadLocal<Normals> LOCAL = ThreadLocal.withInitial(Normals::new);
        final float[] positive = new float[BLOCK];
        final float[] negative = new float[BLOCK];
    }

    /** max |w|, with four running maxima (one would serialize on its own comparisons); NaN propagates. */
    private static float maxAbs(float[] w) {
        float m0 = 0f;
        float m1 = 0f;
        float m2 = 0f;
        float m3 = 0f;
        int k = 0;
        for (; k + 3 < w.length; k += 4) {
            m0 = Math.max(m0, Math.abs(w[k]));
            m1 = Math.max(m1, Math.abs(w[k + 1]));
            m2 = Math.max(m2, Math.abs(w[k + 2]));
            m3 = Math.max(m3, Math.abs(w[k + 3]));
        }
        for (; k < w.length; k++) {
            m0 = Math.max(m0, Math.abs(w[k]));
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** Returns {stuck-on count, stuck-off count}. Device d < n is G+[d], otherwise G-[d - n]. */
    private static long[] applyDefects(CrossbarSpec spec, float[] gp, float[] gn, int n, CounterRng rng) {
        double pOn = spec.stuckOnRate();
        double pTotal = pOn + spec.stuckOffRate();
        float gMax = (float) spec.gMaxSiemens();
        float gMin = (float) spec.gMinSiemens();
        long devices = 2L * n;
        double logMiss = Math.log1p(-pTotal); // -Infinity when every device is defective
        long on = 0;
        long off = 0;
        long draw = 0;
        long d = -1;
        for (;;) {
            double u = 1.0 - rng.uniform(draw++); // (0, 1]
            double gap = pTotal >= 1.0 ? 0.0 : Math.floor(Math.log(u) / logMiss);
            if (gap >= devices) {
                break;
            }
            d += 1 + (long) gap;
            if (d >= devices) {
                break;
            }
            boolean stuckOn = rng.uniform(draw++) * pTotal < pOn;
            float value = stuckOn ? gMax : gMin;
            if (d < n) {
                gp[(int) d] = value;
            } else {
                gn[(int) (d - n)] = value;
            }
            if (stuckOn) {
                on++;
            } else {
                off++;
            }
        }
        return new long[] {on, off};
    }
}
