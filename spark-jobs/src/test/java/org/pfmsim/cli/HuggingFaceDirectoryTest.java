package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.checkpoint.DType;
import org.pfmsim.checkpoint.SafetensorsWriter;
import org.pfmsim.config.ConfigException;
import org.pfmsim.forward.DecoderForwardPass;
import org.pfmsim.forward.LayerOutcome;
import org.pfmsim.stage.LocalStageExecutor;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.weights.InMemoryTensors;

/**
 * Hugging Face checkpoints as published: a model directory whose config.json gives the architecture (no
 * model.decoder.* key needed), with model.safetensors or with shards named by model.safetensors.index.json.
 * The same model from the single file, from its shards and from the old explicit keys gives bit-identical
 * results; a missing shard, a tensor the index names but its shard lacks, a shard the index disagrees with,
 * an unsupported model_type and an explicit key that disagrees with config.json are each one line.
 */
class HuggingFaceDirectoryTest {
    /** The model: a small Llama with grouped-query attention and an untied head, from its seed. */
    private static final String MODEL = String.join("\n", "seed = 3",
            "model { source = synthetic-decoder, width = 32, depth = 1 }",
            "model.decoder { preset = llama, heads = 4, kv-heads = 2, vocab = 40, sequence-length = 6,"
                    + " ffn-width = 48, tied-head = false, norm-eps = 1e-5, rope-theta = 10000 }",
            "tiling { tile-rows = 16, tile-cols = 16 }", "");
    private static final String CONFIG_JSON = "{\"model_type\": \"llama\", \"num_attention_heads\": 4, "
            + "\"num_key_value_heads\": 2, \"rms_norm_eps\": 1e-05, \"rope_theta\": 10000.0, "
            + "\"tie_word_embeddings\": false, \"hidden_size\": 32}";

    @TempDir
    Path dir;
    private Path single;
    private Path sharded;
    private List<String> names;

    @BeforeEach
    void writeTheModelBothWays() throws IOException {
        InMemoryTensors tensors = (InMemoryTensors) ((org.pfmsim.forward.DecoderSimulation) ConfigLoader.resolve(ConfigFactory.parseString(MODEL), List.of())
                .model()).tensors();
        names = tensors.names();
        single = Files.createDirectories(dir.resolve("single"));
        sharded = Files.createDirectories(dir.resolve("sharded"));
        Files.writeString(single.resolve("config.json"), CONFIG_JSON);
        Files.writeString(sharded.resolve("config.json"), CONFIG_JSON);
        SafetensorsWriter whole = new SafetensorsWriter();
        SafetensorsWriter[] shards = {new SafetensorsWriter(), new SafetensorsWriter()};
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            long[] shape = tensors.shape(name);
            int rows = shape.length == 2 ? Math.toIntExact(shape[0]) : 1;
            int cols = Math.toIntExact(shape[shape.length - 1]);
            float[] values = new float[rows * cols];
            tensors.read(name, 0, rows, 0, cols, values);
            whole.add(name, DType.F32, shape, values);
            shards[i % 2].add(name, DType.F32, shape, values);
            map.append(map.length() == 0 ? "" : ", ").append('"').append(name).append("\": \"")
                    .append(shardName(i % 2)).append('"');
        }
        whole.write(single.resolve("model.safetensors").toString());
        shards[0].write(sharded.resolve(shardName(0)).toString());
        shards[1].write(sharded.resolve(shardName(1)).toString());
        Files.writeString(sharded.resolve("model.safetensors.index.json"),
                "{\"metadata\": {\"total_size\": 0}, \"weight_map\": {" + map + "}}");
    }

    private static String shardName(int i) {
        return "model-0000" + (i + 1) + "-of-00002.safetensors";
    }

    /** A run of the checkpoint at {@code path} with no model.decoder.* key but the sequence length. */
    private String run(Object path, String... extra) {
        List<String> lines = new ArrayList<>(List.of("seed = 3", "batch.size = 2", "inputs.rows = 3",
                "model { source = checkpoint, checkpoint.path = \"" + path + "\" }",
                "model.decoder.sequence-length = 6", "platform.kind = crossbar",
                "tiling { tile-rows = 16, tile-cols = 16, partitions = 2 }"));
        lines.addAll(List.of(extra));
        return String.join("\n", lines) + "\n";
    }

    private static DecoderForwardPass.Result forward(String config) {
        RunConfig run = ConfigLoader.resolve(ConfigFactory.parseString(config), List.of());
        return DecoderForwardPass.run((org.pfmsim.forward.DecoderSimulation) run.model(), new LocalStageExecutor(), 1, (o, n) -> { });
    }

    @Test
    void shardedSingleFileAndExplicitKeysGiveBitIdenticalResults() {
        DecoderForwardPass.Result fromShards = forward(run(sharded));
        DecoderForwardPass.Result fromFile = forward(run(single));
        DecoderForwardPass.Result fromIndex = forward(run(sharded.resolve("model.safetensors.index.json")));
        DecoderForwardPass.Result explicit = forward(run(single.resolve("model.safetensors"),
                "model.checkpoint.preset = llama", "model.decoder { heads = 4, kv-heads = 2, norm-eps = 1e-5 }"));
        for (DecoderForwardPass.Result other : List.of(fromFile, fromIndex, explicit)) {
            assertArrayEquals(fromShards.physicalLogits(), other.physicalLogits());
            assertArrayEquals(fromShards.idealLogits(), other.idealLogits());
            assertEquals(fromShards.head(), other.head());
            assertEquals(fromShards.matrices().size(), other.matrices().size());
            for (int m = 0; m < fromShards.matrices().size(); m++) {
                LayerOutcome a = fromShards.matrices().get(m);
                LayerOutcome b = other.matrices().get(m);
                assertEquals(a.chain().relativeL2Error(), b.chain().relativeL2Error(), 0.0, a.kind());
                assertEquals(a.local().relativeL2Error(), b.local().relativeL2Error(), 0.0, a.kind());
                assertEquals(a.energyJoules(), b.energyJoules(), 0.0, a.kind());
            }
        }
        assertEquals(3 * 6, fromShards.head().positions(), "inputs.rows sequences of the sequence length");
    }

    @Test
    void aModelDirectoryRunsWithNoDecoderKeysAndCommitsItsTaskMetrics() throws IOException {
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, run(sharded, "output.root = \"" + dir.resolve("out") + "\""));
        String out = PfmCli.succeed("run", conf.toString());
        assertTrue(out.contains("task (18 positions, 15 labelled)"), out);
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("hf-directory")).getOrCreate();
        try {
            Row run = new ResultStore(spark, dir.resolve("out").toString()).read("runs").collectAsList().get(0);
            assertEquals(forward(run(sharded)).head().accuracyDigital(), (double) run.getAs("accuracy_digital"), 0.0);
        } finally {
            spark.stop();
        }
    }

    @Test
    void inspectShowsTheArchitectureAndTheShardOfEveryTensor() {
        String out = PfmCli.succeed("inspect", sharded.toString());
        assertTrue(out.startsWith("model " + sharded + ": model_type llama (preset llama), heads 4, kv heads 2, "
                + "norm eps 1.0E-5, rope theta 10000.0, tied embeddings false\n"), out);
        assertTrue(out.contains(names.size() + " tensors, "), out);
        assertTrue(out.contains(" in 2 files\n"), out);
        for (int i = 0; i < names.size(); i++) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(names.get(0) + " ") && l.endsWith(shardName(0))), out);
        }
        assertTrue(out.lines().anyMatch(l -> l.startsWith(names.get(1) + " ") && l.endsWith(shardName(1))), out);
    }

    @Test
    void brokenDirectoriesAndDisagreeingKeysAreOneLineNamingTheFileAndTensor() throws IOException {
        String first = names.get(0);
        String second = names.get(1);
        Path shard2 = sharded.resolve(shardName(1));
        Path index = sharded.resolve("model.safetensors.index.json");
        String original = Files.readString(index);

        // An explicit key that disagrees with config.json names both values.
        assertRefused(run(sharded, "model.decoder.heads = 8"), "model.decoder.heads = 8: allowed what "
                + sharded.resolve("config.json") + " states (num_attention_heads = 4), or leave the key unset");
        assertRefused(run(sharded, "model.checkpoint.preset = gpt2"), "model.checkpoint.preset = gpt2: allowed what "
                + sharded.resolve("config.json") + " states (model_type = llama), or leave the key unset");
        // A tensor the index names but its shard lacks.
        Files.writeString(index, original.replace("\"" + first + "\": \"" + shardName(0) + "\"",
                "\"" + first + "\": \"" + shardName(0) + "\", \"extra.weight\": \"" + shardName(1) + "\""));
        assertRefused(run(sharded), "model.checkpoint.path: checkpoint " + shard2 + ": tensor extra.weight: named by "
                + "model.safetensors.index.json but absent from this shard's header");
        // A shard holding a tensor the index puts in the other shard.
        Files.writeString(index, original.replace("\"" + second + "\": \"" + shardName(1) + "\"",
                "\"" + second + "\": \"" + shardName(0) + "\""));
        assertRefused(run(sharded), "model.checkpoint.path: checkpoint " + shard2 + ": tensor " + second
                + ": in this shard's header, but model.safetensors.index.json puts it in " + shardName(0));
        // A missing shard.
        Files.writeString(index, original);
        Files.move(shard2, sharded.resolve("moved.safetensors"));
        assertRefused(run(sharded), "model.checkpoint.path: checkpoint " + shard2 + ": tensor " + second
                + ": no such shard file (named by model.safetensors.index.json)");
        // An unsupported model_type.
        Files.writeString(single.resolve("config.json"), CONFIG_JSON.replace("llama", "bert"));
        assertRefused(run(single), "model.checkpoint.path: checkpoint " + single.resolve("config.json")
                + ": model_type \"bert\" is not supported (supported: gpt2, llama, mistral, qwen2)");

        // Through the CLI: exit status 2, one line, nothing written.
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, run(sharded, "output.root = \"" + dir.resolve("never") + "\""));
        PfmCli.Result r = PfmCli.run("run", conf.toString());
        assertEquals(2, r.status());
        assertEquals("pfm: model.checkpoint.path: checkpoint " + shard2 + ": tensor " + second
                + ": no such shard file (named by model.safetensors.index.json)\n", r.err());
        assertTrue(Files.notExists(dir.resolve("never")));
    }

    private static void assertRefused(String config, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.resolve(ConfigFactory.parseString(config), List.of()));
        assertEquals(message, e.getMessage());
    }
}
