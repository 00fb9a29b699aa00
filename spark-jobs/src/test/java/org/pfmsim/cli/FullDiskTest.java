package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pfmsim.cli.Hostile.SMALL;
import static org.pfmsim.cli.Hostile.assertNothingPartial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full device under the output root ({@link FullDiskFileSystem}): Hadoop's local streams throw {@code FSError},
 * an Error. {@code pfm} ends with one line and exit 1, and leaves neither its writability probe nor staging.
 */
class FullDiskTest {
    @TempDir
    Path dir;

    @BeforeEach
    void register() {
        System.setProperty("spark.hadoop.fs.fulldisk.impl", FullDiskFileSystem.class.getName());
        System.setProperty("spark.hadoop.fs.fulldisk.impl.disable.cache", "true");
    }

    @AfterEach
    void unregister() {
        System.clearProperty("spark.hadoop.fs.fulldisk.impl");
        System.clearProperty("spark.hadoop.fs.fulldisk.impl.disable.cache");
        FullDiskFileSystem.fullFor = "";
    }

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("run.conf"), SMALL + "output.root = \"fulldisk://"
                + dir.resolve("results") + "\"\n");
    }

    @Test
    void aFullDiskAtTheWritabilityProbeIsOneLineAndLeavesNoProbeFile() throws IOException {
        FullDiskFileSystem.fullFor = "";
        PfmCli.Result r = PfmCli.run("run", config().toString());
        assertEquals("pfm: run failed: Output root fulldisk:" + dir.resolve("results") + " is not writable:"
                + " org.apache.hadoop.fs.FSError: java.io.IOException: No space left on device"
                + " (IllegalStateException)\n", r.err());
        assertEquals(1, r.status());
        assertNothingPartial(dir.resolve("results"));
    }

    @Test
    void aFullDiskWhileCommittingIsOneLineAndLeavesNothingPartial() throws IOException {
        FullDiskFileSystem.fullFor = "_manifest"; // the driver's own write of the commit, after Spark's
        PfmCli.Result r = PfmCli.run("run", config().toString());
        String[] lines = r.err().split("\n");
        assertEquals("pfm: run failed: java.io.IOException: No space left on device (FSError)",
                lines[lines.length - 1], r.err());
        assertEquals(1, r.status());
        assertEquals("", r.out());
        Path root = dir.resolve("results");
        for (String table : new String[] {"runs", "layers", "tiles"}) {
            if (Files.exists(root.resolve(table))) {
                try (var s = Files.walk(root.resolve(table))) {
                    assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("run_id=")).count(), table);
                }
            }
        }
        assertEquals(false, Files.exists(root.resolve("_staging")), "no staging left");
    }
}
