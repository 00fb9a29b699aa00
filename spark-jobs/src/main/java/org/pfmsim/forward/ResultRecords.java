package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.results.LayerRecord;
import org.pfmsim.results.TileRecord;

/** Layer outcomes as rows of the {@code layers} and {@code tiles} tables. */
public final class ResultRecords {
    private ResultRecords() {
    }

    public static List<LayerRecord> layers(String runId, List<LayerOutcome> outcomes) {
        List<LayerRecord> rows = new ArrayList<>(outcomes.size());
        for (LayerOutcome o : outcomes) {
            rows.add(new LayerRecord(runId, o.spec().index(), o.kind(), o.spec().rows(), o.spec().cols(),
                    o.grid().tileCount(), o.local().relativeL2Error(), o.chain().relativeL2Error(),
                    o.chain().cosineSimilarity(), o.chain().snrDb(), o.chain().maxAbsError(),
                    o.local().cosineSimilarity(), o.local().snrDb(), o.energyJoules(), o.latencySeconds(),
                    o.areaSquareMeters(), o.inputsClipped(), o.outputsClipped(), o.wallSeconds()));
        }
        return rows;
    }

    public static List<TileRecord> tiles(String runId, List<LayerOutcome> outcomes) {
        List<TileRecord> rows = new ArrayList<>();
        for (LayerOutcome o : outcomes) {
            for (TileSample t : o.tileSamples()) {
                rows.add(new TileRecord(runId, o.spec().index(), t.tileRow, t.tileCol, t.rows, t.cols, t.relError,
                        t.energyJoules, t.stuckDevices, t.inputsClipped, t.outputsClipped));
            }
        }
        return rows;
    }
}
