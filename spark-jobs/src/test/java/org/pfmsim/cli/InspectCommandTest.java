package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.checkpoint.DType;
import org.pfmsim.checkpoint.SafetensorsWriter;

/** {@code pfm inspect}: the listing of a checkpoint, and one-line refusals of missing or malformed files. */
class InspectCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsTensorsDtypesShapesParameterCountsAndTheTotal() {
        String file = dir.resolve("mlp.safetensors").toString();
        new SafetensorsWriter().metadata("format", "pt")
                .add("layers.0.weight", DType.F32, new long[] {64, 32}, new float[64 * 32])
                .add("layers.0.bias", DType.F16, new long[] {64}, new float[64])
                .add("layers.1.weight", DType.BF16, new long[] {10, 64}, new float[640])
                .write(file);
        PfmCli.Result r = PfmCli.run("inspect", file);
        assertEquals(0, r.status(), r.err());
        assertEquals(String.join("\n",
                "checkpoint " + file + ": 3 tensors, 2,752 parameters, 9,600 bytes of data",
                "metadata format = pt",
                "tensor           dtype  shape          parameters",
                "layers.0.weight  F32    [64, 32]            2,048",
                "layers.0.bias    F16    [64]                   64",
                "layers.1.weight  BF16   [10, 64]              640",
                "total                                       2,752",
                ""), r.out());
        assertEquals("", r.err());
    }

    @Test
    void missingOrMalformedCheckpointIsOneLineWithExitStatusTwo() throws IOException {
        Path missing = dir.resolve("nope.safetensors");
        PfmCli.Result r = PfmCli.run("inspect", missing.toString());
        assertEquals(2, r.status());
        assertEquals("pfm: checkpoint " + missing + ": no such file\n", r.err());
        assertEquals("", r.out());

        Path garbage = Files.write(dir.resolve("garbage.safetensors"), "not a checkpoint".getBytes(StandardCharsets.UTF_8));
        r = PfmCli.run("inspect", garbage.toString());
        assertEquals(2, r.status());
        long claimed = java.nio.ByteBuffer.wrap("not a ch".getBytes(StandardCharsets.UTF_8))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(); // the first 8 bytes read as the header length
        assertEquals("pfm: checkpoint " + garbage + ": header length " + claimed + " bytes exceeds the limit of "
                + "100000000 bytes\n", r.err());
    }

    @Test
    void usageErrors() {
        PfmCli.Result none = PfmCli.run("inspect");
        assertEquals(2, none.status());
        assertEquals("pfm: missing CHECKPOINT. usage: pfm inspect CHECKPOINT\n", none.err());
        PfmCli.Result two = PfmCli.run("inspect", "a", "b");
        assertEquals(2, two.status());
        assertEquals("pfm: one CHECKPOINT expected, got [a, b]. usage: pfm inspect CHECKPOINT\n", two.err());
    }
}
