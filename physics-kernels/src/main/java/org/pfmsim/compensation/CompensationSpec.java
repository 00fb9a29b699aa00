package org.pfmsim.compensation;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.config.ConfigView;

/**
 * How a fabricated model is characterized and corrected after fabrication (keys {@code compensation.*}):
 * which tunable correction, fitted from how many probes of which kind, read through the device at which age,
 * and how strict the verification of its tiles is.
 *
 * @param kind                     the tunable family
 * @param rank                     r of {@link CorrectionKind#LOW_RANK}
 * @param probes                   probes read through each matrix (0: no characterization)
 * @param probeKind                which probes
 * @param atSeconds                device age at characterization, s (at most the evaluation age)
 * @param verificationSigmas       k of the verification rule ({@link Verification#flag})
 */
public record CompensationSpec(CorrectionKind kind, int rank, int probes, ProbeKind probeKind, double atSeconds,
                               double verificationSigmas) implements Serializable {
    public static final String P = "compensation.";

    public CompensationSpec {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(probeKind);
        Checks.intRange(P + "probes", probes, 0, 1 << 20);
        int needed = minimumProbes(kind, rank);
        if (probes < needed) {
            throw ConfigException.of(P + "probes", probes, "at least " + needed + " for compensation.kind = "
                    + configName(kind) + (kind == CorrectionKind.LOW_RANK ? " of rank " + rank
                    + " (a rank-r fit needs more than r probes)" : ""));
        }
        if (kind == CorrectionKind.LOW_RANK) {
            Checks.intRange(P + "rank", rank, 1, 1 << 16);
        }
        if (kind == CorrectionKind.COLUMN_AFFINE && probeKind == ProbeKind.ONE_HOT) {
            throw ConfigException.of(P + "probe-kind", "one-hot", "random or hadamard for column-affine (every "
                    + "one-hot probe sums to 1, so the input-sum term cannot be told from the offset)");
        }
        Checks.nonNegative(P + "at-seconds", atSeconds);
        Checks.positive(P + "verification-sigmas", verificationSigmas);
    }

    /** No characterization, no correction: reads are used as measured. */
    public static CompensationSpec none() {
        return new CompensationSpec(CorrectionKind.NONE, 1, 0, ProbeKind.RANDOM, 0,
                Verification.DEFAULT_THRESHOLD_SIGMAS);
    }

    /** Probes a fit of {@code kind} needs at the least: one per free coefficient (more than r for rank r). */
    static int minimumProbes(CorrectionKind kind, int rank) {
        return switch (kind) {
            case NONE -> 0;
            case GLOBAL_GAIN, COLUMN_GAIN, DRIFT_GLOBAL_GAIN, DRIFT_COLUMN_GAIN -> 1;
            case COLUMN_AFFINE -> 3;
            case LOW_RANK -> rank + 1;
        };
    }

    /** Whether the device is probed at all (a correction to fit). */
    public boolean characterizes() {
        return kind != CorrectionKind.NONE;
    }

    /** Refuses a rank above the smallest matrix it would correct, and a characterization after the evaluation. */
    public void checkAgainst(int smallestMatrixDimension, double evaluationAgeSeconds) {
        if (kind == CorrectionKind.LOW_RANK && rank > smallestMatrixDimension) {
            throw ConfigException.of(P + "rank", rank, "at most " + smallestMatrixDimension
                    + ", the smallest dimension of the model's matrices");
        }
        if (atSeconds > evaluationAgeSeconds) {
            throw ConfigException.of(P + "at-seconds", atSeconds, "at most the evaluation age "
                    + evaluationAgeSeconds + " s (a device is characterized before it is used, not after)");
        }
    }

    /** Binds {@code compensation.*}. */
    public static CompensationSpec bind(ConfigView c) {
        return new CompensationSpec(c.choice(P + "kind", CorrectionKind.class), c.integer(P + "rank"),
                c.integer(P + "probes"), c.choice(P + "probe-kind", ProbeKind.class), c.number(P + "at-seconds"),
                c.number(P + "verification-sigmas"));
    }

    /** The config spelling of a kind: lower case with hyphens. */
    public static String configName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
