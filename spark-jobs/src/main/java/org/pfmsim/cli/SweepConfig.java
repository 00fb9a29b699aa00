package org.pfmsim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.sweep.SweepLock;

/**
 * A parsed sweep file: one {@code sweep} block (every key documented in {@code pfm-sweep-defaults.conf}).
 *
 * @param name         the sweep's name: {@code sweep_id} of every point and the name of its lock
 * @param base         the run config every point starts from (a file or an inline block), unresolved
 * @param runOverrides {@code --set} overrides of run keys, applied to the base of every point
 * @param zip          true: point i takes value i of every axis; false: the cartesian product (grid)
 * @param axes         the axes, first one outermost (slowest varying) in a grid
 * @param maxPoints    refuse sweeps with more points than this
 * @param lockTiming   heartbeat, stale and poll intervals of the sweep lock
 */
record SweepConfig(String name, Config base, List<String> runOverrides, boolean zip, List<SweepAxis> axes,
                   long maxPoints, SweepLock.Timing lockTiming) {
    static final String DEFAULTS_RESOURCE = "pfm-sweep-defaults.conf";
    /** Points run one after another, each a Spark job of a second or more: a million is weeks. */
    static final long MAX_POINTS = 1_000_000;

    /**
     * Reads a sweep file; {@code --set sweep.x=...} overrides change the sweep, any other {@code --set} the run
     * config of every point.
     */
    static SweepConfig load(String path, List<String> overrides) {
        File file = new File(path);
        if (!file.isFile()) {
            throw new ConfigException("sweep config file " + path + " does not exist or is not a file");
        }
        Config merged = ConfigFiles.parse(file, "sweep config file");
        List<String> runOverrides = new ArrayList<>();
        for (String o : overrides) {
            if (o.startsWith("sweep.")) {
                merged = ConfigLoader.parseOverride(o).withFallback(merged);
            } else {
                runOverrides.add(o);
            }
        }
        try {
            merged = merged.resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("sweep config cannot be resolved: " + ConfigLoader.oneLine(e.getMessage()));
        }
        Config defaults = ConfigFactory.parseResources(SweepConfig.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
        rejectUnknownKeys(path, merged, defaults);
        Config full = merged.withFallback(defaults);
        TypedConfig c = new TypedConfig(full);
        String name = SafeName.check("sweep.name", c.string("sweep.name"));
        boolean zip = switch (c.string("sweep.mode")) {
            case "grid" -> false;
            case "zip" -> true;
            default -> throw ConfigException.of("sweep.mode", c.string("sweep.mode"), "grid or zip");
        };
        Config base = base(file, full.getValue("sweep.base"));
        requireNoSweepId(name, base, runOverrides);
        Config runDefaults = ConfigLoader.defaults();
        long seed = c.longInteger("sweep.seed");
        List<SweepAxis> axes = new ArrayList<>();
        ConfigValue list = full.getValue("sweep.axes");
        if (list.valueType() != ConfigValueType.LIST) {
            throw ConfigException.of("sweep.axes", SweepAxis.render(list), "a list of axes");
        }
        for (ConfigValue entry : full.getList("sweep.axes")) {
            axes.add(SweepAxis.parse(axes.size(), entry, runDefaults, seed));
        }
        if (axes.isEmpty()) {
            throw ConfigException.of("sweep.axes", "[]", "a list of at least one axis");
        }
        requireDisjoint(axes);
        long maxPoints = Checks.longRange("sweep.max-points", c.longInteger("sweep.max-points"), 1, MAX_POINTS);
        var timing = new SweepLock.Timing(c.number("sweep.lock.heartbeat-seconds"),
                c.number("sweep.lock.stale-seconds"), c.number("sweep.lock.poll-seconds"));
        return new SweepConfig(name, base, List.copyOf(runOverrides), zip, List.copyOf(axes), maxPoints, timing);
    }

    /** A path (relative to the sweep file's directory) or an inline block. */
    private static Config base(File sweepFile, ConfigValue base) {
        if (base.valueType() == ConfigValueType.OBJECT) {
            return ((ConfigObject) base).toConfig();
        }
        if (base.valueType() != ConfigValueType.STRING) {
            throw ConfigException.of("sweep.base", SweepAxis.render(base), "a config file path or a block { ... }");
        }
        File f = new File((String) base.unwrapped());
        if (!f.isAbsolute()) {
            f = new File(sweepFile.getAbsoluteFile().getParentFile(), f.getPath());
        }
        if (!f.isFile()) {
            throw ConfigException.of("sweep.base", base.unwrapped(), "a config file (" + f + " does not exist)");
        }
        return ConfigFiles.parse(f, "sweep.base");
    }

    private static void rejectUnknownKeys(String path, Config sweepFile, Config defaults) {
        for (String top : sweepFile.root().keySet()) {
            if (!top.equals("sweep")) {
                throw new ConfigException("unknown sweep config key " + top + " in " + path + ": a sweep file holds "
                        + "one sweep block, run keys go in sweep.base; every key is listed in " + DEFAULTS_RESOURCE);
            }
        }
        if (!sweepFile.hasPath("sweep")) {
            throw new ConfigException("sweep config file " + path + " has no sweep block: every key is listed in "
                    + DEFAULTS_RESOURCE);
        }
        Set<String> known = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : defaults.entrySet()) {
            known.add(e.getKey());
        }
        // sweep.base and sweep.axes hold run keys and axes, checked where they are read.
        Config own = sweepFile.withoutPath("sweep.base").withoutPath("sweep.axes");
        for (Map.Entry<String, ConfigValue> e : own.entrySet()) {
            if (!known.contains(e.getKey())) {
                String nearest = Nearest.of(e.getKey(), known);
                throw new ConfigException("unknown sweep config key " + e.getKey()
                        + (nearest == null ? "" : " (did you mean " + nearest + "?)")
                        + ": every key is listed with its default in " + DEFAULTS_RESOURCE);
            }
        }
    }

    /** The sweep names its points; a second, different name in the run config would be silently lost. */
    private static void requireNoSweepId(String name, Config base, List<String> runOverrides) {
        for (String o : runOverrides) {
            if (o.startsWith("output.sweep-id")) {
                throw ConfigException.of("--set " + o.split("=", 2)[0], o.substring(o.indexOf('=') + 1),
                        "it unset: a sweep names its points by sweep.name (" + name + ")");
            }
        }
        if (base.hasPath("output.sweep-id")) {
            throw ConfigException.of("sweep.base output.sweep-id", SweepAxis.render(base.getValue("output.sweep-id")),
                    "it unset: a sweep names its points by sweep.name (" + name + ")");
        }
    }

    /** Two axes over the same key, or over a block and a key inside it, would fight over one value. */
    private static void requireDisjoint(List<SweepAxis> axes) {
        for (int i = 0; i < axes.size(); i++) {
            for (int j = 0; j < i; j++) {
                String a = axes.get(j).key();
                String b = axes.get(i).key();
                if (a.equals(b) || b.startsWith(a + ".") || a.startsWith(b + ".")) {
                    throw ConfigException.of("sweep.axes[" + i + "].key", b, "a key no other axis sweeps "
                            + "(sweep.axes[" + j + "] sweeps " + a + ")");
                }
            }
        }
    }
}
