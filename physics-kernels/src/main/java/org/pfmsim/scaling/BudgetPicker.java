package org.pfmsim.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.pfmsim.config.ConfigException;

/**
 * Picks the smallest physical budget (photons per MAC, ADC bits, conductance levels, ... any number a
 * sweep varied) whose simulated fidelity meets a target.
 *
 * <p>Rules, chosen so that one lucky noisy point cannot set the budget:
 * <ul>
 *   <li>runs with the same budget (e.g. several seeds) count by their worst fidelity;</li>
 *   <li>the pick is the smallest sampled budget from which every larger sampled budget also meets the
 *       target; if the largest sampled budget misses it, the target is not reached and the failure names
 *       the best fidelity seen;</li>
 *   <li>with interpolation, the budget is placed between the picked point and the next smaller one (which
 *       misses) by a straight line in (log budget, linearized metric), {@link FidelityMetric}; the result
 *       is a fractional budget such as 5.4 bits, meant for the cost model, not for fabrication.</li>
 * </ul>
 */
public final class BudgetPicker {
    private BudgetPicker() {
    }

    /** One simulated run: its budget and its fidelity at the layer the target is about. */
    public record Point(double budget, double value, String runId) {
    }

    /**
     * @param budget the chosen budget
     * @param value  the fidelity at that budget (measured, or interpolated)
     * @param runId  the run measured at the picked sample (the upper end when interpolated)
     * @param interpolated whether {@code budget} lies between two sampled budgets
     */
    public record Pick(double budget, double value, String runId, boolean interpolated) {
    }

    /**
     * @throws ConfigException (one line) when no point is given or the target is not reached: the
     *                         calibration asks for more than the results hold
     */
    public static Pick pick(List<Point> points, FidelityMetric metric, double target, boolean interpolate,
            String budgetKey) {
        if (points.isEmpty()) {
            throw new ConfigException("calibration: no run varies " + budgetKey
                    + " with a " + metric.column() + " to compare with the target");
        }
        TreeMap<Double, Point> worstByBudget = new TreeMap<>();
        for (Point p : points) {
            worstByBudget.merge(p.budget(), p, (a, b) -> metric.meets(a.value(), b.value()) ? b : a);
        }
        List<Point> sorted = new ArrayList<>(worstByBudget.values());
        int first = sorted.size();
        while (first > 0 && metric.meets(sorted.get(first - 1).value(), target)) {
            first--;
        }
        if (first == sorted.size()) {
            Point best = sorted.stream().max(Comparator.comparingDouble(
                    p -> metric.ceiling() ? -p.value() : p.value())).orElseThrow();
            throw new ConfigException(String.format(Locale.ROOT,
                    "calibration target %s %s %s not reached: the best is %s = %.6g at %s = %s (run %s) over %d "
                    + "budgets from %s to %s", metric.column(), metric.relation(), target, metric.column(),
                    best.value(), budgetKey, plain(best.budget()), best.runId(), sorted.size(),
                    plain(sorted.get(0).budget()), plain(sorted.get(sorted.size() - 1).budget())));
        }
        Point met = sorted.get(first);
        if (!interpolate || first == 0 || met.value() == target) {
            return new Pick(met.budget(), met.value(), met.runId(), false);
        }
        Point missed = sorted.get(first - 1);
        if (!(missed.budget() > 0)) {
            return new Pick(met.budget(), met.value(), met.runId(), false); // log(0): nothing to interpolate on
        }
        double y0 = metric.linearized(missed.value());
        double y1 = metric.linearized(met.value());
        double y = metric.linearized(target);
        if (!Double.isFinite(y0) || !Double.isFinite(y1) || !Double.isFinite(y) || y0 == y1) {
            return new Pick(met.budget(), met.value(), met.runId(), false); // e.g. an exact 0 error: no line
        }
        double t = (y - y0) / (y1 - y0);
        double logBudget = Math.log(missed.budget()) + t * (Math.log(met.budget()) - Math.log(missed.budget()));
        return new Pick(Math.exp(logBudget), target, met.runId(), true);
    }

    /** A budget as a user wrote it: 6, not 6.0. */
    public static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
