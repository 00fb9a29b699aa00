package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs {@code pfm} in this JVM through {@link Pfm#execute} (the same path as the launcher, without a new
 * process) and captures what it prints, so end-to-end tests can assert the exit status and both streams.
 */
public final class PfmCli {
    private PfmCli() {
    }

    /** The exit status of one {@code pfm} invocation and everything it wrote to stdout and stderr (UTF-8). */
    public record Result(int status, String out, String err) {
    }

    /** Runs {@code pfm args} and returns its status and output, whatever the status. */
    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Pfm.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code pfm args}, asserts exit status 0 (the message names the command and its stderr); returns stdout. */
    public static String succeed(String... args) {
        Result r = run(args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
        return r.out();
    }
}
