package org.pfmsim.crossbar.aging;

import java.io.Serializable;

/**
 * How one crossbar device's conductance evolves after programming, as a value: the model's per-device
 * coefficients come from two standard normal deviates drawn once at fabrication (programming noise and
 * drift exponent or relaxation; see {@link DeviceAging} for the streams), and the state at any age is a
 * closed form of (target conductance, deviates, age). So the fabricated device is the same at every age
 * and only its age changes.
 *
 * <p>Conductances are in siemens, ages in seconds after programming (aihwkit's {@code t_inference}).
 * The conductance window is the crossbar's [gMin, gMax]; the published models express their fits in
 * uS relative to g_max, which the implementations convert.
 */
public interface AgingModel extends Serializable {
    /** The config spelling of {@code platform.crossbar.aging.model}. */
    String configName();

    /** False only for {@link NoAging}: the crossbar then runs its unaged paths unchanged. */
    boolean changesDevices();

    /**
     * Refuses a conductance window outside the one the model was characterized on (one line naming the
     * crossbar key, the value and what is allowed).
     */
    void checkWindow(double gMinSiemens, double gMaxSiemens);

    /** Refuses an age outside the model's fit (ages are already known to be finite and &ge; 0). */
    void checkAge(double seconds);

    /**
     * The conductance at {@code seconds} after programming, S, of a device whose fabricated (target)
     * conductance is {@code g}, from its fabrication deviates {@code zProgramming} and {@code zDrift}.
     */
    double conductance(double g, double zProgramming, double zDrift, double seconds, double gMin, double gMax);

    /**
     * Standard deviation, S, of one read of that device at that age around {@code aged} (its conductance
     * from {@link #conductance}); 0 for a model without read noise.
     */
    double readSigma(double g, double aged, double seconds, double gMin, double gMax);
}
