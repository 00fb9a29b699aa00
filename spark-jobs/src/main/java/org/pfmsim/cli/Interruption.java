package org.pfmsim.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C) and SIGTERM (a scheduler's stop) as what they are: the command prints {@code pfm: COMMAND
 * interrupted by SIGTERM} and exits 128 + the signal number (130, 143), instead of whatever Spark says once its
 * own shutdown hook has stopped the context under the running job ("Cannot call methods on a stopped
 * SparkContext"). The exit runs the JVM's shutdown hooks as the default handler would (Spark stops, a sweep lock
 * is released); a commit cut short leaves a journal the next commit finishes or discards
 * ({@code org.pfmsim.results.AbandonedCommits}), so readers never see part of a run.
 */
final class Interruption {
    private static final AtomicReference<String> RECEIVED = new AtomicReference<>();

    private Interruption() {
    }

    /** Installs the handlers (the command-line entry point only: a JVM embedding pfm keeps its own). */
    static void install(String command, PrintStream err) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                handle(name, command, err);
            } catch (IllegalArgumentException ignored) {
                // The signal is ignored in this process (nohup, a background job's SIGINT): it cannot stop us.
            }
        }
    }

    private static void handle(String name, String command, PrintStream err) {
        Signal.handle(new Signal(name), signal -> {
            if (RECEIVED.compareAndSet(null, signal.getName())) {
                err.println("pfm: " + command + " interrupted by SIG" + signal.getName());
                err.flush();
                if (System.getenv("PFM_DEBUG") == null) {
                    silenceStandardError();
                }
                // System.exit blocks its thread until the hooks ran, so not the signal's; the main thread's
                // failure, if any, is not printed (see received()).
                new Thread(() -> System.exit(128 + signal.getNumber()), "pfm-interrupted").start();
            }
        });
    }

    /**
     * Closes file descriptor 2 once the one line is out: Spark's threads, torn down by its shutdown hook under
     * running tasks, print their RejectedExecutionExceptions with stack traces through references to stderr
     * that no {@code System.setErr} reaches (log4j's console appender, Scala's future reporter).
     */
    private static void silenceStandardError() {
        try {
            new FileOutputStream(FileDescriptor.err).close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** The signal that stopped this process (INT, TERM), or null. */
    static String received() {
        return RECEIVED.get();
    }
}
