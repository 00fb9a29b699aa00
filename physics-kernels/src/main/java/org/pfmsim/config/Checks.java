package org.pfmsim.config;

/** Range checks for spec records; each failure names the config key, the value and what is allowed. */
public final class Checks {
    private Checks() {
    }

    public static double finite(String key, double v) {
        if (!Double.isFinite(v)) {
            throw ConfigException.of(key, v, "a finite number");
        }
        return v;
    }

    public static double positive(String key, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw ConfigException.of(key, v, "a finite number > 0");
        }
        return v;
    }

    public static double nonNegative(String key, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw ConfigException.of(key, v, "a finite number >= 0");
        }
        return v;
    }

    public static double fraction(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw ConfigException.of(key, v, "a number from 0 to 1");
        }
        return v;
    }

    public static int intRange(String key, int v, int min, int max) {
        if (v < min || v > max) {
            throw ConfigException.of(key, v, "integers " + min + " to " + max);
        }
        return v;
    }

    public static long longRange(String key, long v, long min, long max) {
        if (v < min || v > max) {
            throw ConfigException.of(key, v, "integers " + min + " to " + max);
        }
        return v;
    }
}
