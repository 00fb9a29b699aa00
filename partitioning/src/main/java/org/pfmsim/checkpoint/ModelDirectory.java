package org.pfmsim.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pfmsim.weights.TensorSource;

/**
 * A checkpoint as Hugging Face publishes it, on any Hadoop file system: a model directory holding
 * {@code config.json} (the architecture) and either {@code model.safetensors} or the shards named by
 * {@code model.safetensors.index.json}; or the index file itself (its directory's config.json, if any,
 * gives the architecture); or a single safetensors file (no architecture).
 *
 * @param location      what the user named
 * @param tensors       a {@link SafetensorsSource} or a {@link ShardedSafetensors}
 * @param architecture  from config.json, or null when there is none (a plain safetensors file)
 */
public record ModelDirectory(String location, TensorSource tensors, HfArchitecture architecture) {
    public static final String CONFIG = "config.json";
    public static final String SINGLE = "model.safetensors";

    /** Opens whatever {@code location} names; every problem is a {@link MalformedCheckpointException}. */
    public static ModelDirectory open(String location) {
        Path path = HadoopPaths.path(location);
        Configuration conf = new Configuration();
        try {
            FileSystem fs = HadoopPaths.reader(path, conf);
            if (fs.exists(path) && fs.getFileStatus(path).isDirectory()) {
                Path config = new Path(path, CONFIG);
                if (!fs.exists(config)) {
                    throw MalformedCheckpointException.of(location, "a model directory needs " + CONFIG
                            + " (the architecture); it has none");
                }
                HfArchitecture arch = HfArchitecture.of(beside(location, CONFIG, true),
                        json(beside(location, CONFIG, true), config, conf));
                if (fs.exists(new Path(path, SINGLE))) {
                    return new ModelDirectory(location, SafetensorsSource.open(beside(location, SINGLE, true)), arch);
                }
                if (fs.exists(new Path(path, ShardedSafetensors.INDEX))) {
                    return new ModelDirectory(location,
                            ShardedSafetensors.open(beside(location, ShardedSafetensors.INDEX, true)), arch);
                }
                throw MalformedCheckpointException.of(location, "holds neither " + SINGLE + " nor "
                        + ShardedSafetensors.INDEX);
            }
            if (path.getName().endsWith(".index.json")) {
                Path config = new Path(path.getParent(), CONFIG);
                String configLocation = beside(location, CONFIG, false);
                HfArchitecture arch = fs.exists(config)
                        ? HfArchitecture.of(configLocation, json(configLocation, config, conf)) : null;
                return new ModelDirectory(location, ShardedSafetensors.open(location), arch);
            }
            return new ModelDirectory(location, SafetensorsSource.open(location), null);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * The location of file {@code name} in the directory {@code location} names (or, for a file, in its
     * directory), spelled as the user spelled the location so that messages name what they typed.
     */
    static String beside(String location, String name, boolean isDirectory) {
        String dir = isDirectory ? location : location.substring(0, location.lastIndexOf('/') + 1);
        return dir.isEmpty() || dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static JsonNode json(String location, Path path, Configuration conf) throws IOException {
        try (InputStream in = HadoopPaths.reader(path, conf).open(path)) {
            JsonNode root = new ObjectMapper().readTree(in);
            if (root == null || !root.isObject()) {
                throw MalformedCheckpointException.of(location, "not a JSON object");
            }
            return root;
        } catch (FileNotFoundException e) {
            throw MalformedCheckpointException.of(location, "no such file");
        } catch (JsonProcessingException e) {
            throw MalformedCheckpointException.of(location, "not valid JSON ("
                    + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
        }
    }
}
