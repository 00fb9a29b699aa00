package org.pfmsim.cli;

import static org.pfmsim.cli.Hostile.SMALL;
import static org.pfmsim.cli.Hostile.assertNothingPartial;
import static org.pfmsim.cli.Hostile.assertRefused;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-finite and out-of-type values, given through {@code --set} and in a config file, refused by
 * {@code pfm run} before Spark starts: exit status 2, one exact line, nothing under the output root.
 */
class HostileConfigTest {
    @TempDir
    Path dir;

    private String set(String override, String line) throws IOException {
        assertRefused(2, "pfm: " + line, "run", Hostile.config(dir, SMALL).toString(), "--set", override);
        return line;
    }

    private void inFile(String setting, String line) throws IOException {
        assertRefused(2, "pfm: " + line, "run", Hostile.config(dir, SMALL + setting).toString());
    }

    @AfterEach
    void nothingWritten() throws IOException {
        assertNothingPartial(dir.resolve("results"));
    }

    @Test
    void nanConductanceOnTheCommandLine() throws IOException {
        set("platform.crossbar.g-max-siemens=NaN", "platform.crossbar.g-max-siemens = NaN: allowed a finite number");
    }

    @Test
    void infiniteReadNoiseOnTheCommandLine() throws IOException {
        set("platform.crossbar.read-noise-sigma=Infinity",
                "platform.crossbar.read-noise-sigma = Infinity: allowed a finite number >= 0");
    }

    @Test
    void negativeInfiniteConductanceOnTheCommandLine() throws IOException {
        set("platform.crossbar.g-max-siemens=-Infinity",
                "platform.crossbar.g-max-siemens = -Infinity: allowed a finite number > 0");
    }

    @Test
    void nanConductanceInTheConfigFile() throws IOException {
        inFile("platform.crossbar.g-max-siemens = NaN",
                "platform.crossbar.g-max-siemens = NaN: allowed a finite number");
    }

    @Test
    void infiniteReadNoiseInTheConfigFile() throws IOException {
        inFile("platform.crossbar.read-noise-sigma = Infinity",
                "platform.crossbar.read-noise-sigma = Infinity: allowed a finite number >= 0");
    }

    @Test
    void nanOpticalPhotonBudgetInTheConfigFile() throws IOException {
        inFile("platform { kind = optical-mvm, optical-mvm.photons-per-mac = NaN }",
                "platform.optical-mvm.photons-per-mac = NaN: allowed a finite number");
    }

    @Test
    void infiniteDacRangeIsNeitherCalibratedNorANumber() throws IOException {
        set("platform.crossbar.dac.range=Infinity",
                "platform.crossbar.dac.range = \"Infinity\": allowed calibrated or a number > 0");
    }

    @Test
    void batchSizeBeyondAnInteger() throws IOException {
        set("batch.size=1e10", "batch.size = 10000000000: allowed an integer from -2147483648 to 2147483647");
    }

    @Test
    void fractionalBatchSize() throws IOException {
        set("batch.size=2.5", "batch.size = 2.5: allowed an integer");
    }

    @Test
    void nanBatchSizeInTheConfigFile() throws IOException {
        inFile("batch.size = NaN", "batch.size = \"NaN\": allowed an integer");
    }

    @Test
    void nanSeedIsNotSilentlyZero() throws IOException {
        set("seed=NaN", "seed = \"NaN\": allowed an integer from -9223372036854775808 to 9223372036854775807");
    }

    @Test
    void seedBeyondALongIsNotSilentlyClamped() throws IOException {
        set("seed=1e30", "seed = 1.0E30: allowed an integer from -9223372036854775808 to 9223372036854775807");
    }

    @Test
    void nanSampleRate() throws IOException {
        set("output.tile-sample-rate=NaN", "output.tile-sample-rate = NaN: allowed a finite number");
    }

    @Test
    void valueWithANewlineIsEchoedOnOneLine() throws IOException {
        set("platform.kind=\"cross\\nbar\"",
                "platform.kind = cross\\nbar: allowed one of crossbar digital glass-volume optical-mvm");
    }

    @Test
    void outputRootWithAnUnknownSchemeIsRefusedBeforeSparkStarts() throws IOException {
        set("output.root=\"nosuchfs://host/results\"", "output.root = nosuchfs://host/results: allowed a local path "
                + "or a Hadoop URI whose scheme has a file system (none for scheme nosuchfs)");
    }
}
