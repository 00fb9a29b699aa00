package org.pfmsim.cli;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.calibration.CalibrationSpec;
import org.pfmsim.platform.Media;
import org.pfmsim.platform.Medium;
import org.pfmsim.scaling.CostModel;
import org.pfmsim.scaling.FidelityMetric;
import org.pfmsim.scaling.ParameterGrid;
import org.pfmsim.scaling.ScalingStudy;

/** Maps the keys of {@code scaling-defaults.conf} onto the scaling model's records. */
final class ScalingBinder {
    private ScalingBinder() {
    }

    /** Every registered medium's closed-form cost model, bound from its own keys, against the digital baseline. */
    static ScalingStudy study(TypedConfig c) {
        ParameterGrid grid = new ParameterGrid(c.number("grid.min-parameters"), c.number("grid.max-parameters"),
                c.integer("grid.points-per-decade"));
        List<CostModel> platforms = new ArrayList<>();
        for (Medium medium : Media.all()) {
            if (!medium.baseline()) {
                platforms.add(medium.scalingModel(c));
            }
        }
        return new ScalingStudy(grid, c.longInteger("model.width"), c.number("model.aspect-ratio"), platforms,
                Media.baseline().scalingModel(c), c.longInteger("compensation.probes"));
    }

    static CalibrationSpec calibration(TypedConfig c) {
        String p = "calibration.";
        return new CalibrationSpec(c.string(p + "results-root"), c.string(p + "key"),
                FidelityMetric.parse(p + "metric", c.string(p + "metric")), c.number(p + "target"),
                c.string(p + "sweep-id"), c.bool(p + "interpolate"));
    }
}
