package org.pfmsim.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.pfmsim.config.ConfigException;

/**
 * The command line: {@code pfm COMMAND ARGS...}. Exit status 0 on success, 2 for bad usage, config or input
 * (nothing is written; almost always found before anything starts), 1 when a run fails for another reason,
 * 75 when a sweep is locked by another ({@link SweepCommand}), 130 and 143 when stopped by SIGINT and SIGTERM
 * ({@link Interruption}); the reason is one line on stderr, whatever was thrown, an Error included (set the
 * environment variable PFM_DEBUG to also get the stack trace).
 */
public final class Pfm {
    /** Every subcommand, in the order the usage lists them. */
    static final Map<String, Command> COMMANDS = registry(new RunCommand(), new SweepCommand(), new ScaleCommand(),
            new ReportCommand(), new InspectCommand(), new MakeCheckpointCommand());

    static final String USAGE = COMMANDS.values().stream()
            .map(c -> "pfm " + c.name() + " " + c.arguments())
            .collect(Collectors.joining(" | ", "usage: ", ""));

    private Pfm() {
    }

    public static void main(String[] args) {
        Interruption.install(args.length > 0 ? args[0] : "pfm", System.err);
        int status = execute(args, System.out, System.err);
        if (Interruption.received() != null) {
            return; // the signal's handler exits with 128 + its number
        }
        System.exit(status);
    }

    /** Runs a command; returns the exit status. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("pfm: unknown command " + args[0] + ": allowed " + String.join(" ", COMMANDS.keySet())
                    + ". " + USAGE);
            return 2;
        }
        try {
            return command.run(Arrays.asList(args).subList(1, args.length), out, err);
        } catch (UsageException e) {
            err.println("pfm: " + e.getMessage() + ". usage: pfm " + command.name() + " " + command.arguments());
            return 2;
        } catch (ConfigException e) {
            err.println("pfm: " + e.getMessage());
            return 2;
        } catch (Throwable e) { // Spark's exceptions are checked in Java terms yet thrown undeclared; Hadoop's
            // FSError (a full disk) and the JVM's errors end the same way: one line, never a stack trace
            if (Interruption.received() != null) {
                return 1; // a signal stopped the run: its handler has said so and exits
            }
            err.println("pfm: " + command.name() + " failed: " + reason(e) + " (" + e.getClass().getSimpleName()
                    + ")");
            if (System.getenv("PFM_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** The message of a failure, or of the cause that has one (an FSError's IOException says "No space left"). */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return ConfigLoader.oneLine(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return "no reason given";
    }

    private static Map<String, Command> registry(Command... commands) {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command c : commands) {
            byName.put(c.name(), c);
        }
        return byName;
    }
}
