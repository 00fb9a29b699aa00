package org.pfmsim.scaling;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;

/**
 * Parameter counts on a logarithmic grid: {@code pointsPerDecade} points per factor of ten from
 * {@code minParameters} up to and including {@code maxParameters} (the last point is the maximum even
 * when it falls between two grid steps). Counts are rounded to whole weights.
 */
public record ParameterGrid(double minParameters, double maxParameters, int pointsPerDecade) {
    /** Largest count costed: a long holds 9.2e18. */
    public static final double MAX = 1e18;

    public ParameterGrid {
        if (!(minParameters >= 1 && minParameters <= MAX)) {
            throw ConfigException.of("grid.min-parameters", minParameters, "a number from 1 to " + MAX);
        }
        if (!(maxParameters >= minParameters && maxParameters <= MAX)) {
            throw ConfigException.of("grid.max-parameters", maxParameters,
                    "a number from grid.min-parameters (" + minParameters + ") to " + MAX);
        }
        Checks.intRange("grid.points-per-decade", pointsPerDecade, 1, 100);
    }

    public List<Long> counts() {
        List<Long> counts = new ArrayList<>();
        double decades = Math.log10(maxParameters / minParameters);
        long steps = (long) Math.floor(decades * pointsPerDecade + 1e-9);
        for (long i = 0; i <= steps; i++) {
            counts.add(Math.round(minParameters * Math.pow(10, (double) i / pointsPerDecade)));
        }
        long max = Math.round(maxParameters);
        if (counts.get(counts.size() - 1) != max) {
            counts.add(max);
        }
        return counts;
    }
}
