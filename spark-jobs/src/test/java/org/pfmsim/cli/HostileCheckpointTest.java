package org.pfmsim.cli;

import static org.pfmsim.cli.Hostile.assertFailsAfterStart;
import static org.pfmsim.cli.Hostile.assertNothingPartial;
import static org.pfmsim.cli.Hostile.assertRefused;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.checkpoint.DType;
import org.pfmsim.checkpoint.SafetensorsWriter;

/**
 * Broken checkpoints at the {@code pfm run} level: a missing, truncated or lying file is refused when the config
 * is bound, before Spark starts; a NaN or infinite weight is found by the task that reads it and fails the run
 * naming the tensor and the element. All exit 2 with one line and leave nothing under the output root.
 */
class HostileCheckpointTest {
    @TempDir
    Path dir;

    /** A 2-layer MLP 16 -> 8 -> 4 with biases; tensors written in this order. */
    private Path checkpoint(String name, float[] w0, float[] b0) {
        Path file = dir.resolve(name);
        float[] w1 = new float[4 * 8];
        for (int k = 0; k < w1.length; k++) {
            w1[k] = (k % 7 - 3) / 8f;
        }
        new SafetensorsWriter().add("layers.0.weight", DType.F32, new long[] {8, 16}, w0)
                .add("layers.0.bias", DType.F32, new long[] {8}, b0)
                .add("layers.1.weight", DType.F32, new long[] {4, 8}, w1)
                .add("layers.1.bias", DType.F32, new long[] {4}, new float[4]).write(file.toString());
        return file;
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (k % 11 - 5) / 16f;
        }
        return v;
    }

    private Path config(Path checkpoint) throws IOException {
        return Hostile.config(dir, "model { source = checkpoint, checkpoint.path = \"" + checkpoint + "\" }\n"
                + "tiling { tile-rows = 4, tile-cols = 4, partitions = 2 }\nbatch.size = 3\nplatform.kind = digital");
    }

    /** Refused when the config is bound: one line, Spark never started. */
    private void refused(Path checkpoint, String what) throws IOException {
        assertRefused(2, "pfm: model.checkpoint.path: checkpoint " + checkpoint + ": " + what, "run",
                config(checkpoint).toString());
    }

    /** Found by a task: progress lines, then the reason. */
    private void failsTheRun(Path checkpoint, String what) throws IOException {
        assertFailsAfterStart(2, "pfm: model.checkpoint.path: checkpoint " + checkpoint + ": " + what, "run",
                config(checkpoint).toString());
    }

    @AfterEach
    void nothingWritten() throws IOException {
        assertNothingPartial(dir.resolve("results"));
    }

    @Test
    void missingCheckpoint() throws IOException {
        refused(dir.resolve("absent.safetensors"), "no such file");
    }

    @Test
    void checkpointThatIsADirectory() throws IOException {
        refused(Files.createDirectory(dir.resolve("a-directory")),
                "a model directory needs config.json (the architecture); it has none");
    }

    @Test
    void truncatedCheckpoint() throws IOException {
        Path whole = checkpoint("whole.safetensors", ramp(128), ramp(8));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, bytes.length - 3));
        refused(cut, "tensor layers.1.bias: file is truncated: data_offsets [672, 688) but the data area holds only "
                + "685 bytes");
    }

    @Test
    void checkpointCutInsideItsLengthPrefix() throws IOException {
        Path tiny = Files.write(dir.resolve("tiny.safetensors"), new byte[] {42, 0, 0});
        refused(tiny, "truncated: 3 bytes, shorter than the 8-byte header length");
    }

    @Test
    void headerLengthThatLiesAboutTheFile() throws IOException {
        Path lying = write("long-header.safetensors", 1L << 40, "{}", 0);
        refused(lying, "header length 1099511627776 bytes exceeds the limit of 100000000 bytes");
    }

    @Test
    void dataOffsetsThatPointPastTheData() throws IOException {
        Path lying = write("offsets.safetensors", -1, "{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[8,16],"
                + "\"data_offsets\":[0,512]}}", 64);
        refused(lying, "tensor layers.0.weight: file is truncated: data_offsets [0, 512) but the data area holds only "
                + "64 bytes");
    }

    @Test
    void shapeThatLiesAboutItsByteRange() throws IOException {
        Path lying = write("shape.safetensors", -1, "{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[8,16],"
                + "\"data_offsets\":[0,256]}}", 256);
        refused(lying, "tensor layers.0.weight: shape [8, 16] of F32 needs 512 bytes but data_offsets [0, 256) "
                + "hold 256");
    }

    @Test
    void nanWeightFailsTheRunNamingTensorAndElement() throws IOException {
        float[] w0 = ramp(128);
        w0[5 * 16 + 11] = Float.NaN; // layers.0.weight is [out 8, in 16]: element [5, 11]
        failsTheRun(checkpoint("nan.safetensors", w0, ramp(8)), "tensor layers.0.weight: element [5, 11] is NaN; "
                + "weights must be finite");
    }

    @Test
    void infiniteBiasFailsTheRunNamingTensorAndElement() throws IOException {
        float[] b0 = ramp(8);
        b0[6] = Float.NEGATIVE_INFINITY;
        failsTheRun(checkpoint("inf.safetensors", ramp(128), b0), "tensor layers.0.bias: element [6] is -Infinity; "
                + "weights must be finite");
    }

    @Test
    void finiteWeightsWhoseProductsOverflowFloat32FailTheRunNamingLayerSampleAndOutput() throws IOException {
        // Every weight 1e20, inputs all 1: layer 0 gives 16e20, layer 1 gives 8 x 16e20 x 1e20 = 1.28e42 > 3.4e38.
        float[] w0 = new float[128];
        java.util.Arrays.fill(w0, 1e20f);
        Path big = dir.resolve("big.safetensors");
        float[] w1 = new float[32];
        java.util.Arrays.fill(w1, 1e20f);
        new SafetensorsWriter().add("layers.0.weight", DType.F32, new long[] {8, 16}, w0)
                .add("layers.0.bias", DType.F32, new long[] {8}, new float[8])
                .add("layers.1.weight", DType.F32, new long[] {4, 8}, w1)
                .add("layers.1.bias", DType.F32, new long[] {4}, new float[4]).write(big.toString());
        double[] ones = new double[3 * 16];
        java.util.Arrays.fill(ones, 1.0);
        Path inputs = dir.resolve("ones.npy");
        CheckpointRunTest.writeNpyFloat64(inputs, 3, 16, ones);
        Path config = Hostile.config(dir, "model { source = checkpoint, checkpoint.path = \"" + big + "\", "
                + "activation = identity }\ninputs { source = npy, path = \"" + inputs + "\" }\n"
                + "tiling { tile-rows = 4, tile-cols = 4, partitions = 2 }\nbatch.size = 3\nplatform.kind = digital");
        assertFailsAfterStart(2, "pfm: layer 1 (linear): output 0 of sample 0 on the ideal chain (the digital model) "
                + "is Infinity: the model leaves the float32 range; allowed weights, biases and inputs whose layer "
                + "outputs stay finite (|y| < 3.4e38)", "run", config.toString());
    }

    /** A file with an 8-byte length prefix ({@code claimedLength}, or the header's true length when negative). */
    private Path write(String name, long claimedLength, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(claimedLength < 0 ? json.length : claimedLength).put(json);
        return Files.write(dir.resolve(name), b.array());
    }
}
