package org.pfmsim.cli;

import org.pfmsim.forward.Simulation;
import org.pfmsim.volume.GlassVolumeSimulation;

/**
 * A resolved, validated run configuration.
 *
 * @param simulation    what to compute (matrix platforms), or null for a glass volume
 * @param glass         the glass-volume simulation when {@code platform.kind = glass-volume}, else null
 * @param outputRoot    results root (local path or Hadoop URI)
 * @param sweepId       the sweep this run belongs to, or null
 * @param configJson    the whole resolved config (defaults included) as JSON, stored with the run
 * @param configHash    SHA-256 of the resolved config without {@code output.*}: equal hashes, equal results
 */
public record RunConfig(Simulation simulation, GlassVolumeSimulation glass, String outputRoot, String sweepId,
                        String configJson, String configHash) {
    /** A matrix-platform run (crossbar, digital, ...). */
    public RunConfig(Simulation simulation, String outputRoot, String sweepId, String configJson, String configHash) {
        this(simulation, null, outputRoot, sweepId, configJson, configHash);
    }

    /** Runs are named by their config, so re-running a config replaces its results instead of duplicating them. */
    public String runId() {
        return configHash.substring(0, 16);
    }
}
