package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.results.ResultStore;
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

    private String pfm(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Pfm.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDecoderCheckpointRunsTheSyntheticDecoderItWasMadeFrom() throws IOException {
        Path synthetic = dir.resolve("synthetic.conf");
        Files.writeString(synthetic, SHAPE + "model.source = synthetic-decoder\n");
        String file = dir.resolve("gpt2.safetensors").toString();
        String made = pfm("make-checkpoint", file, "--decoder", synthetic.toString());
        assertTrue(made.startsWith("wrote " + file + ": gpt2 decoder, 2 blocks, "), made);
        Path checkpoint = dir.resolve("checkpoint.conf");
        Files.writeString(checkpoint, SHAPE + "model { source = checkpoint, checkpoint { path = \"" + file
                + "\", preset = gpt2 } }\n");
        String a = dir.resolve("a").toString();
        String b = dir.resolve("b").toString();
        pfm("run", synthetic.toString(), "--set", "output.root=" + a);
        pfm("run", checkpoint.toString(), "--set", "output.root=" + b);
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("decoder-ckpt")).getOrCreate();
        try {
            assertEquals(rows(spark, a, "layers"), rows(spark, b, "layers"));
            assertEquals(rows(spark, a, "runs"), rows(spark, b, "runs"));
        } finally {
            spark.stop();
        }
    }

    /** Results without the columns that name the run or time it. */
    private static List<String> rows(SparkSession spark, String root, String table) {
        var df = new ResultStore(spark, root).read(table).drop("run_id", "wall_seconds", "config", "config_hash",
                "started_at");
        List<Row> rows = table.equals("layers") ? df.orderBy("layer").collectAsList() : df.collectAsList();
        assertTrue(!rows.isEmpty(), table);
        return rows.stream().map(Row::toString).toList();
    }
}
