package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfmsim.cli.Hostile.SMALL;
import static org.pfmsim.cli.Hostile.assertNothingPartial;
import static org.pfmsim.cli.Hostile.assertRefused;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that become directories under the output root cannot leave it: {@code output.sweep-id} is checked by
 * {@link SafeName} (each hostile form its own test: exit 2, one line with the value escaped, nothing written),
 * and the run id is the config hash's prefix, 16 hex digits whatever strings the config holds.
 */
class HostileNamesTest {
    private static final String ALLOWED = ": allowed 1-128 letters, digits, '.', '_' or '-', starting with a letter "
            + "or digit, without '..'";

    @TempDir
    Path dir;

    private void refusedSweepId(String hoconValue, String echoed) throws IOException {
        assertRefused(2, "pfm: output.sweep-id = " + echoed + ALLOWED, "run", Hostile.config(dir, SMALL).toString(),
                "--set", "output.sweep-id=" + hoconValue);
    }

    @AfterEach
    void nothingWritten() throws IOException {
        assertNothingPartial(dir.resolve("results"));
    }

    @Test
    void parentDirectoryPrefix() throws IOException {
        refusedSweepId("\"../x\"", "../x");
    }

    @Test
    void parentDirectoryAlone() throws IOException {
        refusedSweepId("\"..\"", "..");
    }

    @Test
    void currentDirectory() throws IOException {
        refusedSweepId("\".\"", ".");
    }

    @Test
    void nestedPath() throws IOException {
        refusedSweepId("\"a/b\"", "a/b");
    }

    @Test
    void backslashPath() throws IOException {
        refusedSweepId("\"a\\\\b\"", "a\\b");
    }

    @Test
    void absolutePath() throws IOException {
        refusedSweepId("\"/etc/passwd\"", "/etc/passwd");
    }

    @Test
    void hadoopUri() throws IOException {
        refusedSweepId("\"hdfs://nn:8020/x\"", "hdfs://nn:8020/x");
    }

    @Test
    void nulCharacterIsEscapedInTheMessage() throws IOException {
        refusedSweepId("\"a\\u0000b\"", "a\\u0000b");
    }

    @Test
    void newlineIsEscapedInTheMessage() throws IOException {
        refusedSweepId("\"a\\nb\"", "a\\nb");
    }

    @Test
    void terminalEscapeIsEscapedInTheMessage() throws IOException {
        refusedSweepId("\"a\\u001b[2Jb\"", "a\\u001b[2Jb");
    }

    @Test
    void nameLongerThan128CharactersIsCutInTheMessage() throws IOException {
        refusedSweepId("x".repeat(129), "x".repeat(100) + "... (129 characters)");
    }

    @Test
    void veryLongNameIsCutInTheMessage() throws IOException {
        refusedSweepId("y".repeat(100_000), "y".repeat(100) + "... (100000 characters)");
    }

    @Test
    void namesAtTheLimitAreAccepted() {
        String longest = "s".repeat(128);
        assertEquals(longest, resolve("output.sweep-id = " + longest).sweepId());
        assertEquals("grid-7_v1.2", resolve("output.sweep-id = grid-7_v1.2").sweepId());
    }

    @Test
    void runIdIsSixteenHexDigitsWhateverTheConfigSaysAndIgnoresOutputKeys() {
        RunConfig plain = resolve("");
        RunConfig hostile = resolve("inputs.column = \"../../etc/\\u0000passwd\"\nmodel.checkpoint.bias-pattern = "
                + "\"/abs/{i}\"");
        RunConfig elsewhere = resolve("output { root = \"/tmp/../../x\" }");
        RunConfig swept = resolve("output { sweep-id = s1 }");
        for (RunConfig c : List.of(plain, hostile, elsewhere, swept)) {
            assertTrue(c.runId().matches("[0-9a-f]{16}"), c.runId());
        }
        assertEquals(plain.runId(), elsewhere.runId(), "the output root does not name the run");
        assertEquals(plain.configHash(), swept.configHash(), "output.* is not part of the config hash");
        assertTrue(!plain.runId().equals(swept.runId()), "the same config in a sweep is a run of its own");
    }

    private static RunConfig resolve(String hocon) {
        return ConfigLoader.resolve(ConfigFactory.parseString(SMALL + hocon), List.of());
    }
}
