package org.pfmsim.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated header of a safetensors file. The format (huggingface/safetensors, README "Format"):
 * 8 bytes, an unsigned little-endian 64-bit header length N; N bytes of UTF-8 JSON mapping each tensor
 * name to {"dtype", "shape", "data_offsets": [begin, end)}, offsets relative to the byte after the
 * header, plus an optional "__metadata__" map of strings to strings; then the data, little-endian, C
 * order.
 *
 * <p>The header is untrusted: every size is checked against the file before it is used, nothing is
 * allocated from a size the header claims, and each failure is one line naming the file and the tensor.
 * Gaps between tensors are allowed (the format does not forbid padding); overlaps are not.
 *
 * @param tensors       in header order
 * @param metadata      the "__metadata__" map (empty when absent)
 * @param headerLength  N, so the data area starts at byte 8 + N of the file
 * @param dataLength    bytes of the file after the header
 */
public record SafetensorsHeader(List<TensorEntry> tensors, Map<String, String> metadata, long headerLength,
                                long dataLength) implements Serializable {
    /**
     * Largest header accepted, bytes: the limit of the reference implementation (MAX_HEADER_SIZE in
     * huggingface/safetensors), far above any real header (a few MB for 10^5 tensors).
     */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA = "__metadata__";
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxNumberLength(64).build())
            .build();
    private static final ObjectMapper TREES = new ObjectMapper(JSON)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    public SafetensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * Checks the 8-byte length prefix against the file before anything is allocated; returns N.
     *
     * @param prefix      the first 8 bytes of the file (fewer when the file is shorter)
     * @param fileLength  bytes in the file
     */
    static long headerLength(String file, byte[] prefix, int prefixBytes, long fileLength) {
        if (prefixBytes < 8) {
            throw MalformedCheckpointException.of(file, "truncated: " + fileLength
                    + " bytes, shorter than the 8-byte header length");
        }
        long n = ByteBuffer.wrap(prefix, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        if (Long.compareUnsigned(n, MAX_HEADER_BYTES) > 0) {
            throw MalformedCheckpointException.of(file, "header length " + Long.toUnsignedString(n)
                    + " bytes exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (8 + n > fileLength) {
            throw MalformedCheckpointException.of(file, "header length " + n + " bytes runs past the end of the file ("
                    + fileLength + " bytes)");
        }
        return n;
    }

    /** Parses and validates the N header bytes of a file whose data area holds {@code dataLength} bytes. */
    static SafetensorsHeader parse(String file, byte[] header, long dataLength) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw MalformedCheckpointException.of(file, "header is not valid UTF-8");
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw MalformedCheckpointException.of(file, "header is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (entries.containsKey(name)) {
                    throw MalformedCheckpointException.of(file, name, "appears twice in the header");
                }
                entries.put(name, TREES.readTree(p));
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw MalformedCheckpointException.of(file, "header has data after its JSON object");
            }
        } catch (JsonProcessingException e) {
            // A constraint violation (nesting beyond 16 levels) carries no location.
            throw MalformedCheckpointException.of(file, "header is not valid JSON"
                    + (e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset()) + ": "
                    + jacksonReason(e));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        // Only a well-formed header is interpreted, so a syntax error is reported as such.
        List<TensorEntry> tensors = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                metadata(file, e.getValue(), metadata);
            } else {
                tensors.add(entry(file, e.getKey(), e.getValue()));
            }
        }
        requireDisjoint(file, tensors);
        requireInside(file, tensors, dataLength);
        return new SafetensorsHeader(tensors, metadata, header.length, dataLength);
    }

    private static void metadata(String file, JsonNode node, Map<String, String> into) {
        if (!node.isObject()) {
            throw MalformedCheckpointException.of(file, METADATA + " is not a JSON object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw MalformedCheckpointException.of(file, METADATA + " value of " + e.getKey() + " is not a string");
            }
            into.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static TensorEntry entry(String file, String name, JsonNode node) {
        if (!node.isObject()) {
            throw MalformedCheckpointException.of(file, name, "entry is not a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!ENTRY_FIELDS.contains(field)) {
                throw MalformedCheckpointException.of(file, name, "unknown field " + field
                        + " (allowed dtype, shape, data_offsets)");
            }
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw MalformedCheckpointException.of(file, name, "dtype is missing or not a string");
        }
        DType dtype = DType.byName(dtypeNode.textValue());
        if (dtype == null) {
            throw MalformedCheckpointException.of(file, name, "dtype " + dtypeNode.textValue()
                    + " is not supported: allowed " + DType.allowed());
        }
        long[] shape = longs(file, name, node.get("shape"), "shape", -1);
        long elements = 1;
        for (long d : shape) {
            if (d < 0) {
                throw MalformedCheckpointException.of(file, name, "shape " + java.util.Arrays.toString(shape)
                        + " has a negative dimension");
            }
        }
        long bytes;
        try {
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements, dtype.bytes());
        } catch (ArithmeticException e) {
            throw MalformedCheckpointException.of(file, name, "shape " + java.util.Arrays.toString(shape)
                    + " has more bytes than a 64-bit size can count");
        }
        long[] offsets = longs(file, name, node.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin) {
            throw MalformedCheckpointException.of(file, name, "data_offsets [" + begin + ", " + end
                    + ") are not a byte range (0 <= begin <= end)");
        }
        if (end - begin != bytes) {
            throw MalformedCheckpointException.of(file, name, "shape " + java.util.Arrays.toString(shape) + " of "
                    + dtype + " needs " + bytes + " bytes but data_offsets [" + begin + ", " + end + ") hold "
                    + (end - begin));
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    /** A JSON array of integers that fit a signed 64-bit long ({@code length} -1 for any length). */
    private static long[] longs(String file, String name, JsonNode node, String field, int length) {
        String expected = length < 0 ? "an array of integers" : "an array of " + length + " integers";
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw MalformedCheckpointException.of(file, name, field + " is missing or not " + expected);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber()) {
                throw MalformedCheckpointException.of(file, name, field + " is not " + expected + ": " + node);
            }
            if (!v.canConvertToLong()) {
                throw MalformedCheckpointException.of(file, name, field + " value " + v
                        + " overflows a signed 64-bit integer");
            }
            values[i] = v.longValue();
        }
        return values;
    }

    private static void requireDisjoint(String file, List<TensorEntry> tensors) {
        List<TensorEntry> byOffset = new ArrayList<>(tensors);
        byOffset.removeIf(t -> t.begin() == t.end()); // an empty range overlaps nothing
        byOffset.sort(Comparator.comparingLong(TensorEntry::begin));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorEntry prev = byOffset.get(i - 1);
            TensorEntry t = byOffset.get(i);
            if (t.begin() < prev.end()) {
                throw MalformedCheckpointException.of(file, t.name(), "data_offsets [" + t.begin() + ", " + t.end()
                        + ") overlap those of tensor " + prev.name() + " [" + prev.begin() + ", " + prev.end() + ")");
            }
        }
    }

    /**
     * Every tensor inside the data area. The first one (in file order) that is not: if it starts inside
     * (or exactly at the end of) the data, the file was cut short; if it starts beyond, its offsets lie.
     */
    private static void requireInside(String file, List<TensorEntry> tensors, long dataLength) {
        List<TensorEntry> byOffset = new ArrayList<>(tensors);
        byOffset.sort(Comparator.comparingLong(TensorEntry::begin));
        for (TensorEntry t : byOffset) {
            if (t.end() > dataLength) {
                if (t.begin() <= dataLength) {
                    throw MalformedCheckpointException.of(file, t.name(), "file is truncated: data_offsets ["
                            + t.begin() + ", " + t.end() + ") but the data area holds only " + dataLength + " bytes");
                }
                throw MalformedCheckpointException.of(file, t.name(), "data_offsets [" + t.begin() + ", " + t.end()
                        + ") lie outside the data area (" + dataLength + " bytes)");
            }
        }
    }

    /** Jackson's reason on one line, without its description of the (redacted) source. */
    private static String jacksonReason(JsonProcessingException e) {
        String reason = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ").trim();
        return reason.replaceAll(" ?\\(start marker at \\[Source: [^\\]]*\\]\\)", "");
    }
}
