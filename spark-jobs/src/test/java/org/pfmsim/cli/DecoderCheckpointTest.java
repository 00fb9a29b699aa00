package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.results.ResultRows;
import org.pfmsim.spark.SparkSessions;

/**
 * A GPT-2-shaped decoder written by {@code pfm make-checkpoint --decoder} and read back with
 * {@code model.source = checkpoint, model.checkpoint.preset = gpt2} runs exactly the synthetic decoder it
 * was made from (every non-ideality of the crossbar on): names, shapes, the Conv1D [in, out] layout and
 * the tied head all round-trip through the safetensors file.
 */
class DecoderCheckpointTest {
    private static final String SHAPE = String.join("\n",
            "seed = 5", "batch.size = 2",
            "model { width = 64, depth = 2, decoder { preset = gpt2, heads = 4, vocab = 97, sequence-length = 8 } }",
            "tiling { tile-rows = 32, tile-cols = 32, partitions = 2 }", "");

    @TempDir
    Path dir;

    @Test
    void aDecoderCheckpointRunsTheSyntheticDecoderItWasMadeFrom() throws IOException {
        Path synthetic = dir.resolve("synthetic.conf");
        Files.writeString(synthetic, SHAPE + "model.source = synthetic-decoder\n");
        String file = dir.resolve("gpt2.safetensors").toString();
        String made = PfmCli.succeed("make-checkpoint", file, "--decoder", synthetic.toString());
        assertTrue(made.startsWith("wrote " + file + ": gpt2 decoder, 2 blocks, "), made);
        Path checkpoint = dir.resolve("checkpoint.conf");
        Files.writeString(checkpoint, SHAPE + "model { source = checkpoint, checkpoint { path = \"" + file
                + "\", preset = gpt2 } }\n");
        String a = dir.resolve("a").toString();
        String b = dir.resolve("b").toString();
        PfmCli.succeed("run", synthetic.toString(), "--set", "output.root=" + a);
        PfmCli.succeed("run", checkpoint.toString(), "--set", "output.root=" + b);
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("decoder-ckpt")).getOrCreate();
        try {
            for (String table : List.of("layers", "runs")) {
                assertEquals(ResultRows.anonymous(spark, a, table), ResultRows.anonymous(spark, b, table), table);
            }
        } finally {
            spark.stop();
        }
    }
}
