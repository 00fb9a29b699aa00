package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every run records the commit its code was built from, not just the project version. */
class CodeVersionTest {
    @Test
    void theVersionNamesTheCommitTheBuildCameFrom() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(git.waitFor() == 0 && head.matches("[0-9a-f]{40}"), "the suite runs in a git checkout: " + head);
        String version = CodeVersion.get();
        String commit = version.substring(version.indexOf('+') + 1).replace("-dirty", "");
        assertTrue(version.contains("+") && commit.length() >= 7 && head.startsWith(commit),
                version + " names HEAD " + head);
    }
}
