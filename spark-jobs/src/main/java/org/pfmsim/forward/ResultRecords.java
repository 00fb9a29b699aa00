package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.decoder.TokenBatch;
import org.pfmsim.results.LayerRecord;
import org.pfmsim.results.OutputRecord;
import org.pfmsim.results.OutputsSpec;
import org.pfmsim.results.TileRecord;
import org.pfmsim.task.TaskMetrics;

/** Layer outcomes as rows of the {@code layers} and {@code tiles} tables; final outputs as {@code outputs}. */
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
                    o.areaSquareMeters(), o.inputsClipped(), o.outputsClipped(), o.wallSeconds(), o.calibration()));
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

    /**
     * The {@code outputs} rows of a run: one per position of the final outputs (positions x classes on each
     * chain, row-major); position p is token p % perSample of sample p / perSample. At most
     * {@link OutputsSpec#ALL_CLASSES_UP_TO} classes every score is kept, above that the top {@code topK}.
     *
     * @param labels per position, the class or {@link TokenBatch#NO_LABEL}; null without labels
     */
    public static List<OutputRecord> outputs(String runId, float[] physical, float[] digital, int classes,
                                             int[] labels, int perSample, int topK) {
        int positions = digital.length / classes;
        boolean all = classes <= OutputsSpec.ALL_CLASSES_UP_TO;
        int k = Math.min(topK, classes);
        List<OutputRecord> rows = new ArrayList<>(positions);
        for (int p = 0; p < positions; p++) {
            int o = p * classes;
            Integer label = labels == null || labels[p] == TokenBatch.NO_LABEL ? null : labels[p];
            int[] physicalTop = all ? null : top(physical, o, classes, k);
            int[] digitalTop = all ? null : top(digital, o, classes, k);
            rows.add(new OutputRecord(runId, p / perSample, p % perSample, label,
                    TaskMetrics.argmax(physical, o, classes), TaskMetrics.argmax(digital, o, classes),
                    all ? java.util.Arrays.copyOfRange(physical, o, o + classes) : scores(physical, o, physicalTop),
                    all ? java.util.Arrays.copyOfRange(digital, o, o + classes) : scores(digital, o, digitalTop),
                    physicalTop, digitalTop));
        }
        return rows;
    }

    /** The k classes of highest score in scores[o, o + n), highest first, ties to the lower class. */
    static int[] top(float[] scores, int o, int n, int k) {
        int[] best = new int[k];
        int held = 0;
        for (int c = 0; c < n; c++) {
            float v = scores[o + c];
            if (held == k && !(v > scores[o + best[k - 1]])) {
                continue;
            }
            int at = held < k ? held++ : k - 1;
            while (at > 0 && v > scores[o + best[at - 1]]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = c;
        }
        return best;
    }

    private static float[] scores(float[] scores, int o, int[] classes) {
        float[] out = new float[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = scores[o + classes[i]];
        }
        return out;
    }
}
