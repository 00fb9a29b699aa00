package org.pfmsim.crossbar.aging;

import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;

/**
 * Filamentary conductive-metal-oxide (CMO)/HfOx ReRAM of IBM Research Zurich as IBM aihwkit's
 * {@code ReRamCMONoiseModel} (Falcone et al. 2025, arXiv 2502.04524; read from
 * {@code src/aihwkit/inference/noise/reram.py}). All fits in uS, ln the natural logarithm, t_a the age in
 * seconds; with g the fabricated (target) conductance:
 * <ol>
 *   <li>programming noise, once: g_prog = g + s_prog sigma_prog z_p with sigma_prog = 0.0112185391 +
 *       0.01129027418 g (program-and-verify acceptance range 2 %, the default; 0.576 uS at 50 uS) or
 *       0.00081107 + 0.00106879 g (0.2 %; 0.054 uS at 50 uS);</li>
 *   <li>relaxation at age t_a &gt; 0, independent of the conductance: g_relax = g_prog + s_drift
 *       (-0.08900206 ln t_a + (0.04201137 ln t_a + 0.41183342) z_d), a mean shift of -0.73, -1.01 and
 *       -1.54 uS and a spread of 0.76, 0.89 and 1.14 uS after 1 h, 1 d and 1 yr;</li>
 *   <li>clamped to [gMin, gMax] (aihwkit's final clamp);</li>
 *   <li>read noise at age t_a &gt; 0: sigma_read = s_read 0.0277316483 log10(g(t_a)) sqrt(ln((t_a + t_read)
 *       / (2 t_read))) uS, t_read = 1 us (about 0.22-0.26 uS at 50 uS).</li>
 * </ol>
 * At t_a = 0 the device is g_prog (clamped) with no read noise of its own, as aihwkit returns g_prog when
 * {@code t_inference == 0}. Choices:
 * <ul>
 *   <li>aihwkit's docs write the read noise with log(g) and the programming slope as "1.0687 g_target [uS]";
 *       its code uses log10 and 0.00106879 per uS (the docs' figure read in nS per uS). The code is
 *       followed.</li>
 *   <li>aihwkit clamps only the aged conductance and returns g_prog unclamped at age 0; here the clamp to
 *       [gMin, gMax] applies at every age, so age 0 is the same device as every later age.</li>
 *   <li>The read noise takes log10 of the clamped aged conductance (aihwkit: of the unclamped one) and is
 *       drawn per read (aihwkit: once per evaluation), not clamped per read.</li>
 *   <li>aihwkit maps a weight onto one device in [g_min, g_max]; pfm-sim's crossbar uses a differential
 *       pair, so the relaxation's mean shift (the same for every device) cancels in G+ - G-: only its
 *       spread and the clamp at gMin remain.</li>
 * </ul>
 * Published ranges enforced: the docs state the model assumes 8-90 uS; the log-time fits start seconds after
 * programming, so an age is 0 or at least 1 s (below 1 s, ln t_a &lt; 0 would turn the decay into growth).
 *
 * @param acceptancePercent     program-and-verify acceptance range, % of target: 0.2 or 2
 * @param tReadSeconds          duration of one read in the read-noise integral, s (1 us)
 * @param programmingNoiseScale multiplier on the programming noise (1)
 * @param readNoiseScale        multiplier on the read noise (1)
 * @param driftScale            multiplier on the relaxation's mean and spread (1)
 */
public record CmoReRamAging(double acceptancePercent, double tReadSeconds, double programmingNoiseScale,
                            double readNoiseScale, double driftScale) implements AgingModel {
    public static final String NAME = "rram-cmo";
    private static final String KEY = AgingSpec.KEY + NAME + ".";
    static final double G_MIN_CHARACTERIZED = 8e-6;
    static final double G_MAX_CHARACTERIZED = 90e-6;
    /** Relaxation mean per e-fold of age, uS. */
    static final double RELAXATION_MEAN_SLOPE = -0.08900206;
    /** Relaxation spread sigma = a ln t_a + b, uS. */
    static final double RELAXATION_SIGMA_SLOPE = 0.04201137;
    static final double RELAXATION_SIGMA_AT_1S = 0.41183342;
    static final double READ_K = 0.0277316483;

    public CmoReRamAging {
        if (acceptancePercent != 0.2 && acceptancePercent != 2) {
            throw ConfigException.of(KEY + "acceptance-range-percent", acceptancePercent,
                    "0.2 or 2 (the two characterized program-and-verify ranges)");
        }
        Checks.positive(KEY + "t-read-seconds", tReadSeconds);
        Checks.nonNegative(KEY + "prog-noise-scale", programmingNoiseScale);
        Checks.nonNegative(KEY + "read-noise-scale", readNoiseScale);
        Checks.nonNegative(KEY + "drift-scale", driftScale);
    }

    /** aihwkit's defaults: acceptance 2 %, t_read = 1 us, every scale 1. */
    public static CmoReRamAging published() {
        return new CmoReRamAging(2, 1e-6, 1, 1, 1);
    }

    @Override
    public String configName() {
        return NAME;
    }

    @Override
    public boolean changesDevices() {
        return true;
    }

    @Override
    public void checkWindow(double gMinSiemens, double gMaxSiemens) {
        if (gMinSiemens < G_MIN_CHARACTERIZED * (1 - 1e-12)) {
            throw ConfigException.of("platform.crossbar.g-min-siemens", gMinSiemens,
                    "at least 8e-6 S with aging model rram-cmo (characterized on 8-90 uS)");
        }
        if (gMaxSiemens > G_MAX_CHARACTERIZED * (1 + 1e-12)) {
            throw ConfigException.of("platform.crossbar.g-max-siemens", gMaxSiemens,
                    "at most 9e-5 S with aging model rram-cmo (characterized on 8-90 uS)");
        }
    }

    @Override
    public void checkAge(double seconds) {
        if (seconds > 0 && seconds < 1) {
            throw ConfigException.of(AgingSpec.KEY + "seconds", seconds,
                    "0 or at least 1 with aging model rram-cmo (its relaxation is fitted in ln t from seconds on)");
        }
    }

    /** Programming-noise standard deviation, S, at target g (S). */
    public double programmingSigmaSiemens(double g) {
        double gMicro = g * 1e6;
        double sigmaMicro = acceptancePercent == 2 ? 0.0112185391 + 0.01129027418 * gMicro
                : 0.00081107 + 0.00106879 * gMicro;
        return sigmaMicro * 1e-6;
    }

    /** Mean relaxation, S, at age t_a &ge; 1 s: s_drift (-0.08900206 uS) ln t_a. */
    public double relaxationMeanSiemens(double seconds) {
        return seconds > 0 ? driftScale * RELAXATION_MEAN_SLOPE * Math.log(seconds) * 1e-6 : 0;
    }

    /** Relaxation spread, S, at age t_a &ge; 1 s: s_drift (0.04201137 ln t_a + 0.41183342) uS. */
    public double relaxationSigmaSiemens(double seconds) {
        return seconds > 0
                ? driftScale * (RELAXATION_SIGMA_SLOPE * Math.log(seconds) + RELAXATION_SIGMA_AT_1S) * 1e-6 : 0;
    }

    @Override
    public double conductance(double g, double zProgramming, double zDrift, double seconds, double gMin,
                              double gMax) {
        double programmed = g + programmingNoiseScale * programmingSigmaSiemens(g) * zProgramming;
        double relaxed = programmed + relaxationMeanSiemens(seconds) + relaxationSigmaSiemens(seconds) * zDrift;
        return Math.max(gMin, Math.min(gMax, relaxed));
    }

    @Override
    public double readSigma(double g, double aged, double seconds, double gMin, double gMax) {
        if (seconds <= 0) {
            return 0;
        }
        return readNoiseScale * READ_K * Math.log10(aged * 1e6)
                * Math.sqrt(Math.log((seconds + tReadSeconds) / (2 * tReadSeconds))) * 1e-6;
    }
}
