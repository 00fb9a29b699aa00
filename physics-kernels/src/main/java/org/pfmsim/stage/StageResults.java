package org.pfmsim.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The one way every executor turns a stage's unit results into its blocks. */
public final class StageResults {
    private StageResults() {
    }

    /**
     * Groups the results by block and combines each group ({@link Stage#combine}, which fixes the order within a
     * block); returns the blocks in ascending block order.
     */
    public static <R> List<R> byBlock(Stage<?, ?, R> stage, List<R> results) {
        Map<Long, List<R>> byBlock = new TreeMap<>();
        for (R r : results) {
            byBlock.computeIfAbsent(stage.block(r), k -> new ArrayList<>()).add(r);
        }
        List<R> blocks = new ArrayList<>(byBlock.size());
        for (List<R> block : byBlock.values()) {
            blocks.add(stage.combine(block));
        }
        return blocks;
    }
}
