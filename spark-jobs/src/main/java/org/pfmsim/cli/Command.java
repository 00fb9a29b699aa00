package org.pfmsim.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code pfm} subcommand. Register new ones in {@link Pfm#COMMANDS}. */
interface Command {
    /** The word after {@code pfm}. */
    String name();

    /** Arguments after the name, for the usage line: {@code CONFIG [--set key=value]...}. */
    String arguments();

    /**
     * Runs the command; returns its exit status. Bad usage throws {@link UsageException}, bad config
     * {@link org.pfmsim.config.ConfigException} (both exit 2, nothing written); anything else fails the run.
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
