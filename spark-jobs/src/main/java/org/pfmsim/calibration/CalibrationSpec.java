package org.pfmsim.calibration;

import java.util.List;
import org.pfmsim.config.ConfigException;
import org.pfmsim.scaling.FidelityMetric;

/**
 * Where a scaling study takes a measured budget from (config {@code calibration.*} of
 * {@code scaling-defaults.conf}).
 *
 * @param resultsRoot root of simulated runs; empty = no calibration
 * @param key         the budget key the runs varied (path in their resolved config)
 * @param metric      fidelity column compared with the target, at each run's last layer
 * @param target      the fidelity to meet
 * @param sweepId     only runs of this sweep; empty = every run
 * @param interpolate whether to interpolate between sampled budgets
 */
public record CalibrationSpec(String resultsRoot, String key, FidelityMetric metric, double target, String sweepId,
                              boolean interpolate) {
    /** Budget keys the cost model depends on, and so can be calibrated. */
    public static final String PHOTONS_PER_MAC = "platform.optical-mvm.photons-per-mac";
    public static final String ADC_BITS = "platform.crossbar.adc.bits";
    static final List<String> KEYS = List.of(ADC_BITS, PHOTONS_PER_MAC);

    public CalibrationSpec {
        if (!resultsRoot.isEmpty() && !KEYS.contains(key)) {
            throw ConfigException.of("calibration.key", key.isEmpty() ? "\"\"" : key, "one of " + String.join(" ", KEYS)
                    + " (budgets the cost model depends on) when calibration.results-root is set");
        }
        if (!Double.isFinite(target)) {
            throw ConfigException.of("calibration.target", target, "a finite number");
        }
    }

    public boolean enabled() {
        return !resultsRoot.isEmpty();
    }
}
