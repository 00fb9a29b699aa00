package org.pfmsim.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments shared by the config-driven commands: one config file and any number of
 * {@code --set key=value} (or {@code --set=key=value}) overrides, applied in order.
 */
record ConfigArgs(String configPath, List<String> overrides) {
    static final String USAGE = "CONFIG [--set key=value]...";

    static ConfigArgs parse(List<String> args) {
        String configPath = null;
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--set")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--set needs key=value");
                }
                overrides.add(args.get(++i));
            } else if (a.startsWith("--set=")) {
                overrides.add(a.substring("--set=".length()));
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option " + a);
            } else if (configPath == null) {
                configPath = a;
            } else {
                throw new UsageException("one config file expected, got " + configPath + " and " + a);
            }
        }
        if (configPath == null) {
            throw new UsageException("missing CONFIG");
        }
        return new ConfigArgs(configPath, List.copyOf(overrides));
    }

    /** Loads, resolves and validates the run config these arguments name. */
    RunConfig load() {
        return ConfigLoader.load(configPath, overrides);
    }
}
