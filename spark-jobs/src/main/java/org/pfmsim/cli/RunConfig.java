package org.pfmsim.cli;

import org.pfmsim.forward.Simulation;

/**
 * A resolved, validated run configuration.
 *
 * @param simulation    what to compute
 * @param outputRoot    results root (local path or Hadoop URI)
 * @param sweepId       the sweep this run belongs to, or null
 * @param configJson    the whole resolved config (defaults included) as JSON, stored with the run
 * @param configHash    SHA-256 of the resolved config without {@code output.*}: equal hashes, equal results
 */
public record RunConfig(Simulation simulation, String outputRoot, String sweepId, String configJson,
                        String configHash) {
    /** Runs are named by their config, so re-running a config replaces its results instead of duplicating them. */
    public String runId() {
        return configHash.substring(0, 16);
    }
}
