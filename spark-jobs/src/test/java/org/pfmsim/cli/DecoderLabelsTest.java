package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.decoder.TokenBatch;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;

/**
 * {@code inputs.labels-path}: accuracy against labels from a file. A file holding exactly the next tokens
 * gives the accuracy of the default (next-token) labels; a file of -1 (no label anywhere) gives none;
 * labels outside the vocabulary are refused with one line.
 */
class DecoderLabelsTest {
    private static final int BATCH = 2;
    private static final int LENGTH = 6;
    private static final int VOCAB = 40;
    private static final String CONFIG = String.join("\n",
            "seed = 3", "batch.size = " + BATCH,
            "model { source = synthetic-decoder, width = 32, depth = 1 }",
            "model.decoder { preset = gpt2, heads = 4, vocab = " + VOCAB + ", sequence-length = " + LENGTH + " }",
            "platform.kind = crossbar",
            "tiling { tile-rows = 16, tile-cols = 16, partitions = 2 }", "");

    @TempDir
    Path dir;

    @Test
    void labelsFromAFileReplaceTheNextTokens() throws IOException {
        Path conf = dir.resolve("decoder.conf");
        Files.writeString(conf, CONFIG);
        TokenBatch synthetic = TokenBatch.synthetic(3, BATCH, LENGTH, VOCAB);
        Path next = writeInt64(dir.resolve("next.npy"), synthetic.labels());
        int[] none = new int[BATCH * LENGTH];
        java.util.Arrays.fill(none, TokenBatch.NO_LABEL);
        Path empty = writeInt64(dir.resolve("none.npy"), none);

        PfmCli.succeed("run", conf.toString(), "--set", "output.root=" + dir.resolve("a"));
        PfmCli.succeed("run", conf.toString(), "--set", "output.root=" + dir.resolve("b"),
                "--set", "inputs.labels-path=" + next);
        PfmCli.succeed("run", conf.toString(), "--set", "output.root=" + dir.resolve("c"),
                "--set", "inputs.labels-path=" + empty);
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("decoder-labels")).getOrCreate();
        try {
            Row a = run(spark, "a");
            Row b = run(spark, "b");
            Row c = run(spark, "c");
            double accuracy = a.getAs("accuracy");
            assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
            assertEquals(accuracy, (double) b.getAs("accuracy"));
            assertEquals((double) a.getAs("accuracy_digital"), (double) b.getAs("accuracy_digital"));
            assertNull(c.getAs("accuracy"), "no label anywhere: no accuracy");
        } finally {
            spark.stop();
        }

        int[] bad = synthetic.labels().clone();
        bad[7] = VOCAB;
        Path outside = writeInt64(dir.resolve("bad.npy"), bad);
        PfmCli.Result refused = PfmCli.run("run", conf.toString(), "--set", "output.root=" + dir.resolve("d"),
                "--set", "inputs.labels-path=" + outside);
        assertEquals(2, refused.status());
        assertEquals("pfm: inputs.labels-path = " + outside + ": allowed labels in [0, 40) or -1 for none; sequence 1"
                + " position 1 holds 40\n", refused.err());
        assertTrue(Files.notExists(dir.resolve("d")), "nothing written");
    }

    private Row run(SparkSession spark, String root) {
        List<Row> runs = new ResultStore(spark, dir.resolve(root).toString()).read("runs").collectAsList();
        assertEquals(1, runs.size());
        return runs.get(0);
    }

    /** An int64 .npy array [BATCH, LENGTH]. */
    private static Path writeInt64(Path file, int[] values) throws IOException {
        CheckpointRunTest.writeNpy(file, "<i8", BATCH, LENGTH, values.length, b -> {
            for (int v : values) {
                b.putLong(v);
            }
        });
        return file;
    }
}
