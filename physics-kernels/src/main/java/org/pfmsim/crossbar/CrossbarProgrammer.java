package org.pfmsim.crossbar;

import org.pfmsim.crossbar.aging.DeviceAging;
import org.pfmsim.kernel.Maxima;
import org.pfmsim.kernel.Simd;
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
 *   <li>aging ({@link org.pfmsim.crossbar.aging}): every device, stuck ones included (stuck means it could
 *       not be programmed, not that it does not age), becomes its state at {@code platform.crossbar.aging
 *       .seconds} after programming, from coefficients drawn once per device; skipped entirely for model
 *       none, so unaged results are unchanged bit for bit.</li>
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
        return conductances(spec, weights, rows, cols, address, gp, gn, Simd.ENABLED);
    }

    /** As above, with the SIMD loops on or off (the two give identical results; tests compare them). */
    static DevicePair conductances(CrossbarSpec spec, float[] weights, int rows, int cols, TileAddress address,
                                   float[] gp, float[] gn, boolean simd) {
        return conductances(spec, weights, rows, cols, address, gp, gn, null, simd);
    }

    /**
     * As above; when {@code readVariance} is not null and the devices age, it receives each pair's per-read
     * variance at the age, S^2, rows x cols ({@link DeviceAging#age}).
     */
    static DevicePair conductances(CrossbarSpec spec, float[] weights, int rows, int cols, TileAddress address,
                                   float[] gp, float[] gn, float[] readVariance, boolean simd) {
        int n = rows * cols;
        if (weights.length != n) {
            throw new IllegalArgumentException("weights have " + weights.length + " values, tile is " + rows + "x" + cols);
        }
        float scale = Maxima.maxAbs(weights, 0, n, simd);
        if (scale == 0f) {
            scale = 1f; // an all-zero tile: any scale maps it to gMin pairs
        }
        mapAndVary(spec, weights, scale, gp, gn, address.stream(Purpose.VARIABILITY), simd);
        long[] stuck = {0, 0};
        if (spec.stuckOnRate() + spec.stuckOffRate() > 0) {
            stuck = applyDefects(spec, gp, gn, n, address.stream(Purpose.DEFECTS));
        }
        if (spec.aging().model().changesDevices()) {
            DeviceAging.age(spec.aging(), gp, gn, n, spec.gMinSiemens(), spec.gMaxSiemens(), address, readVariance);
        }
        return new DevicePair(gp, gn, scale, stuck[0], stuck[1]);
    }

    /**
     * Steps 1 and 2, one block of weights at a time (the block's deviates stay in L1). Branch-free on the
     * weight's sign (random signs would mispredict half the time): the signed level q goes to G+ when
     * positive and to G- when negative, through the exact identities max(x, 0) = (x + |x|) / 2 and
     * max(-x, 0) = (|x| - x) / 2, and levels are rounded half-to-even by {@link org.pfmsim.kernel.Rounding#rint(float)}. The
     * variability of weight k's two devices is deviate k (G+) and deviate n + k (G-) of the variability
     * stream's normal sequence, n = rows x cols. Additive: G + sigma (gMax - gMin) N; proportional:
     * G + (sigma G) N; one fused multiply-add either way, floored at 0 S (conductance cannot be negative).
     * {@link ProgramVector} does the same in SIMD registers when the JVM allows.
     */
    private static void mapAndVary(CrossbarSpec spec, float[] weights, float scale, float[] gp, float[] gn,
                                   CounterRng rng, boolean simd) {
        float gMin = (float) spec.gMinSiemens();
        int levels = spec.conductanceLevels();
        boolean quantize = levels > 0;
        float steps = quantize ? levels - 1 : 1;
        float perStep = (float) (spec.windowSiemens() / steps);
        float toSteps = steps / scale;
        float sigma = (float) spec.variability().sigma();
        boolean vary = sigma != 0;
        boolean additive = spec.variability().model() == CrossbarSpec.Variability.Model.ADDITIVE;
        float addScale = additive ? (float) (spec.variability().sigma() * spec.windowSiemens()) : 0f;
        float propScale = additive ? 0f : sigma;
        int n = weights.length;
        Normals normals = Normals.LOCAL.get();
        float[] np = normals.positive;
        float[] nn = normals.negative;
        for (int start = 0; start < n; start += Normals.BLOCK) {
            int count = Math.min(Normals.BLOCK, n - start);
            if (vary) {
                rng.fillNormal(np, 0, count, start);
                rng.fillNormal(nn, 0, count, (long) n + start);
            }
            int k = simd ? ProgramVector.mapAndVary(weights, start, count, quantize, toSteps, perStep, gMin,
                    vary, addScale, propScale, np, nn, gp, gn) : 0;
            for (; k < count; k++) {
                float t = weights[start + k] * toSteps;
                float q = (quantize ? org.pfmsim.kernel.Rounding.rint(t) : t) * perStep;
                float a = Math.abs(q);
                float p = gMin + 0.5f * (q + a);
                float m = gMin + 0.5f * (a - q);
                if (vary) {
                    p = Math.max(Math.fma(addScale + propScale * p, np[k], p), 0f);
                    m = Math.max(Math.fma(addScale + propScale * m, nn[k], m), 0f);
                }
                gp[start + k] = p;
                gn[start + k] = m;
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
