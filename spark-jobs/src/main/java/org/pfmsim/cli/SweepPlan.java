package org.pfmsim.cli;

import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pfmsim.config.ConfigException;

/**
 * The points of a sweep, each a complete, validated run config: the base, then the {@code --set} overrides,
 * then the sweep id, then the point's axis values, resolved and checked exactly as {@code pfm run} does. Any
 * bad point refuses the whole sweep before one runs, naming the point and its axis values. A point keeps its
 * overrides and run id, not its resolved config (several kB): {@link Point#config()} resolves it again when the
 * point runs, so a sweep of 10^6 points holds megabytes of plan, not gigabytes.
 */
final class SweepPlan {
    private SweepPlan() {
    }

    /**
     * One point of a sweep.
     *
     * @param number      1-based position in the sweep
     * @param total       number of points of the sweep
     * @param assignments axis key to value, in axis order
     * @param overrides   the point's overrides of the sweep's base config
     * @param sweep       the sweep
     * @param runId       the run id of the resolved config
     */
    record Point(int number, int total, Map<String, ConfigValue> assignments, List<String> overrides,
            SweepConfig sweep, String runId) {
        /** "platform.crossbar.adc.bits=4, platform.crossbar.conductance-levels=16". */
        String describe() {
            return SweepPlan.describe(assignments);
        }

        /** The resolved run config (checked when the plan was expanded, so resolving again cannot fail). */
        RunConfig config() {
            return ConfigLoader.resolve(sweep.base(), overrides);
        }
    }

    static List<Point> expand(SweepConfig sweep) {
        return expand(sweep, message -> { });
    }

    /**
     * @param progress one line every 10,000 points checked, for a sweep of that many or more (a plan of 10^6
     *                 points takes minutes to check)
     */
    static List<Point> expand(SweepConfig sweep, java.util.function.Consumer<String> progress) {
        List<SweepAxis> axes = sweep.axes();
        long total = size(sweep);
        List<Point> points = new ArrayList<>((int) total);
        Map<String, Point> byRunId = new HashMap<>();
        for (int p = 0; p < total; p++) {
            Map<String, ConfigValue> assignments = new LinkedHashMap<>();
            long rest = p;
            int[] index = new int[axes.size()];
            for (int a = axes.size() - 1; a >= 0; a--) {
                int n = axes.get(a).values().size();
                index[a] = sweep.zip() ? p : (int) (rest % n);
                rest /= n;
            }
            List<String> overrides = new ArrayList<>(sweep.runOverrides());
            overrides.add("output.sweep-id=" + sweep.name());
            for (int a = 0; a < axes.size(); a++) {
                ConfigValue v = axes.get(a).values().get(index[a]);
                assignments.put(axes.get(a).key(), v);
                overrides.add(axes.get(a).key() + "=" + SweepAxis.render(v));
            }
            Point point = resolve(p + 1, (int) total, assignments, overrides, sweep);
            Point same = byRunId.putIfAbsent(point.runId(), point);
            if (same != null) {
                throw new ConfigException("sweep points " + same.number() + " (" + same.describe() + ") and "
                        + point.number() + " (" + point.describe() + ") are the same run "
                        + point.runId() + ": allowed points whose run configs differ");
            }
            points.add(point);
            if ((p + 1) % 10_000 == 0) {
                progress.accept(String.format(java.util.Locale.ROOT, "checked %,d of %,d points", p + 1, total));
            }
        }
        return points;
    }

    /** Number of points: the product of the axis sizes (grid) or their common size (zip). */
    static long size(SweepConfig sweep) {
        List<SweepAxis> axes = sweep.axes();
        long total = sweep.zip() ? axes.get(0).values().size() : 1;
        for (SweepAxis axis : axes) {
            int n = axis.values().size();
            if (sweep.zip() && n != total) {
                throw ConfigException.of("sweep.mode", "zip", "axes of one size (" + axes.stream()
                        .map(x -> x.key() + " has " + x.values().size()).collect(Collectors.joining(", ")) + ")");
            }
            if (!sweep.zip()) {
                total = total > Long.MAX_VALUE / n ? Long.MAX_VALUE : total * n;
            }
        }
        if (total > sweep.maxPoints()) {
            throw ConfigException.of("sweep.max-points", sweep.maxPoints(), "at least the sweep's "
                    + (total == Long.MAX_VALUE ? "more than 9.2e18" : String.valueOf(total)) + " points (raise it to "
                    + "run them)");
        }
        return total;
    }

    private static Point resolve(int number, int total, Map<String, ConfigValue> assignments,
            List<String> overrides, SweepConfig sweep) {
        try {
            RunConfig config = ConfigLoader.resolve(sweep.base(), overrides);
            RunCommand.checkFits(config);
            return new Point(number, total, Collections.unmodifiableMap(assignments), List.copyOf(overrides), sweep,
                    config.runId());
        } catch (ConfigException e) {
            throw new ConfigException("sweep point " + number + "/" + total + " (" + describe(assignments) + "): "
                    + e.getMessage());
        }
    }

    private static String describe(Map<String, ConfigValue> assignments) {
        return assignments.entrySet().stream().map(e -> e.getKey() + "=" + SweepAxis.render(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
