package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pfmsim.cli.Hostile.SMALL;
import static org.pfmsim.cli.Hostile.assertNothingPartial;
import static org.pfmsim.cli.Hostile.assertRefused;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configs that would reach outside their directory, or nest beyond what the parser can recurse: refused by
 * {@code pfm run} before anything starts, exit 2, one line, nothing written. HOCON alone skips a missing include
 * silently (the default model then runs), reads any absolute path and fetches URLs.
 */
class HostileIncludeTest {
    @TempDir
    Path dir;

    private Path config(String hocon) throws IOException {
        return Hostile.config(dir, hocon);
    }

    private String where() throws IOException {
        return dir.toRealPath().toString();
    }

    private void refused(String hocon, String included, String allowed) throws IOException {
        Path conf = config(hocon);
        assertRefused(2, "pfm: include in config file " + conf + " = " + included + ": allowed " + allowed,
                "run", conf.toString());
    }

    @AfterEach
    void nothingWritten() throws IOException {
        assertNothingPartial(dir.resolve("results"));
    }

    @Test
    void aMissingIncludeIsRefusedNotSkipped() throws IOException {
        refused("include \"other.conf\"\n" + SMALL, "other.conf",
                "an existing file in " + where() + " (there is none)");
    }

    @Test
    void anAbsoluteIncludeOutsideTheConfigsDirectoryIsRefused() throws IOException {
        refused("include \"/etc/passwd\"\n" + SMALL, "/etc/passwd",
                "a file in " + where() + ", the config's directory, or below it (/etc/passwd is outside)");
    }

    @Test
    void anIncludeClimbingOutOfTheDirectoryIsRefused() throws IOException {
        Path outside = Files.writeString(dir.getParent().resolve(dir.getFileName() + "-outside.conf"), SMALL);
        try {
            refused("include \"../" + outside.getFileName() + "\"\n" + SMALL, "../" + outside.getFileName(),
                    "a file in " + where() + ", the config's directory, or below it (" + outside.toRealPath()
                            + " is outside)");
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aSymlinkInTheDirectoryPointingOutsideIsRefused() throws IOException {
        Path outside = Files.writeString(dir.getParent().resolve(dir.getFileName() + "-target.conf"), SMALL);
        try {
            Files.createSymbolicLink(dir.resolve("link.conf"), outside);
            refused("include \"link.conf\"\n" + SMALL, "link.conf",
                    "a file in " + where() + ", the config's directory, or below it (" + outside.toRealPath()
                            + " is outside)");
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aUrlIncludeIsRefusedWithoutFetching() throws IOException {
        refused("include url(\"http://127.0.0.1:9/pfm.conf\")\n" + SMALL, "http://127.0.0.1:9/pfm.conf",
                "a file next to the config, never a URL");
    }

    @Test
    void aClasspathIncludeIsRefused() throws IOException {
        refused("include classpath(\"pfm-defaults.conf\")\n" + SMALL, "pfm-defaults.conf",
                "a file next to the config, never a classpath resource");
    }

    @Test
    void anIncludeNextToTheConfigIsReadAndItsOwnIncludesToo() throws IOException {
        Files.createDirectories(dir.resolve("parts"));
        Files.writeString(dir.resolve("parts/model.conf"), "model { width = 96 }\ninclude \"parts/seed.conf\"\n");
        Files.writeString(dir.resolve("parts/seed.conf"), "seed = 11\n");
        Path conf = config("include \"parts/model.conf\"\nmodel.depth = 2\ntiling { tile-rows = 32, tile-cols = 32 }\n");
        RunConfig run = ConfigLoader.load(conf.toString(), List.of());
        assertEquals(96, run.simulation().model().layer(0).cols());
        assertEquals(11L, run.simulation().seed());
    }

    @Test
    void aConfigNested2000DeepIsRefusedBeforeTheParserOverflowsItsStack() throws IOException {
        Path conf = config(SMALL + "a = " + "{b = ".repeat(2000) + "1" + "}".repeat(2000) + "\n");
        assertRefused(2, "pfm: config file " + conf + " nests objects or lists 2000 levels deep: allowed at most 64",
                "run", conf.toString());
    }

    @Test
    void aSetValueNested2000DeepIsRefused() throws IOException {
        Path conf = config(SMALL);
        assertRefused(2, "pfm: --set seed nests objects or lists 2000 levels deep: allowed at most 64",
                "run", conf.toString(), "--set", "seed=" + "[".repeat(2000) + "]".repeat(2000));
    }
}
