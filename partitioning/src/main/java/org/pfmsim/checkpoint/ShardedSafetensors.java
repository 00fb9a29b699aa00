package org.pfmsim.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.pfmsim.weights.TensorSource;

/**
 * A checkpoint sharded as Hugging Face publishes large models: {@code model.safetensors.index.json}, whose
 * {@code weight_map} names the shard file of every tensor, beside the shards
 * ({@code model-0000i-of-0000n.safetensors}). Every shard's header is read and checked against the index on
 * the driver, once; a tile then reads only its own byte range of its own shard, through that shard's
 * {@link SafetensorsSource}, on any Hadoop file system. A missing shard, a tensor the index names but its
 * shard lacks, and a shard holding a tensor the index puts elsewhere or does not name are refused naming the
 * shard file and the tensor.
 */
public final class ShardedSafetensors implements TensorSource {
    private static final long serialVersionUID = 1L;

    /** The index's file name in a Hugging Face model directory. */
    public static final String INDEX = "model.safetensors.index.json";

    private final String location;
    /** Shard file name (as the index writes it) to its source, in file name order. */
    private final Map<String, SafetensorsSource> shards;
    /** Tensor name to its shard file name, in shard then header order. */
    private final Map<String, String> shardOf;

    private ShardedSafetensors(String location, Map<String, SafetensorsSource> shards, Map<String, String> shardOf) {
        this.location = location;
        this.shards = shards;
        this.shardOf = shardOf;
    }

    /** Reads the index at {@code location} and every shard's header, and checks that they agree. */
    public static ShardedSafetensors open(String location) {
        Path index = HadoopPaths.path(location);
        JsonNode map = weightMap(location, index);
        Map<String, String> named = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getValue().asText().isEmpty() || e.getValue().asText().contains("/")) {
                throw MalformedCheckpointException.of(location, e.getKey(), "weight_map gives " + e.getValue()
                        + ", not the file name of a shard beside the index");
            }
            named.put(e.getKey(), e.getValue().asText());
        }
        if (named.isEmpty()) {
            throw MalformedCheckpointException.of(location, "weight_map names no tensor");
        }
        Map<String, String> firstTensorOf = new TreeMap<>();
        named.forEach((tensor, shard) -> firstTensorOf.putIfAbsent(shard, tensor));
        Map<String, SafetensorsSource> shards = new LinkedHashMap<>();
        for (Map.Entry<String, String> s : firstTensorOf.entrySet()) {
            String shardLocation = ModelDirectory.beside(location, s.getKey(), false);
            try {
                shards.put(s.getKey(), SafetensorsSource.open(shardLocation));
            } catch (MalformedCheckpointException e) {
                if (e.getMessage().endsWith(": no such file")) {
                    throw MalformedCheckpointException.of(shardLocation, s.getValue(), "no such shard file (named by "
                            + INDEX + ")");
                }
                throw e;
            }
        }
        Map<String, String> shardOf = new LinkedHashMap<>();
        for (Map.Entry<String, SafetensorsSource> s : shards.entrySet()) {
            for (TensorEntry t : s.getValue().header().tensors()) {
                String expected = named.get(t.name());
                if (!s.getKey().equals(expected)) {
                    throw MalformedCheckpointException.of(s.getValue().location(), t.name(), "in this shard's header, "
                            + "but " + INDEX + (expected == null ? " does not name it" : " puts it in " + expected));
                }
                shardOf.put(t.name(), s.getKey());
            }
        }
        for (Map.Entry<String, String> e : named.entrySet()) {
            if (!shardOf.containsKey(e.getKey())) {
                throw MalformedCheckpointException.of(shards.get(e.getValue()).location(), e.getKey(),
                        "named by " + INDEX + " but absent from this shard's header");
            }
        }
        return new ShardedSafetensors(location, shards, shardOf);
    }

    private static JsonNode weightMap(String location, Path index) {
        try (InputStream in = HadoopPaths.reader(index, new Configuration()).open(index)) {
            JsonNode root = new ObjectMapper().readTree(in);
            JsonNode map = root == null ? null : root.get("weight_map");
            if (map == null || !map.isObject()) {
                throw MalformedCheckpointException.of(location, "no weight_map object: not a safetensors index");
            }
            return map;
        } catch (FileNotFoundException e) {
            throw MalformedCheckpointException.of(location, "no such file");
        } catch (JsonProcessingException e) {
            throw MalformedCheckpointException.of(location, "not valid JSON ("
                    + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint index " + location + ": " + e.getMessage(), e);
        }
    }

    public String location() {
        return location;
    }

    /** The shard file name holding {@code name}. */
    public String shardOf(String name) {
        String shard = shardOf.get(name);
        if (shard == null) {
            throw new IllegalArgumentException("checkpoint " + location + " has no tensor " + name);
        }
        return shard;
    }

    /** The shards, by file name, in file name order. */
    public Map<String, SafetensorsSource> shards() {
        return java.util.Collections.unmodifiableMap(shards);
    }

    /** The header entry of {@code name} in its shard. */
    public TensorEntry tensor(String name) {
        return shards.get(shardOf(name)).tensor(name);
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(shardOf.keySet());
    }

    @Override
    public long[] shape(String name) {
        return tensor(name).shape();
    }

    @Override
    public void read(String name, long row0, int rows, long col0, int cols, float[] out) {
        shards.get(shardOf(name)).read(name, row0, rows, col0, cols, out);
    }
}
