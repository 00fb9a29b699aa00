package org.pfmsim.cli;

import org.pfmsim.forward.RunModel;
import org.pfmsim.forward.Simulation;
import org.pfmsim.results.OutputsSpec;

/**
 * A resolved, validated run configuration.
 *
 * @param model         what to compute: an MLP stack, a decoder ({@code model.source = synthetic-decoder} or a
 *                      gpt2/llama checkpoint) or a staged medium's model (the glass volume)
 * @param outputRoot    results root (local path or Hadoop URI)
 * @param sweepId       the sweep this run belongs to, or null
 * @param configJson    the whole resolved config (defaults included) as JSON, stored with the run
 * @param configHash    SHA-256 of the resolved config without {@code output.*}: equal hashes, equal results
 * @param outputs       whether the run writes the {@code outputs} table, and how
 */
public record RunConfig(RunModel model, String outputRoot, String sweepId, String configJson, String configHash,
                        OutputsSpec outputs) {
    public RunConfig {
        java.util.Objects.requireNonNull(model, "a run computes a model");
    }

    /** The MLP stack of an MLP-stack run (for callers that take only those); refuses any other run. */
    public Simulation simulation() {
        if (model instanceof Simulation s) {
            return s;
        }
        throw new IllegalStateException("not an MLP-stack run: " + model.getClass().getSimpleName());
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
