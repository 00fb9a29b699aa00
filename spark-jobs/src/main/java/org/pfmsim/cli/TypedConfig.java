package org.pfmsim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.Locale;
import org.pfmsim.config.ConfigException;

/** Typed getters that turn HOCON's type errors into the project's one-line messages. */
final class TypedConfig implements org.pfmsim.config.ConfigView {
    private final Config config;

    TypedConfig(Config config) {
        this.config = config;
    }

    @Override
    public boolean has(String key) {
        return config.hasPath(key);
    }

    /**
     * Whether the user set {@code key} (in the config file or with --set) rather than leaving it to
     * pfm-defaults.conf: values that came from the defaults keep the defaults resource as their origin.
     */
    boolean explicit(String key) {
        return config.hasPath(key)
                && !ConfigLoader.DEFAULTS_RESOURCE.equals(config.getValue(key).origin().resource());
    }

    @Override
    public String string(String key) {
        try {
            return config.getString(key);
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            throw ConfigException.of(key, render(key), "a string");
        }
    }

    @Override
    public boolean bool(String key) {
        try {
            return config.getBoolean(key);
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            throw ConfigException.of(key, render(key), "true or false");
        }
    }

    @Override
    public int integer(String key) {
        try {
            double v = config.getDouble(key);
            if (v != Math.rint(v)) {
                throw ConfigException.of(key, render(key), "an integer");
            }
            if (Math.abs(v) > Integer.MAX_VALUE) {
                throw ConfigException.of(key, render(key), "an integer from " + Integer.MIN_VALUE + " to "
                        + Integer.MAX_VALUE);
            }
            return (int) v;
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            throw ConfigException.of(key, render(key), "an integer");
        }
    }

    /**
     * A 64-bit integer. HOCON's own getLong would turn the string "NaN" into 0 and 1e30 into Long.MAX_VALUE;
     * both are refused here: a whole number that a long holds, written as an integer or a double.
     */
    @Override
    public long longInteger(String key) {
        Object v = config.getValue(key).unwrapped();
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return d.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // falls through to the refusal
            }
        }
        throw ConfigException.of(key, render(key), "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    }

    @Override
    public double number(String key) {
        try {
            double v = config.getDouble(key);
            if (Double.isNaN(v)) {
                throw ConfigException.of(key, "NaN", "a finite number");
            }
            return v;
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            throw ConfigException.of(key, render(key), "a number");
        }
    }

    /** A list of strings. */
    @Override
    public java.util.List<String> strings(String key) {
        try {
            return config.getStringList(key);
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            throw ConfigException.of(key, render(key), "a list of strings");
        }
    }

    /** A number, or the word {@code word} (returned as 0). */
    @Override
    public double numberOr(String key, String word, String allowed) {
        ConfigValue v = config.getValue(key);
        if (v.unwrapped() instanceof String s && s.equals(word)) {
            return 0;
        }
        if (v.unwrapped() instanceof Number n) {
            double d = n.doubleValue();
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        }
        throw ConfigException.of(key, render(key), allowed);
    }

    /** One of the named choices (config spelling: lower case with hyphens). */
    @Override
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String s = string(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(s)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder("one of");
        for (E e : type.getEnumConstants()) {
            allowed.append(' ').append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw ConfigException.of(key, s, allowed.toString());
    }

    private String render(String key) {
        return config.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise());
    }
}
