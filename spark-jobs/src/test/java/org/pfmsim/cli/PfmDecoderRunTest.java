package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;

/** {@code pfm run} of a synthetic Llama-shaped decoder: one layers row per physical matrix, head metrics. */
class PfmDecoderRunTest {
    private static final String CONFIG = String.join("\n",
            "seed = 3",
            "batch.size = 2",
            "model { source = synthetic-decoder, width = 32, depth = 1 }",
            "model.decoder { preset = llama, heads = 4, kv-heads = 2, vocab = 40, sequence-length = 6,"
                    + " ffn-width = 48, tied-head = false }",
            "tiling { tile-rows = 16, tile-cols = 16, partitions = 2 }",
            "output.tile-sample-rate = 1.0",
            "");

    @TempDir
    Path dir;

    private Path config() throws IOException {
        Path c = dir.resolve("decoder.conf");
        Files.writeString(c, CONFIG);
        return c;
    }

    @Test
    void decoderRunWritesOneLayerRowPerPhysicalMatrixAndTheTaskMetrics() throws IOException {
        String root = dir.resolve("results").toString();
        // Three sequences in micro-batches of two (batch.size): the second micro-batch is partial.
        PfmCli.Result r = PfmCli.run("run", config().toString(), "--set", "output.root=" + root,
                "--set", "inputs.rows=3", "--set", "output.outputs=true");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("llama decoder, 1 blocks, 8 physical matrices"), r.err());
        assertTrue(r.out().contains("block0.attn.k") && r.out().contains("task (18 positions, 15 labelled)"),
                r.out());

        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("pfm-decoder-run-test")).getOrCreate();
        try {
            ResultStore store = new ResultStore(spark, root);
            Row run = store.read("runs").collectAsList().get(0);
            long perBlock = 32 + 32 * 32 + 2 * 16 * 32 + 32 * 32 + 32 + 3 * 32 * 48;
            assertEquals(40 * 32 + perBlock + 32 + 40 * 32, (long) run.getAs("parameters"));
            double agreement = run.getAs("top1_agreement");
            double kl = run.getAs("kl_divergence");
            assertTrue(agreement >= 0 && agreement <= 1 && kl > 0, agreement + " " + kl);
            double accuracy = run.getAs("accuracy");
            assertTrue(accuracy >= 0 && accuracy <= 1 && (double) run.getAs("accuracy_digital") >= 0);
            assertEquals(3L, (long) run.getAs("rows"));
            assertEquals(2, (int) run.getAs("batch"));
            double ce = run.getAs("cross_entropy");
            assertEquals(Math.exp(ce), (double) run.getAs("perplexity"), 1e-9 * Math.exp(ce));
            assertTrue(ce > 0 && (double) run.getAs("cross_entropy_digital") > 0);

            // One outputs row per token position of every sequence; the last position has no label.
            List<Row> outputs = store.read("outputs").orderBy("sample", "position").collectAsList();
            assertEquals(18, outputs.size());
            long agreeing = 0;
            for (int p = 0; p < 18; p++) {
                Row o = outputs.get(p);
                assertEquals(List.of((long) p / 6, p % 6), List.of(o.<Long>getAs("sample"), o.<Integer>getAs("position")));
                assertEquals(p % 6 == 5, o.isNullAt(o.fieldIndex("label")), "position " + p);
                assertEquals(40, o.getList(o.fieldIndex("physical")).size(), "a vocabulary of 40: every logit");
                agreeing += o.<Integer>getAs("physical_top1").equals(o.<Integer>getAs("digital_top1")) ? 1 : 0;
            }
            assertEquals(agreement, agreeing / 18.0, 1e-12, "the table's top-1s give the run's agreement");
            List<Row> layers = store.read("layers").orderBy("layer").collectAsList();
            assertEquals(List.of("block0.attn.q", "block0.attn.k", "block0.attn.v", "block0.attn.o",
                    "block0.mlp.gate", "block0.mlp.up", "block0.mlp.down", "head"),
                    layers.stream().map(l -> (String) l.getAs("kind")).toList());
            Row k = layers.get(1);
            assertEquals(List.of(32L, 16L), List.of(k.<Long>getAs("rows"), k.<Long>getAs("cols")));
            assertEquals(6L, (long) layers.get(4).getAs("tiles"), "gate: ceil(32/16) x ceil(48/16)");
            for (Row l : layers) {
                double local = l.getAs("rel_error_local");
                assertTrue(local > 0 && local < 1, l.getAs("kind") + " local error " + local);
                assertTrue((double) l.getAs("energy_joules") > 0);
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void badDecoderConfigFailsWithOneLineAndWritesNothing() throws IOException {
        Path root = dir.resolve("never");
        PfmCli.Result heads = PfmCli.run("run", config().toString(), "--set", "output.root=" + root,
                "--set", "model.decoder.heads=5");
        assertEquals(2, heads.status());
        assertEquals("pfm: model.decoder.heads = 5: allowed a divisor of model.width = 32\n", heads.err());
        PfmCli.Result preset = PfmCli.run("run", config().toString(), "--set", "output.root=" + root,
                "--set", "model.decoder.preset=bert");
        assertEquals(2, preset.status());
        assertEquals("pfm: model.decoder.preset = bert: allowed one of [gpt2, llama]\n", preset.err());
        PfmCli.Result source = PfmCli.run("run", config().toString(), "--set", "output.root=" + root,
                "--set", "model.source=decoder");
        assertEquals("pfm: model.source = decoder: allowed one of synthetic checkpoint synthetic-decoder\n",
                source.err());
        PfmCli.Result tile = PfmCli.run("run", config().toString(), "--set", "output.root=" + root,
                "--set", "tiling.tile-cols=20");
        assertEquals("pfm: tiling.tile-cols = 20: allowed at most the smallest matrix output width (16,"
                + " block0.attn.k)\n", tile.err());
        assertFalse(Files.exists(root), "nothing written");
    }
}
