package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pfm run} in its own JVM (the entry point {@link Pfm#main} installs the handlers), stopped by a signal
 * while its layers run: it says "interrupted" in one line, exits 128 + the signal number, and no Spark failure
 * ("Cannot call methods on a stopped SparkContext") or stack trace reaches the user; nothing is committed.
 */
class InterruptionTest {
    @TempDir
    Path dir;

    @Test
    void sigtermWhileLayersRunSaysInterruptedAndExits143() throws Exception {
        assertStoppedBy("TERM", 143);
    }

    @Test
    void sigintWhileLayersRunSaysInterruptedAndExits130() throws Exception {
        assertStoppedBy("INT", 130);
    }

    private void assertStoppedBy(String signal, int status) throws Exception {
        // Long enough to be running when the signal comes: 64 layers of 1024 in 128 x 128 tiles.
        Path conf = Hostile.config(dir, "model { width = 1024, depth = 64 }\ntiling { tile-rows = 128, tile-cols = 128 }\n");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-XX:") || arg.startsWith("-Xmx") || arg.startsWith("-D")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Pfm.class.getName(), "run",
                conf.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process pfm = builder.start();
        pfm.getOutputStream().close();
        List<String> err = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(pfm.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean sent = false;
            while ((line = lines.readLine()) != null) {
                err.add(line);
                if (!sent && line.startsWith("pfm: layer 1/")) {
                    new ProcessBuilder("kill", "-" + signal, Long.toString(pfm.pid())).start().waitFor();
                    sent = true;
                }
            }
        } finally {
            if (!pfm.waitFor(120, TimeUnit.SECONDS)) {
                pfm.destroyForcibly();
            }
        }
        List<String> ours = err.stream().filter(l -> l.startsWith("pfm: ")).toList();
        assertEquals("pfm: run interrupted by SIG" + signal, ours.get(ours.size() - 1), String.join("\n", err));
        // Only the interruption is reported: no failure line of ours, no stack trace.
        assertFalse(ours.stream().anyMatch(l -> l.contains("failed")), String.join("\n", err));
        assertFalse(err.stream().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Exception in thread")),
                String.join("\n", err));
        assertEquals(status, pfm.exitValue(), String.join("\n", err));
        Path root = dir.resolve("results");
        if (Files.exists(root)) {
            try (Stream<Path> all = Files.walk(root)) {
                assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith("run_id=")), "nothing committed");
            }
        }
    }
}
