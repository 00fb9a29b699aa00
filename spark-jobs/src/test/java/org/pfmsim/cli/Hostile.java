package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drives {@code pfm} in this JVM and checks the refusal contract of the hostile-input tests: the exit
 * status, exactly one line on stderr, nothing on stdout, and nothing of a run under the output root.
 */
final class Hostile {
    /** One small synthetic MLP every refusal test starts from (2 layers of 64 in 32 x 32 tiles). */
    static final String SMALL = "model { width = 64, depth = 2 }\ntiling { tile-rows = 32, tile-cols = 32 }\n";

    private Hostile() {
    }

    /** Writes {@code hocon} to {@code dir/run.conf} with {@code output.root = dir/results}; returns the file. */
    static Path config(Path dir, String hocon) throws IOException {
        String root = "\noutput.root = \"" + dir.resolve("results") + "\"\n";
        return Files.writeString(dir.resolve("run.conf"), hocon + root);
    }

    /** Runs {@code pfm args} and asserts it is refused with {@code status} and exactly {@code line} on stderr. */
    static void assertRefused(int status, String line, String... args) {
        PfmCli.Result r = PfmCli.run(args);
        assertEquals(line + "\n", r.err(), "stderr");
        assertEquals(status, r.status(), r.err());
        assertEquals("", r.out(), "stdout");
    }

    /**
     * Runs {@code pfm args}, which fails after Spark started: exit {@code status}, stderr is progress lines
     * ({@code pfm: run ...}, {@code pfm: layer ...}) then exactly {@code line}; nothing on stdout.
     */
    static void assertFailsAfterStart(int status, String line, String... args) {
        PfmCli.Result r = PfmCli.run(args);
        assertTrue(r.err().endsWith("\n" + line + "\n"), "stderr ends with the reason: " + r.err());
        String progress = r.err().substring(0, r.err().length() - line.length() - 1);
        for (String l : progress.split("\n")) {
            assertTrue(l.startsWith("pfm: run ") && !l.startsWith("pfm: run failed") || l.startsWith("pfm: layer "),
                    "a progress line: " + l);
        }
        assertEquals(status, r.status(), r.err());
        assertEquals("", r.out(), "stdout");
    }

    /** No run partition and no staging directory under {@code root} (the root itself may exist, empty). */
    static void assertNothingPartial(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        assertTrue(Files.isDirectory(root), root + " is not a directory");
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> left = all.filter(p -> !p.equals(root)).toList();
            assertEquals(List.of(), left, "nothing left under the output root");
        }
        assertFalse(Files.exists(root.resolve("_staging")));
    }
}
