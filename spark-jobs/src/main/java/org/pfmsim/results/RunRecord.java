package org.pfmsim.results;

import org.pfmsim.platform.Characterization;
import java.time.Instant;
import java.util.Objects;
import org.pfmsim.task.TaskMetrics;

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
 * @param batch       micro-batch: input vectors (decoders: sequences) pushed through the model together
 * @param status      final status; {@code "complete"} for every committed run
 * @param wallSeconds wall-clock duration of the run in seconds
 * @param startedAt   start of the run; stored as a Parquet timestamp, so at microsecond precision
 * @param codeVersion version of the simulator that produced the run
 * @param rows        samples evaluated (decoders: sequences), every micro-batch together
 * @param task        task metrics of a model whose last layer produces class scores (a decoder, or an MLP
 *                    given labels), else null: columns {@code top1_agreement}, {@code kl_divergence},
 *                    {@code accuracy}, {@code accuracy_digital}, {@code cross_entropy},
 *                    {@code cross_entropy_digital}, {@code perplexity}, {@code perplexity_digital}; a label
 *                    metric without labels is null
 * @param calibration the model's characterization before use, matrices one after another (compensation.*):
 *                    columns {@code calibration_probe_reads}, {@code calibration_energy_joules},
 *                    {@code calibration_seconds}, {@code tunable_parameters} and {@code tunable_fraction}
 *                    (tunable over fixed parameters)
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
        long rows,
        TaskMetrics task,
        Characterization calibration) {

    /** Rejects a missing run id, which would otherwise land in an unreadable default partition. */
    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        if (runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
    }

    /** A run of {@code batch} samples without task metrics. */
    public RunRecord(String runId, String sweepId, String configHash, String configJson, String platform,
                     long parameters, int batch, String status, double wallSeconds, Instant startedAt,
                     String codeVersion) {
        this(runId, sweepId, configHash, configJson, platform, parameters, batch, status, wallSeconds, startedAt,
                codeVersion, batch, null, Characterization.NONE);
    }

    /** A run of tiles used as fabricated. */
    public RunRecord(String runId, String sweepId, String configHash, String configJson, String platform,
                     long parameters, int batch, String status, double wallSeconds, Instant startedAt,
                     String codeVersion, long rows, TaskMetrics task) {
        this(runId, sweepId, configHash, configJson, platform, parameters, batch, status, wallSeconds, startedAt,
                codeVersion, rows, task, Characterization.NONE);
    }

    /** Tunable parameters over the fixed ones (0 for a model used as fabricated). */
    public double tunableFraction() {
        return parameters == 0 ? 0 : (double) calibration.tunableParameters() / parameters;
    }
}
