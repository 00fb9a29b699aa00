package org.pfmsim.scaling;

import java.util.Locale;
import org.pfmsim.config.ConfigException;

/**
 * A fidelity column of the {@code layers} table that a budget can be calibrated against, whether a
 * target is a ceiling or a floor, and the transform under which it is close to linear in log(budget)
 * (used to interpolate): shot or quantization noise makes errors power laws of the budget, so
 * log(error), dB and log(1 - cosine) are straight lines in log(budget).
 */
public enum FidelityMetric {
    REL_ERROR_CHAIN(true), REL_ERROR_LOCAL(true), SNR_DB_CHAIN(false), SNR_DB_LOCAL(false),
    COSINE_CHAIN(false), COSINE_LOCAL(false);

    private final boolean ceiling;

    FidelityMetric(boolean ceiling) {
        this.ceiling = ceiling;
    }

    /** The column name, e.g. {@code rel_error_chain}. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when smaller is better (errors): the target is met at or below it. */
    public boolean ceiling() {
        return ceiling;
    }

    public boolean meets(double value, double target) {
        return ceiling ? value <= target : value >= target;
    }

    /** The comparison as written in messages: {@code <=} or {@code >=}. */
    public String relation() {
        return ceiling ? "<=" : ">=";
    }

    /** The value on the scale where it is linear in log(budget). */
    double linearized(double value) {
        if (name().startsWith("SNR_DB")) {
            return value;
        }
        return Math.log(name().startsWith("COSINE") ? 1 - value : value);
    }

    public static FidelityMetric parse(String key, String column) {
        for (FidelityMetric m : values()) {
            if (m.column().equals(column)) {
                return m;
            }
        }
        StringBuilder allowed = new StringBuilder("one of");
        for (FidelityMetric m : values()) {
            allowed.append(' ').append(m.column());
        }
        throw ConfigException.of(key, column, allowed.toString());
    }
}
