package org.pfmsim.model;

import java.util.Arrays;
import java.util.Locale;
import org.pfmsim.config.ConfigException;

/** Element-wise nonlinearities of the digital periphery, applied in place. */
public enum Activation {
    IDENTITY,
    RELU,
    /** tanh approximation of GELU (Hendrycks and Gimpel 2016, eq. in section 2). */
    GELU,
    TANH;

    public void applyInPlace(float[] y) {
        switch (this) {
            case IDENTITY -> {
            }
            case RELU -> {
                for (int k = 0; k < y.length; k++) {
                    y[k] = Math.max(0f, y[k]);
                }
            }
            case GELU -> {
                final double c = Math.sqrt(2 / Math.PI);
                for (int k = 0; k < y.length; k++) {
                    double x = y[k];
                    y[k] = (float) (0.5 * x * (1 + Math.tanh(c * (x + 0.044715 * x * x * x))));
                }
            }
            case TANH -> {
                for (int k = 0; k < y.length; k++) {
                    y[k] = (float) Math.tanh(y[k]);
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** Gain that keeps the second moment of activations constant through a layer (He et al. 2015). */
    public double initGain() {
        return switch (this) {
            case RELU, GELU -> Math.sqrt(2.0);
            case TANH -> 5.0 / 3.0;
            case IDENTITY -> 1.0;
        };
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation parse(String key, String value) {
        for (Activation a : values()) {
            if (a.configName().equals(value)) {
                return a;
            }
        }
        throw ConfigException.of(key, value, "one of " + Arrays.stream(values()).map(Activation::configName).toList());
    }
}
