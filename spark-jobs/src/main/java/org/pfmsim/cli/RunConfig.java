package org.pfmsim.cli;

import org.pfmsim.forward.DecoderSimulation;
import org.pfmsim.forward.Simulation;

/**
 * A resolved, validated run configuration.
 *
 * @param simulation    what to compute for an MLP stack, or null for a decoder
 * @param decoder       what to compute for a decoder ({@code model.source = synthetic-decoder}), or null
 * @param outputRoot    results root (local path or Hadoop URI)
 * @param sweepId       the sweep this run belongs to, or null
 * @param configJson    the whole resolved config (defaults included) as JSON, stored with the run
 * @param configHash    SHA-256 of the resolved config without {@code output.*}: equal hashes, equal results
 */
public record RunConfig(Simulation simulation, DecoderSimulation decoder, String outputRoot, String sweepId,
                        String configJson, String configHash) {
    public RunConfig {
        if ((simulation == null) == (decoder == null)) {
            throw new IllegalArgumentException("a run is either an MLP stack or a decoder");
        }
    }

    /** An MLP-stack run. */
    public RunConfig(Simulation simulation, String outputRoot, String sweepId, String configJson, String configHash) {
        this(simulation, null, outputRoot, sweepId, configJson, configHash);
    }

    /** Runs are named by their config, so re-running a config replaces its results instead of duplicating them. */
    public String runId() {
        return configHash.substring(0, 16);
    }
}
