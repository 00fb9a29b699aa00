package org.pfmsim.crossbar.aging;

import org.pfmsim.config.ConfigException;

/**
 * Phase-change memory of the IBM HERMES 64-core 14 nm chip as IBM aihwkit's {@code HermesNoiseModel}
 * (Le Gallo et al., Nat. Electron. 6, 680 (2023), https://www.nature.com/articles/s41928-023-01010-1;
 * Khaddam-Aljameh et al., JSSC 2022; read from {@code src/aihwkit/inference/noise/hermes.py}). The method
 * is {@link PowerLawDrift}'s; the piecewise fits, with gr = g / gMax, for {@code num-devices} = 2 (the
 * default: multi-device MSF programming, Vasilopoulos et al., TED 2023) or 1 (single-device programming):
 * <table>
 *   <caption>HermesNoiseModel fits</caption>
 *   <tr><th></th><th>2 devices</th><th>1 device</th></tr>
 *   <tr><td>g_max characterized</td><td>20.7 uS</td><td>10.35 uS</td></tr>
 *   <tr><td>t0</td><td>300 s</td><td>200 s</td></tr>
 *   <tr><td>sigma_prog, uS</td><td>0.16603222 + 4.71806468 gr - 8.48101252 gr^2 + 4.68961419 gr^3</td>
 *       <td>0.15781817 + 2.32443916 gr - 2.16310839 gr^2 + 0.68841818 gr^3</td></tr>
 *   <tr><td>sigma_nu</td><td>gr &lt; 0.3055: PowerLawDrift.clamp(-0.0117 ln gr - 0.0057, 0.0091, 0.04);
 *       else -0.0118 gr^2 + 0.0093 gr + 0.0073</td>
 *       <td>gr &lt; 0.3039: PowerLawDrift.clamp(-0.0120 ln gr - 0.0023, 0.0124, 0.04); else -0.0165 gr^2 + 0.0116 gr +
 *       0.0104</td></tr>
 *   <tr><td>Q_s</td><td>gr &lt; 0.16: PowerLawDrift.clamp(-0.0117 ln gr - 0.0069, 0.015, 0.04);
 *       else 0.0069 gr^3 - 0.0280 gr^2 + 0.0211 gr + 0.0123</td>
 *       <td>gr &lt; 0.1591: PowerLawDrift.clamp(-0.0078 ln gr + 0.0038, 0.0179, 0.04); else 0.0664 gr^3 - 0.1352 gr^2
 *       + 0.0768 gr + 0.0088</td></tr>
 * </table>
 * mu_nu is common: gr &lt; 0.0945: PowerLawDrift.clamp(-0.0387 ln gr - 0.0182, 0.072, 0.13); else -0.0436 gr^2 - 0.0126 gr
 * + 0.0736. t_read = 512 ns. The polynomials are in uS at the characterized g_max and scale with the
 * window; as aihwkit asserts, the window may not exceed the characterized g_max. aihwkit's docstring notes
 * that with 2 devices its drift is worse than measured on chip (both devices are taken to hold the same
 * conductance; the chip's dynamic conductance mapping needs its feedback).
 *
 * @param devices               devices per weight on the chip, 1 or 2 (it selects the fit set and t0)
 * @param tReadSeconds          duration of one read in the 1/f integral, s (512 ns)
 * @param programmingNoiseScale multiplier on the fitted programming noise (1)
 * @param readNoiseScale        multiplier on the 1/f read noise (1)
 * @param driftScale            multiplier on the drift exponent (1)
 */
public record HermesAging(int devices, double tReadSeconds, double programmingNoiseScale, double readNoiseScale,
                          double driftScale) implements PowerLawDrift {
    public static final String NAME = "hermes";

    public HermesAging {
        if (devices != 1 && devices != 2) {
            throw ConfigException.of(AgingSpec.KEY + NAME + ".num-devices", devices, "1 or 2 (HERMES fits)");
        }
        PowerLawDrift.check(AgingSpec.KEY + NAME + ".", 1, tReadSeconds, programmingNoiseScale, readNoiseScale,
                driftScale);
    }

    /** t0 = 300 s with 2 devices, 200 s with 1 (aihwkit's values, tied to the fits). */
    @Override
    public double t0Seconds() {
        return devices == 2 ? 300.0 : 200.0;
    }

    /** aihwkit's defaults: 2 devices, t_read = 512 ns, every scale 1. */
    public static HermesAging published() {
        return new HermesAging(2, 512e-9, 1, 1, 1);
    }

    /** The largest conductance characterized, S: 20.7 uS with 2 devices, 10.35 uS with 1. */
    public double characterizedGMaxSiemens() {
        return (devices == 2 ? 20.7 : 10.35) * 1e-6;
    }

    @Override
    public String configName() {
        return NAME;
    }

    @Override
    public void checkWindow(double gMinSiemens, double gMaxSiemens) {
        // A relative tolerance: 20.7e-6 written in a config is not bit-equal to 20.7 * 1e-6.
        if (gMaxSiemens > characterizedGMaxSiemens() * (1 + 1e-12)) {
            throw ConfigException.of("platform.crossbar.g-max-siemens", gMaxSiemens, "at most "
                    + characterizedGMaxSiemens() + " S with aging model hermes and num-devices = " + devices
                    + " (the largest conductance the HERMES fits characterize)");
        }
    }

    @Override
    public double programmingSigmaMicroSiemens(double gr) {
        return devices == 2 ? PowerLawDrift.polynomial(gr, 0.16603222, 4.71806468, -8.48101252, 4.68961419)
                : PowerLawDrift.polynomial(gr, 0.15781817, 2.32443916, -2.16310839, 0.68841818);
    }

    @Override
    public double referenceWindowMicroSiemens() {
        return devices == 2 ? 20.7 : 10.35;
    }

    @Override
    public double driftExponentMean(double gr) {
        return gr < 0.0945 ? PowerLawDrift.clamp(-0.0387 * Math.log(gr) - 0.0182, 0.0720, 0.13)
                : -0.0436 * gr * gr - 0.0126 * gr + 0.0736;
    }

    @Override
    public double driftExponentSigma(double gr) {
        if (devices == 1) {
            return gr < 0.3039 ? PowerLawDrift.clamp(-0.0120 * Math.log(gr) - 0.0023, 0.0124, 0.04)
                    : -0.0165 * gr * gr + 0.0116 * gr + 0.0104;
        }
        return gr < 0.3055 ? PowerLawDrift.clamp(-0.0117 * Math.log(gr) - 0.0057, 0.0091, 0.04)
                : -0.0118 * gr * gr + 0.0093 * gr + 0.0073;
    }

    @Override
    public double flickerAmplitude(double gr) {
        if (devices == 1) {
            return gr < 0.1591 ? PowerLawDrift.clamp(-0.0078 * Math.log(gr) + 0.0038, 0.0179, 0.04)
                    : PowerLawDrift.polynomial(gr, 0.0088, 0.0768, -0.1352, 0.0664);
        }
        return gr < 0.16 ? PowerLawDrift.clamp(-0.0117 * Math.log(gr) - 0.0069, 0.015, 0.04)
                : PowerLawDrift.polynomial(gr, 0.0123, 0.0211, -0.0280, 0.0069);
    }
}
