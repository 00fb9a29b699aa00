package org.pfmsim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed file refused before anything is allocated from its sizes, with its exact one-line message. */
class MalformedCheckpointTest {
    @TempDir
    Path dir;

    private String file;

    private String refused(String header, int dataBytes) throws IOException {
        return refused(CheckpointFiles.write(dir.resolve("bad.safetensors"), header, new byte[dataBytes]));
    }

    private String refused(Path path) {
        file = path.toString();
        return assertThrows(MalformedCheckpointException.class, () -> SafetensorsSource.open(file)).getMessage();
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    @Test
    void truncatedFile() throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        new SafetensorsWriter().add("a", DType.F32, new long[] {4}, new float[4])
                .add("b", DType.F32, new long[] {3}, new float[3]).write(whole.toString());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertEquals("checkpoint " + cut + ": tensor b: file is truncated: data_offsets [16, 28) but the data area "
                + "holds only 25 bytes", refused(cut));
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Path tiny = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3, 4, 5});
        assertEquals("checkpoint " + tiny + ": truncated: 5 bytes, shorter than the 8-byte header length",
                refused(tiny));
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path p = CheckpointFiles.write(dir.resolve("long.safetensors"), 1000, "{}".getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        assertEquals("checkpoint " + p + ": header length 1000 bytes runs past the end of the file (10 bytes)",
                refused(p));
    }

    @Test
    void headerLengthAboveTheCapIsRefusedBeforeAllocating() throws IOException {
        Path huge = CheckpointFiles.write(dir.resolve("huge.safetensors"), -1L, new byte[0], new byte[0]);
        assertEquals("checkpoint " + huge + ": header length 18446744073709551615 bytes exceeds the limit of "
                + "100000000 bytes", refused(huge));
        Path justAbove = CheckpointFiles.write(dir.resolve("above.safetensors"), 100_000_001L, new byte[0],
                new byte[0]);
        assertEquals("checkpoint " + justAbove + ": header length 100000001 bytes exceeds the limit of 100000000 "
                + "bytes", refused(justAbove));
    }

    @Test
    void malformedJson() throws IOException {
        assertEquals("checkpoint " + file(0) + ": header is not valid JSON at character 22: Unexpected "
                + "end-of-input: expected close marker for Object",
                refused("{\"a\":{\"dtype\":\"F32\"}  ", 0));
    }

    @Test
    void headerNested5000DeepIsRefusedInOneLine() throws IOException {
        String message = refused("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 0);
        assertTrue(message.startsWith("checkpoint " + file(0) + ": header is not valid JSON: Document nesting depth"),
                message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void headerThatIsNotAnObjectOrHasTrailingData() throws IOException {
        assertEquals("checkpoint " + file(0) + ": header is not a JSON object", refused("[1, 2]", 0));
        assertEquals("checkpoint " + file(0) + ": header has data after its JSON object", refused("{} {}", 0));
    }

    @Test
    void unknownDtype() throws IOException {
        assertEquals("checkpoint " + file(0) + ": tensor a: dtype I64 is not supported: allowed F32 F16 BF16",
                refused("{" + entry("a", "I64", "[1]", 0, 8) + "}", 8));
    }

    @Test
    void negativeShape() throws IOException {
        assertEquals("checkpoint " + file(0) + ": tensor a: shape [-1, 2] has a negative dimension",
                refused("{" + entry("a", "F32", "[-1,2]", 0, 8) + "}", 8));
    }

    @Test
    void overflowingShape() throws IOException {
        assertEquals("checkpoint " + file(0) + ": tensor a: shape [4294967296, 4294967296] has more bytes than a "
                + "64-bit size can count", refused("{" + entry("a", "F32", "[4294967296,4294967296]", 0, 8) + "}", 8));
        assertEquals("checkpoint " + file(0) + ": tensor a: shape value 18446744073709551616 overflows a signed 64-bit "
                + "integer", refused("{" + entry("a", "F32", "[18446744073709551616]", 0, 8) + "}", 8));
    }

    @Test
    void shapeTimesDtypeSizeDiffersFromTheByteRange() throws IOException {
        assertEquals("checkpoint " + file(0) + ": tensor a: shape [2, 3] of F16 needs 12 bytes but data_offsets "
                + "[0, 24) hold 24", refused("{" + entry("a", "F16", "[2,3]", 0, 24) + "}", 24));
    }

    @Test
    void offsetsOutsideTheData() throws IOException {
        assertEquals("checkpoint " + file(0) + ": tensor b: data_offsets [1000, 1004) lie outside the data area "
                + "(8 bytes)", refused("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[1]", 1000, 1004)
                + "}", 8));
        assertEquals("checkpoint " + file(0) + ": tensor a: data_offsets [8, 4) are not a byte range "
                + "(0 <= begin <= end)", refused("{" + entry("a", "F32", "[1]", 8, 4) + "}", 8));
    }

    @Test
    void overlappingTensors() throws IOException {
        assertEquals("checkpoint " + file(0) + ": tensor b: data_offsets [4, 12) overlap those of tensor a [0, 8)",
                refused("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", 12));
    }

    @Test
    void duplicateTensorNames() throws IOException {
        assertEquals("checkpoint " + file(0) + ": tensor a: appears twice in the header",
                refused("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}", 8));
    }

    @Test
    void missingFileAndDirectory() {
        Path missing = dir.resolve("nope.safetensors");
        assertEquals("checkpoint " + missing + ": no such file", refused(missing));
        assertEquals("checkpoint " + dir + ": is a directory, not a safetensors file", refused(dir));
    }

    private Path file(int unused) {
        return dir.resolve("bad.safetensors");
    }
}
