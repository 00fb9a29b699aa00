package org.pfmsim.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's scripts (scripts/pfm, scripts/cluster) as a user would, from integration tests. */
final class Scripts {
    /** The checkout, passed by failsafe as the system property pfm.root. */
    static final Path ROOT = Path.of(System.getProperty("pfm.root", "..")).toAbsolutePath().normalize();

    /** A finished or running script with its output captured to files. */
    record Run(Process process, Path stdout, Path stderr) {
        int await(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("timed out after " + seconds + " s: " + tail(stderr));
            }
            return process.exitValue();
        }

        String out() {
            return read(stdout);
        }

        String err() {
            return read(stderr);
        }
    }

    private Scripts() {
    }

    static Run start(Path logs, Map<String, String> env, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("scripts").resolve(script).toString());
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        String name = script + "-" + System.nanoTime();
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return new Run(pb.start(), out, err);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String tail(Path p) {
        String s = read(p);
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
