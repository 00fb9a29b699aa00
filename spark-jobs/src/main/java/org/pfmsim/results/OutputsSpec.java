package org.pfmsim.results;

import org.pfmsim.config.Checks;

/**
 * Whether a run writes the {@code outputs} table ({@code output.outputs}) and how many classes of each
 * position it keeps above {@link #ALL_CLASSES_UP_TO} classes ({@code output.outputs-top-k}).
 */
public record OutputsSpec(boolean enabled, int topK) {
    /** Up to this many classes every score is written; above (a vocabulary), the top k. */
    public static final int ALL_CLASSES_UP_TO = 1024;

    public OutputsSpec {
        Checks.intRange("output.outputs-top-k", topK, 1, ALL_CLASSES_UP_TO);
    }

    /** The table off. */
    public static final OutputsSpec OFF = new OutputsSpec(false, 10);
}
