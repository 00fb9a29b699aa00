package org.pfmsim.scaling;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.config.Checks;

/**
 * Every platform at every parameter count of the grid, each compared with the digital baseline.
 * Rows come platform by platform (in the order given, baseline last), parameter counts ascending.
 *
 * @param grid        parameter counts
 * @param fixedWidth  layer width at every size, or 0 to derive it from {@code aspectRatio}
 * @param aspectRatio width / depth when the width is derived (see {@link Workload#of})
 * @param platforms   the physical platforms
 * @param baseline    the digital baseline
 * @param probesPerTile  characterization probes read through each physical tile ({@link CalibrationEffort})
 */
public record ScalingStudy(ParameterGrid grid, long fixedWidth, double aspectRatio, List<CostModel> platforms,
                           CostModel baseline, long probesPerTile) {

    public ScalingStudy {
        Checks.longRange("model.width", fixedWidth, 0, 1L << 31);
        Checks.positive("model.aspect-ratio", aspectRatio);
        Checks.longRange("compensation.probes", probesPerTile, 0, 1L << 40);
        platforms = List.copyOf(platforms);
    }

    public List<ScalingRow> rows() {
        List<CostModel> all = new ArrayList<>(platforms);
        all.add(baseline);
        List<ScalingRow> rows = new ArrayList<>();
        for (CostModel model : all) {
            for (long parameters : grid.counts()) {
                Workload w = Workload.of(parameters, fixedWidth, aspectRatio);
                ScalingPoint point = model.cost(w);
                CalibrationEffort effort = model == baseline ? CalibrationEffort.NONE
                        : CalibrationEffort.of(point, probesPerTile);
                rows.add(new ScalingRow(point, baseline.cost(w).energyPerTokenJoules(), effort));
            }
        }
        return rows;
    }
}
