package org.pfmsim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing pfm reads from users (configs, checkpoints, inputs, result tables) goes through Java deserialization
 * or polymorphic JSON, the classic ways a crafted file runs code: no production source of any module names
 * them. Spark's own Java serialization of task closures between driver and executors is not user input.
 * Checkpoints are parsed as bytes plus a JSON header into plain records; configs by HOCON; npy by its header.
 */
class NoJavaDeserializationTest {
    /** Readers that instantiate classes named by the data. */
    private static final List<String> FORBIDDEN = List.of("ObjectInputStream", "readObject(", "readUnshared(",
            "XMLDecoder", "enableDefaultTyping", "activateDefaultTyping", "JsonTypeInfo", "readClassAndObject",
            "SerializationUtils.deserialize");

    @Test
    void noProductionSourceDeserializesJavaObjects() throws IOException {
        Path project = Path.of("").toAbsolutePath().getParent(); // surefire runs in the module directory
        assertTrue(Files.isRegularFile(project.resolve("pom.xml")) && Files.isDirectory(project.resolve("spark-jobs")),
                "project root found at " + project);
        List<Path> sources = new ArrayList<>();
        for (String module : List.of("physics-kernels", "partitioning", "spark-jobs")) {
            try (Stream<Path> files = Files.walk(project.resolve(module).resolve("src/main/java"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        assertTrue(sources.size() > 50, "scanned " + sources.size() + " sources");
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            for (String word : FORBIDDEN) {
                if (text.contains(word)) {
                    found.add(project.relativize(source) + ": " + word);
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
