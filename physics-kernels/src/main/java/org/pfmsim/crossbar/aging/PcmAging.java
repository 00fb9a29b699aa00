package org.pfmsim.crossbar.aging;

/**
 * Phase-change memory as IBM aihwkit's {@code PCMLikeNoiseModel} (fitted on measured PCM devices:
 * Nandakumar et al., ICECS 2019, https://ieeexplore.ieee.org/abstract/document/8964852; read from
 * {@code src/aihwkit/inference/noise/pcm.py}). The method is {@link PowerLawDrift}'s; the fits, with
 * gr = g / gMax:
 * <ul>
 *   <li>sigma_prog = 0.26348 + 1.9650 gr - 1.1731 gr^2 uS at a 25 uS window (0.264 uS at gr = 0, 1.055 uS
 *       at gr = 1), scaled by gMax / 25 uS;</li>
 *   <li>mu_nu = clamp(-0.0155 ln gr + 0.0244, 0.049, 0.1), sigma_nu = clamp(-0.0125 ln gr - 0.0059, 0.008,
 *       0.045): a high-conductance device drifts with nu ~ 0.049, halving in about a year
 *       ((3.16e7 s / 20 s)^-0.049 = 0.50);</li>
 *   <li>Q_s = min(0.0088 / max(gr^0.65, 1e-3), 0.2);</li>
 *   <li>t0 = 20 s, t_read = 250 ns (aihwkit's defaults, configurable).</li>
 * </ul>
 *
 * @param t0Seconds             time of the first read after programming, s (20 s)
 * @param tReadSeconds          duration of one read in the 1/f integral, s (250 ns)
 * @param programmingNoiseScale multiplier on the fitted programming noise (1)
 * @param readNoiseScale        multiplier on the 1/f read noise (1)
 * @param driftScale            multiplier on the drift exponent (1)
 */
public record PcmAging(double t0Seconds, double tReadSeconds, double programmingNoiseScale, double readNoiseScale,
                       double driftScale) implements PowerLawDrift {
    public static final String NAME = "pcm";
    /** aihwkit's {@code prog_coeff}, uS, in powers of gr, fitted at {@link #REFERENCE_G_MAX_MICRO_SIEMENS}. */
    static final double[] PROGRAMMING = {0.26348, 1.9650, -1.1731};
    static final double REFERENCE_G_MAX_MICRO_SIEMENS = 25.0;

    public PcmAging {
        PowerLawDrift.check(AgingSpec.KEY + NAME + ".", t0Seconds, tReadSeconds, programmingNoiseScale,
                readNoiseScale, driftScale);
    }

    /** aihwkit's defaults: t0 = 20 s, t_read = 250 ns, every scale 1. */
    public static PcmAging published() {
        return new PcmAging(20.0, 250e-9, 1, 1, 1);
    }

    @Override
    public String configName() {
        return NAME;
    }

    @Override
    public void checkWindow(double gMinSiemens, double gMaxSiemens) {
        // The fits are relative to gMax (aihwkit rescales sigma_prog from its 25 uS reference): any window.
    }

    @Override
    public double programmingSigmaMicroSiemens(double gr) {
        return PowerLawDrift.polynomial(gr, PROGRAMMING);
    }

    @Override
    public double referenceWindowMicroSiemens() {
        return REFERENCE_G_MAX_MICRO_SIEMENS;
    }

    @Override
    public double driftExponentMean(double gr) {
        return PowerLawDrift.clamp(-0.0155 * Math.log(gr) + 0.0244, 0.049, 0.1);
    }

    @Override
    public double driftExponentSigma(double gr) {
        return PowerLawDrift.clamp(-0.0125 * Math.log(gr) - 0.0059, 0.008, 0.045);
    }

    @Override
    public double flickerAmplitude(double gr) {
        return Math.min(0.0088 / Math.max(Math.pow(gr, 0.65), 1e-3), 0.2);
    }
}
