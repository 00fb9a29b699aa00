package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.pfmsim.cli.Hostile.SMALL;
import static org.pfmsim.cli.Hostile.assertRefused;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output root that cannot be written fails the run before any layer runs (exit status 1: the config is
 * fine, the world is not), with one line naming the root, and leaves what was there untouched. An unknown
 * URI scheme is a config error (exit 2, {@link HostileConfigTest}).
 */
class HostileOutputRootTest {
    @TempDir
    Path dir;

    @Test
    void fileInTheWayOfTheRoot() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertRefused(1, "pfm: run failed: Output root " + file + " is not a directory (IllegalStateException)",
                "run", Hostile.config(dir, SMALL).toString(), "--set", "output.root=" + file);
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void fileInTheWayOfTheRootsParent() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        Path root = file.resolve("results");
        PfmCli.Result r = PfmCli.run("run", Hostile.config(dir, SMALL).toString(), "--set", "output.root=" + root);
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().startsWith("pfm: run failed: Output root " + root + " is not writable: "), r.err());
        assertTrue(r.err().endsWith(" (IllegalStateException)\n") && r.err().indexOf('\n') == r.err().length() - 1,
                "one line: " + r.err());
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void permissionDenied() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "the superuser writes anywhere: nothing to test");
            Path root = locked.resolve("results");
            Path config = Hostile.config(dir, SMALL);
            PfmCli.Result r = PfmCli.run("run", config.toString(), "--set", "output.root=" + root);
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().startsWith("pfm: run failed: Output root " + root + " "), r.err());
            assertEquals(r.err().length() - 1, r.err().indexOf('\n'), "one line: " + r.err());
            assertFalse(Files.exists(root));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
