package org.pfmsim.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pfmsim.config.ConfigException;

/**
 * The command line: {@code pfm run CONFIG [--set key=value]...}. Exit status 0 on success, 2 for bad
 * usage or config (nothing is started or written), 1 when a run fails; the reason is one line on stderr
 * (set the environment variable PFM_DEBUG to also get the stack trace).
 */
public final class Pfm {
    static final String USAGE = "usage: pfm run CONFIG [--set key=value]...";

    private Pfm() {
    }

    public static void main(String[] args) {
        int status = execute(args, System.out, System.err);
        System.exit(status);
    }

    /** Runs a command; returns the exit status. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
                (args.length == 0 ? err : out).println(USAGE);
                return args.length == 0 ? 2 : 0;
            }
            if (!args[0].equals("run")) {
                err.println("pfm: unknown command " + args[0] + ": allowed run. " + USAGE);
                return 2;
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            String configPath = null;
            List<String> overrides = new ArrayList<>();
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                if (a.equals("--set")) {
                    if (i + 1 >= rest.size()) {
                        err.println("pfm: --set needs key=value. " + USAGE);
                        return 2;
                    }
                    overrides.add(rest.get(++i));
                } else if (a.startsWith("--set=")) {
                    overrides.add(a.substring("--set=".length()));
                } else if (a.startsWith("-")) {
                    err.println("pfm: unknown option " + a + ". " + USAGE);
                    return 2;
                } else if (configPath == null) {
                    configPath = a;
                } else {
                    err.println("pfm: one config file expected, got " + configPath + " and " + a + ". " + USAGE);
                    return 2;
                }
            }
            if (configPath == null) {
                err.println("pfm: missing CONFIG. " + USAGE);
                return 2;
            }
            RunConfig config = ConfigLoader.load(configPath, overrides);
            return new RunCommand(config, out, err).call();
        } catch (ConfigException e) {
            err.println("pfm: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("pfm: run failed: " + ConfigLoader.oneLine(String.valueOf(e.getMessage())) + " ("
                    + e.getClass().getSimpleName() + ")");
            if (System.getenv("PFM_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }
}
