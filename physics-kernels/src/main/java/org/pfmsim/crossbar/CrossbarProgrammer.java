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
        int n = rows * cols;
        if (weights.length != n) {
            throw new IllegalArgumentException("weights have " + weights.length + " values, tile is " + rows + "x" + cols);
        }
        float scale = 0f;
        for (float w : weights) {
            scale = Math.max(scale, Math.abs(w));
        }
        if (scale == 0f) {
            scale = 1f; // an all-zero tile: any scale maps it to gMin pairs
        }
        float[] gp = new float[n];
        float[] gn = new float[n];
        mapAndVary(spec, weights, scale, gp, gn, address.stream(Purpose.VARIABILITY));
        long[] stuck = {0, 0};
        if (spec.stuckOnRate() + spec.stuckOffRate() > 0) {
            stuck = applyDefects(spec, gp, gn, address.stream(Purpose.DEFECTS));
        }
        return new DevicePair(gp, gn, scale, stuck[0], stuck[1]);
    }

    /**
     * Steps 1 and 2 in one pass. Branch-free on the weight's sign (random signs would mispredict half
     * the time): the signed level q goes to G+ when positive and to G- when negative. The variability of
     * weight k's two devices comes from the two halves of word k of the variability stream.
     */
    private static void mapAndVary(CrossbarSpec spec, float[] weights, float scale, float[] gp, float[] gn,
                                   CounterRng rng) {
        float gMin = (float) spec.gMinSiemens();
        int levels = spec.conductanceLevels();
        float steps = levels > 0 ? levels - 1 : 1;
        float perStep = (float) (spec.windowSiemens() / steps);
        float toSteps = steps / scale;
        boolean quantize = levels > 0;
        float sigma = (float) spec.variability().sigma();
        boolean additive = spec.variability().model() == CrossbarSpec.Variability.Model.ADDITIVE;
        float sigmaSiemens = (float) (spec.variability().sigma() * spec.windowSiemens());
        for (int k = 0; k < weights.length; k++) {
            float t = weights[k] * toSteps;
            float q = (quantize ? (float) Math.rint(t) : t) * perStep;
            float p = gMin + Math.max(q, 0f);
            float n = gMin + Math.max(-q, 0f);
            if (sigma > 0) {
                long word = rng.bits(k);
                float np = (float) rng.gaussianFromHalf((int) word, 2L * k);
                float nn = (float) rng.gaussianFromHalf((int) (word >>> 32), 2L * k + 1);
                if (additive) {
                    p += sigmaSiemens * np;
                    n += sigmaSiemens * nn;
                } else {
                    p *= 1f + sigma * np;
                    n *= 1f + sigma * nn;
                }
                p = Math.max(p, 0f);
                n = Math.max(n, 0f);
            }
            gp[k] = p;
            gn[k] = n;
        }
    }

    /** Returns {stuck-on count, stuck-off count}. Device d < n is G+[d], otherwise G-[d - n]. */
    private static long[] applyDefects(CrossbarSpec spec, float[] gp, float[] gn, CounterRng rng) {
        double pOn = spec.stuckOnRate();
        double pTotal = pOn + spec.stuckOffRate();
        float gMax = (float) spec.gMaxSiemens();
        float gMin = (float) spec.gMinSiemens();
        int n = gp.length;
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
