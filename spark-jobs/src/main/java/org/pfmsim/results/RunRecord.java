package org.pfmsim.results;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the {@code runs} table: what was simulated and how the run ended. Written last, so a
 * run is visible to readers exactly when this row is.
 *
 * @param runId       identifier of the run; the partition key shared with {@code layers} and
 *                    {@code tiles}. Non-blank.
 * @param sweepId     identifier of the sweep this run belongs to, or {@code null} when the run is
 *                    not part of a sweep (stored as Spark's default partition, read back as null)
 * @param configHash  hash of the resolved configuration; equal hashes mean equal simulations
 * @param configJson  the resolved configuration as JSON (column {@code config})
 * @param platform    platform kind, e.g. {@code crossbar}, {@code optical-mvm}
 * @param parameters  number of weights simulated (count, not bytes)
 * @param batch       number of input vectors pushed through the model
 * @param status      final status; {@code "complete"} for every committed run
 * @param wallSeconds wall-clock duration of the run in seconds
 * @param startedAt   start of the run; stored as a Parquet timestamp, so at microsecond precision
 * @param codeVersion version of the simulator that produced the run
 * @param top1Agreement  models with an LM head: fraction of positions where the physical model's top-1
 *                       next token equals the digital model's; null otherwise (column {@code top1_agreement})
 * @param klDivergence   mean over positions of KL(p_digital || p_physical) of the next-token
 *                       distributions, in nats; null without a head (column {@code kl_divergence})
 * @param accuracy       fraction of labelled positions where the physical model predicts the label; null
 *                       without a head or labels (column {@code accuracy})
 * @param accuracyDigital the same for the digital model (column {@code accuracy_digital})
 */
public record RunRecord(
        String runId,
        String sweepId,
        String configHash,
        String configJson,
        String platform,
        long parameters,
        int batch,
        String status,
        double wallSeconds,
        Instant startedAt,
        String codeVersion,
        Double top1Agreement,
        Double klDivergence,
        Double accuracy,
        Double accuracyDigital) {

    /** Rejects a missing run id, which would otherwise land in an unreadable default partition. */
    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        if (runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
    }

    /** A run without an LM head (no next-token metrics). */
    public RunRecord(String runId, String sweepId, String configHash, String configJson, String platform,
                     long parameters, int batch, String status, double wallSeconds, Instant startedAt,
                     String codeVersion) {
        this(runId, sweepId, configHash, configJson, platform, parameters, batch, status, wallSeconds, startedAt,
                codeVersion, null, null, null, null);
    }
}
