package org.pfmsim.cli;

import org.pfmsim.forward.DecoderSimulation;
import org.pfmsim.forward.Simulation;
import org.pfmsim.results.OutputsSpec;
import org.pfmsim.volume.GlassVolumeSimulation;

/**
 * A resolved, validated run configuration: exactly one of an MLP stack, a decoder or a glass volume.
 *
 * @param simulation    what to compute for an MLP stack, else null
 * @param decoder       what to compute for a decoder ({@code model.source = synthetic-decoder} or a
 *                      gpt2/llama checkpoint), else null
 * @param glass         the glass-volume simulation when {@code platform.kind = glass-volume}, else null
 * @param outputRoot    results root (local path or Hadoop URI)
 * @param sweepId       the sweep this run belongs to, or null
 * @param configJson    the whole resolved config (defaults included) as JSON, stored with the run
 * @param configHash    SHA-256 of the resolved config without {@code output.*}: equal hashes, equal results
 * @param outputs       whether the run writes the {@code outputs} table, and how
 */
public record RunConfig(Simulation simulation, DecoderSimulation decoder, GlassVolumeSimulation glass,
                        String outputRoot, String sweepId, String configJson, String configHash,
                        OutputsSpec outputs) {
    public RunConfig {
        int kinds = (simulation != null ? 1 : 0) + (decoder != null ? 1 : 0) + (glass != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a run is exactly one of an MLP stack, a decoder or a glass volume");
        }
    }

    /** An MLP-stack run. */
    public RunConfig(Simulation simulation, String outputRoot, String sweepId, String configJson, String configHash) {
        this(simulation, null, null, outputRoot, sweepId, configJson, configHash, OutputsSpec.OFF);
    }

    /**
     * Runs are named by their config, so re-running a config replaces its results instead of duplicating
     * them. A sweep's runs are also named by the sweep: the same config in two sweeps is two runs, so one
     * sweep's point can never replace (and so remove) another's, and concurrent sweeps never commit the
     * same run.
     */
    public String runId() {
        if (sweepId == null) {
            return configHash.substring(0, 16);
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((configHash + "/" + sweepId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
