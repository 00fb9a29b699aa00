package org.pfmsim.calibration;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.pfmsim.config.ConfigException;
import org.pfmsim.scaling.BudgetPicker;
import org.pfmsim.scaling.PhotonBudget;

/**
 * Turns simulated runs into an input of the cost model: picks the smallest budget meeting the fidelity
 * target ({@link BudgetPicker}) and maps it onto the scaling key it sets.
 *
 * <ul>
 *   <li>{@code platform.crossbar.adc.bits}: the same key of the cost model;</li>
 *   <li>{@code platform.optical-mvm.photons-per-mac}: {@code platform.optical-mvm.output-snr} =
 *       sqrt(photons per MAC x width), the SNR that budget gives a shot-noise-limited output summing the
 *       runs' model width of products ({@link PhotonBudget#snrOf}); the cost model then scales the photons
 *       as SNR^2 / d to every other width. All runs must share one width.</li>
 * </ul>
 *
 * @param budgetKey     the key the runs varied
 * @param pick          the budget picked and its fidelity
 * @param scalingKey    the scaling config key set
 * @param scalingValue  the value it is set to
 * @param runs          runs the pick was made from
 */
public record Calibration(String budgetKey, BudgetPicker.Pick pick, String scalingKey, double scalingValue, int runs) {

    public static Calibration of(CalibrationSpec spec, List<CalibrationReader.Sample> samples) {
        List<BudgetPicker.Point> points = samples.stream()
                .map(s -> new BudgetPicker.Point(s.budget(), s.value(), s.runId())).toList();
        BudgetPicker.Pick pick = BudgetPicker.pick(points, spec.metric(), spec.target(), spec.interpolate(), spec.key());
        if (spec.key().equals(CalibrationSpec.PHOTONS_PER_MAC)) {
            TreeSet<Long> widths = new TreeSet<>();
            samples.forEach(s -> widths.add(s.width()));
            if (widths.size() != 1 || widths.first() <= 0) {
                throw ConfigException.of("calibration.sweep-id", spec.sweepId().isEmpty() ? "\"\"" : spec.sweepId(),
                        "a sweep whose runs share one model.width (found " + widths + ")");
            }
            return new Calibration(spec.key(), pick, "platform.optical-mvm.output-snr",
                    PhotonBudget.snrOf(pick.budget(), widths.first()), samples.size());
        }
        return new Calibration(spec.key(), pick, spec.key(), pick.budget(), samples.size());
    }

    /** One line for the user: what was picked from what, and what it sets. */
    public String describe(CalibrationSpec spec) {
        return String.format(Locale.ROOT, "calibration: %s = %s%s meets %s %s %s (%s %.4g, run %s; %d runs)%s",
                budgetKey, BudgetPicker.plain(pick.budget()), pick.interpolated() ? " (interpolated)" : "",
                spec.metric().column(), spec.metric().relation(), spec.target(), spec.metric().column(),
                pick.value(), pick.runId(), runs,
                scalingKey.equals(budgetKey) ? "" : String.format(Locale.ROOT, "; sets %s = %.6g", scalingKey, scalingValue));
    }
}
