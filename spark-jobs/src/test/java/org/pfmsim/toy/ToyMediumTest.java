package org.pfmsim.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;

/**
 * The architecture's promise: a platform added from outside the engine (here test code, as a user's jar
 * would be) runs through {@code pfm run} end to end. A separate {@code pfm} process gets the toy medium's
 * service line and defaults on its class path; nothing in spark-jobs names it.
 */
class ToyMediumTest {
    private static final String CONFIG = String.join("\n",
            "seed = 5",
            "batch.size = 3",
            "platform.kind = ideal-matrix",
            "platform.ideal-matrix.energy-per-mac-joules = 2e-15",
            "model { width = 48, input-width = 40, output-width = 24, depth = 2, activation = tanh }",
            "tiling { tile-rows = 16, tile-cols = 8, partitions = 2 }",
            "");

    @TempDir
    Path dir;

    /** {@code pfm args} in a new JVM with the toy medium on its class path; returns {status, stdout, stderr}. */
    private String[] pfm(String... args) throws IOException, InterruptedException {
        String toy = Path.of(ToyMediumTest.class.getResource("/toy-medium").getPath()).toString();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-XX:") || a.startsWith("-D") || a.startsWith("-Xmx")) {
                command.add(a);
            }
        }
        command.add("-cp");
        command.add(toy + File.pathSeparator + System.getProperty("java.class.path"));
        command.add("org.pfmsim.cli.Pfm");
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "pfm finished");
        return new String[] {String.valueOf(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8)};
    }

    /** The last line of stderr (the JVM's own incubator-module warning comes first). */
    private static String lastLine(String err) {
        String[] lines = err.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void aPlatformFromOutsideTheEngineRunsEndToEnd() throws Exception {
        Path config = dir.resolve("toy.conf");
        Files.writeString(config, CONFIG);
        String root = dir.resolve("results").toString();
        String[] run = pfm("run", config.toString(), "--set", "output.root=" + root);
        assertEquals("0", run[0], run[2]);
        assertTrue(run[1].startsWith("run_id "), run[1]);

        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("toy-medium-test")).getOrCreate();
        try {
            ResultStore store = new ResultStore(spark, root);
            Row r = store.read("runs").collectAsList().get(0);
            assertEquals("ideal-matrix", r.getAs("platform"));
            List<Row> layers = store.read("layers").orderBy("layer").collectAsList();
            assertEquals(2, layers.size());
            long[][] shapes = {{40, 48}, {48, 24}};
            for (int l = 0; l < 2; l++) {
                Row layer = layers.get(l);
                // The exact medium's chain differs from the ideal chain by float rounding only.
                assertTrue((double) layer.getAs("rel_error_chain") < 1e-5, "chain error " + layer.getAs("rel_error_chain"));
                // Energy is the medium's own law: batch x rows x cols MACs at 2 fJ each.
                assertEquals(3 * shapes[l][0] * shapes[l][1] * 2e-15, (double) layer.getAs("energy_joules"), 1e-24);
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void theToyMediumsKeysAreCheckedLikeEveryOther() throws Exception {
        Path config = dir.resolve("toy.conf");
        Files.writeString(config, CONFIG);
        String root = dir.resolve("never").toString();
        String[] bad = pfm("run", config.toString(), "--set", "platform.ideal-matrix.energy-per-mac-joules=-1",
                "--set", "output.root=" + root);
        assertEquals("2", bad[0]);
        assertEquals("pfm: platform.ideal-matrix.energy-per-mac-joules = -1.0: allowed a finite number > 0", lastLine(bad[2]));
        String[] typo = pfm("run", config.toString(), "--set", "platform.ideal-matrix.energy-per-mak=1",
                "--set", "output.root=" + root);
        assertEquals("2", typo[0]);
        assertTrue(lastLine(typo[2]).endsWith("(did you mean platform.ideal-matrix.energy-per-mac-joules?): every key is "
                + "listed with its default in ideal-matrix-defaults.conf"), typo[2]);
        assertFalse(Files.exists(Path.of(root)), "nothing written");
    }
}
