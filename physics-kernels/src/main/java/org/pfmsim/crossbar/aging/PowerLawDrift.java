package org.pfmsim.crossbar.aging;

import org.pfmsim.config.Checks;

/**
 * The statistical phase-change-memory model of Nandakumar et al. (ICECS 2019) as IBM aihwkit implements
 * it (the {@code BaseNoiseModel} subclasses {@code PCMLikeNoiseModel} and {@code HermesNoiseModel}, read from
 * {@code src/aihwkit/inference/noise/pcm.py} and {@code hermes.py}); the implementations supply the fitted
 * curves. With g the fabricated (target) conductance and gr = |g| / gMax:
 * <ol>
 *   <li>programming noise, once: g_prog = max(g + s_prog sigma_prog(gr) (gMax / g_ref) z_p, 0), sigma_prog
 *       a polynomial in gr fitted in uS at the reference window g_ref (so it scales with the window);</li>
 *   <li>drift exponent, once: nu = s_drift |mu_nu(gr') + sigma_nu(gr') z_d|, gr' = max(gr, 1e-7) (a folded
 *       normal, drawn from the <em>target</em> conductance as aihwkit does);</li>
 *   <li>drift at age t_a: g(t_a) = g_prog ((t_a + t0) / t0)^-nu, t0 the first read after programming;</li>
 *   <li>read noise at that age: sigma_read = s_read Q_s(gr) sqrt(ln((t_a + t0 + t_read) / (2 t_read)))
 *       |g(t_a)|, the integrated 1/f noise from a read of duration t_read to the age.</li>
 * </ol>
 * Conductances are floored at 0 S (aihwkit's clamp). Choices where aihwkit's docs and code disagree, or
 * where a fabricated-once simulator must differ:
 * <ul>
 *   <li>Q_s takes the target conductance, as aihwkit's docs write it (g_T) and its maintainer calls right
 *       (aihwkit issue 436); aihwkit's code passes g_prog. The results differ by the programming noise's
 *       effect on Q_s, "very similar" in the maintainer's words.</li>
 *   <li>aihwkit adds the accumulated 1/f noise as one fresh draw per {@code drift_weights} call, frozen for
 *       that evaluation; here it is noise drawn on every read, with the same distribution per read
 *       (the crossbar draws it per column, exactly; it is not clamped at 0 S per read).</li>
 * </ul>
 */
public interface PowerLawDrift extends AgingModel {
    /** aihwkit's {@code _ZERO_CLIP}: the smallest relative conductance the drift-exponent fit is evaluated at. */
    double ZERO_CLIP = 1e-7;

    /** Time of the first read after programming, s: drift is ((t_a + t0) / t0)^-nu. */
    double t0Seconds();

    /** Duration of one read in the 1/f integral, s. */
    double tReadSeconds();

    /** Multiplier on the fitted programming noise (aihwkit's {@code prog_noise_scale}). */
    double programmingNoiseScale();

    /** Multiplier on the 1/f read noise ({@code read_noise_scale}). */
    double readNoiseScale();

    /** Multiplier on the drift exponent ({@code drift_scale}). */
    double driftScale();

    /** Programming-noise standard deviation, uS at the reference window, at relative conductance gr. */
    double programmingSigmaMicroSiemens(double gr);

    /** The reference window g_ref of that polynomial, uS. */
    double referenceWindowMicroSiemens();

    /** Mean of the drift exponent's normal before folding, at gr (already clipped at 1e-7). */
    double driftExponentMean(double gr);

    /** Standard deviation of the drift exponent's normal before folding, at gr (clipped at 1e-7). */
    double driftExponentSigma(double gr);

    /** The 1/f noise amplitude Q_s (relative to the conductance) at gr. */
    double flickerAmplitude(double gr);

    /** Checks the common parameters; {@code key} is the prefix of the model's config keys. */
    static void check(String key, double t0Seconds, double tReadSeconds, double programmingNoiseScale,
                      double readNoiseScale, double driftScale) {
        Checks.positive(key + "t0-seconds", t0Seconds);
        Checks.positive(key + "t-read-seconds", tReadSeconds);
        Checks.nonNegative(key + "prog-noise-scale", programmingNoiseScale);
        Checks.nonNegative(key + "read-noise-scale", readNoiseScale);
        Checks.nonNegative(key + "drift-scale", driftScale);
    }

    /**
     * Programming-noise standard deviation, S, at target g in the window up to gMax: p(gr) uS at the
     * reference window g_ref, times gMax / g_ref, is p(gr) gMax / (g_ref in uS) siemens.
     */
    default double programmingSigmaSiemens(double g, double gMax) {
        return programmingSigmaMicroSiemens(Math.abs(g) / gMax) * gMax / referenceWindowMicroSiemens();
    }

    /** The drift exponent nu of a device with target g and drift deviate z. */
    default double driftExponent(double g, double z, double gMax) {
        double gr = Math.max(Math.abs(g / gMax), ZERO_CLIP);
        return driftScale() * Math.abs(driftExponentMean(gr) + driftExponentSigma(gr) * z);
    }

    /** The drift factor ((t_a + t0) / t0)^-nu at age t_a. */
    default double driftFactor(double nu, double seconds) {
        return seconds > 0 ? Math.pow((seconds + t0Seconds()) / t0Seconds(), -nu) : 1.0;
    }

    /** sigma_read / |g(t_a)| at age t_a for target g: Q_s sqrt(ln((t_a + t0 + t_read) / (2 t_read))). */
    default double relativeReadSigma(double g, double seconds, double gMax) {
        double t = seconds + t0Seconds();
        return readNoiseScale() * flickerAmplitude(Math.abs(g) / gMax)
                * Math.sqrt(Math.log((t + tReadSeconds()) / (2 * tReadSeconds())));
    }

    @Override
    default boolean changesDevices() {
        return true;
    }

    @Override
    default void checkAge(double seconds) {
    }

    @Override
    default double conductance(double g, double zProgramming, double zDrift, double seconds, double gMin,
                               double gMax) {
        double programmed = Math.max(g + programmingNoiseScale() * programmingSigmaSiemens(g, gMax) * zProgramming, 0);
        return programmed * driftFactor(driftExponent(g, zDrift, gMax), seconds);
    }

    @Override
    default double readSigma(double g, double aged, double seconds, double gMin, double gMax) {
        return relativeReadSigma(g, seconds, gMax) * Math.abs(aged);
    }

    /** sum_i c_i x^i, Horner. */
    static double polynomial(double x, double... c) {
        double v = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            v = v * x + c[i];
        }
        return v;
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
