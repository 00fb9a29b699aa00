package org.pfmsim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * One axis of a sweep: a run config key (nested keys in dotted form, or a block such as
 * {@code platform.crossbar.adc} swept with object values) and the values it takes, from exactly one of
 * <ul>
 *   <li>{@code values = [...]}: the list as written;</li>
 *   <li>{@code range { from, to, count }}: {@code count} equally spaced values, both ends included;</li>
 *   <li>{@code log-range { from, to, count }}: {@code count} geometrically spaced values (from, to > 0);</li>
 *   <li>{@code random { distribution = uniform | log-uniform, min, max, count, seed }}: {@code count} samples
 *       from the counter-based stream (seed, SWEEP_SAMPLES, axis position), so the same sweep file always
 *       draws the same points.</li>
 * </ul>
 * Generated values of a key whose default is an integer are rounded to integers; others are rounded to 12
 * significant digits so that 0.1 + 0.2 prints (and hashes into the run id) as 0.3. Values must be distinct:
 * a repeated value would be the same run twice.
 */
record SweepAxis(String key, List<ConfigValue> values) {
    static final int MAX_VALUES = 100_000;
    private static final List<String> FIELDS = List.of("key", "values", "range", "log-range", "random");

    /**
     * Parses entry {@code index} of {@code sweep.axes}; errors name it as {@code sweep.axes[index]...}.
     *
     * @param runDefaults the run config defaults, which list every key an axis may sweep
     * @param sweepSeed   seed of random axes that do not set their own
     */
    static SweepAxis parse(int index, ConfigValue entry, Config runDefaults, long sweepSeed) {
        String name = "sweep.axes[" + index + "]";
        if (entry.valueType() != ConfigValueType.OBJECT) {
            throw ConfigException.of(name, render(entry), "an object { key = ..., values | range | log-range | "
                    + "random = ... }");
        }
        try {
            return parse(index, ((ConfigObject) entry).toConfig(), runDefaults, sweepSeed);
        } catch (ConfigException e) {
            throw new ConfigException(name + "." + e.getMessage());
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(name + ": " + ConfigLoader.oneLine(e.getMessage()));
        }
    }

    /** Messages start with the field, relative to the axis. */
    private static SweepAxis parse(int index, Config axis, Config runDefaults, long sweepSeed) {
        for (String field : axis.root().keySet()) {
            if (!FIELDS.contains(field)) {
                throw ConfigException.of(field, render(axis.root().get(field)), "only the fields "
                        + String.join(", ", FIELDS));
            }
        }
        String key = key(axis, runDefaults);
        List<String> sources = FIELDS.subList(1, FIELDS.size()).stream().filter(axis.root()::containsKey).toList();
        if (sources.size() != 1) {
            throw ConfigException.of(sources.isEmpty() ? "key" : String.join(" and ", sources), key,
                    "exactly one of values, range, log-range, random for each axis");
        }
        String source = sources.get(0);
        TypedConfig c = new TypedConfig(axis);
        boolean integer = isInteger(runDefaults.getValue(key));
        List<ConfigValue> values = switch (source) {
            case "values" -> listed(axis);
            case "range" -> numbers(range(c, false), integer);
            case "log-range" -> numbers(range(c, true), integer);
            default -> numbers(random(c, axis, index, sweepSeed), integer);
        };
        requireDistinct(source, values, integer && !source.equals("values"));
        return new SweepAxis(key, List.copyOf(values));
    }

    private static String key(Config axis, Config runDefaults) {
        if (!axis.hasPath("key")) {
            throw new ConfigException("key is missing: allowed a key of " + ConfigLoader.DEFAULTS_RESOURCE);
        }
        String key = new TypedConfig(axis).string("key");
        boolean known;
        try {
            known = runDefaults.hasPath(key);
        } catch (com.typesafe.config.ConfigException.BadPath e) {
            known = false;
        }
        if (!known) {
            Set<String> leaves = new TreeSet<>();
            for (Map.Entry<String, ConfigValue> e : runDefaults.entrySet()) {
                leaves.add(e.getKey());
            }
            String nearest = Nearest.of(key, leaves);
            throw ConfigException.of("key", key, "a key of " + ConfigLoader.DEFAULTS_RESOURCE
                    + (nearest == null ? "" : " (did you mean " + nearest + "?)"));
        }
        if (key.equals("output") || key.startsWith("output.")) {
            throw ConfigException.of("key", key, "a key outside output.* (every point shares the sweep's output "
                    + "root, and its sweep id is sweep.name)");
        }
        return key;
    }

    private static List<ConfigValue> listed(Config axis) {
        if (axis.getValue("values").valueType() != ConfigValueType.LIST) {
            throw ConfigException.of("values", render(axis.getValue("values")), "a list of at least one value");
        }
        List<ConfigValue> values = new ArrayList<>(axis.getList("values"));
        if (values.isEmpty()) {
            throw ConfigException.of("values", "[]", "a list of at least one value");
        }
        return values;
    }

    /** Linear or geometric spacing, both ends exact. */
    private static double[] range(TypedConfig c, boolean log) {
        String p = log ? "log-range." : "range.";
        double from = finite(c, p + "from");
        double to = finite(c, p + "to");
        int count = count(c, p + "count", 2);
        if (log) {
            Checks.positive(p + "from", from);
            Checks.positive(p + "to", to);
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            double t = (double) i / (count - 1);
            v[i] = log ? from * Math.pow(to / from, t) : from + (to - from) * t;
        }
        v[count - 1] = to;
        return v;
    }

    private static double[] random(TypedConfig c, Config axis, int index, long sweepSeed) {
        String distribution = c.string("random.distribution");
        boolean log = switch (distribution) {
            case "uniform" -> false;
            case "log-uniform" -> true;
            default -> throw ConfigException.of("random.distribution", distribution, "uniform or log-uniform");
        };
        double min = finite(c, "random.min");
        double max = finite(c, "random.max");
        if (log) {
            Checks.positive("random.min", min);
        }
        if (!(max > min)) {
            throw ConfigException.of("random.max", max, "a number above random.min (" + min + ")");
        }
        int count = count(c, "random.count", 1);
        long seed = axis.hasPath("random.seed") ? c.longInteger("random.seed") : sweepSeed;
        CounterRng rng = CounterRng.stream(seed, Purpose.SWEEP_SAMPLES, index, 0, 0);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            double u = rng.uniform(i);
            v[i] = log ? Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * u) : min + (max - min) * u;
        }
        return v;
    }

    private static double finite(TypedConfig c, String key) {
        return Checks.finite(key, c.number(key));
    }

    private static int count(TypedConfig c, String key, int min) {
        return Checks.intRange(key, c.integer(key), min, MAX_VALUES);
    }

    private static List<ConfigValue> numbers(double[] v, boolean integer) {
        List<ConfigValue> values = new ArrayList<>(v.length);
        for (double d : v) {
            values.add(ConfigValueFactory.fromAnyRef(integer ? (Object) Math.round(d)
                    : (Object) new BigDecimal(d).round(new MathContext(12)).doubleValue()));
        }
        return values;
    }

    private static void requireDistinct(String source, List<ConfigValue> values, boolean rounded) {
        Set<String> seen = new HashSet<>();
        for (ConfigValue v : values) {
            if (!seen.add(render(v))) {
                throw ConfigException.of(source, renderList(values), "distinct values (" + render(v) + " repeats"
                        + (rounded ? " after rounding to integers for an integer key" : "") + ")");
            }
        }
    }

    /** Whether a default value is an integer, so that generated values are rounded to integers. */
    private static boolean isInteger(ConfigValue defaultValue) {
        Object v = defaultValue.unwrapped();
        return v instanceof Integer || v instanceof Long;
    }

    static String render(ConfigValue v) {
        return v.render(ConfigRenderOptions.concise());
    }

    private static String renderList(List<ConfigValue> values) {
        return render(ConfigValueFactory.fromIterable(values.stream().map(ConfigValue::unwrapped).toList()));
    }
}
