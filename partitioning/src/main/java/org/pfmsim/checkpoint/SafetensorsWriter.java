package org.pfmsim.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes safetensors files (the format described in {@link SafetensorsHeader}) from float32 values,
 * stored as F32, F16 or BF16 (16-bit types rounded to nearest, ties to even). Tensors are laid out in the
 * order they were added, back to back; the header is padded with spaces so the data area starts at a
 * multiple of 8 bytes, as the reference implementation does. Meant for tests and sample checkpoints: the
 * tensors are held in memory until {@link #write}.
 */
public final class SafetensorsWriter {
    private record Pending(DType dtype, long[] shape, float[] values) {
    }

    private final Map<String, Pending> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** Adds a tensor; {@code values} (C order) must hold exactly the product of {@code shape} elements. */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, float[] values) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + ": negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values, given " + values.length);
        }
        if (name.equals("__metadata__") || tensors.putIfAbsent(name, new Pending(dtype, shape.clone(), values)) != null) {
            throw new IllegalArgumentException("tensor " + name + " is already in the checkpoint (or reserved)");
        }
        return this;
    }

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Writes the file to a local path or any Hadoop URI, replacing an existing file. */
    public void write(String location) {
        Path path = HadoopPaths.path(location);
        // Written beside the target and renamed onto it once complete: a full disk or a kill mid-write leaves
        // no truncated checkpoint under the name (nor destroys an earlier file of that name).
        Path partial = new Path(path.getParent(), "." + path.getName() + ".partial-" + UUID.randomUUID());
        FileSystem fs = null;
        try {
            fs = HadoopPaths.writer(path, new Configuration());
            try (OutputStream out = fs.create(partial, false)) {
                write(out);
            }
            if (fs.exists(path) && !fs.delete(path, false)) {
                throw new IOException("cannot replace " + path);
            }
            if (!fs.rename(partial, path)) {
                throw new IOException("cannot move " + partial + " to " + path);
            }
        } catch (IOException e) {
            deletePartial(fs, partial, e);
            throw new UncheckedIOException("cannot write checkpoint " + location + ": " + e.getMessage(), e);
        } catch (org.apache.hadoop.fs.FSError e) { // what Hadoop's local streams throw on a full disk
            deletePartial(fs, partial, e);
            throw new UncheckedIOException("cannot write checkpoint " + location + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), new IOException(e));
        } catch (RuntimeException | Error e) {
            deletePartial(fs, partial, e);
            throw e;
        }
    }

    private static void deletePartial(FileSystem fs, Path partial, Throwable failure) {
        if (fs == null) {
            return;
        }
        try {
            fs.delete(partial, false);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Writes the file to {@code out} (not closed). */
    public void write(OutputStream out) throws IOException {
        byte[] header = header();
        byte[] length = new byte[8];
        for (int i = 0; i < 8; i++) {
            length[i] = (byte) ((long) header.length >>> (8 * i));
        }
        out.write(length);
        out.write(header);
        for (Pending t : tensors.values()) {
            byte[] data = new byte[Math.multiplyExact(t.values().length, t.dtype().bytes())];
            t.dtype().encode(t.values(), data);
            out.write(data);
        }
        out.flush();
    }

    private byte[] header() throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(json)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart("__metadata__");
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, Pending> e : tensors.entrySet()) {
                Pending t = e.getValue();
                long end = offset + (long) t.values().length * t.dtype().bytes();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("dtype", t.dtype().name());
                g.writeFieldName("shape");
                g.writeArray(t.shape(), 0, t.shape().length);
                g.writeFieldName("data_offsets");
                g.writeArray(new long[] {offset, end}, 0, 2);
                g.writeEndObject();
                offset = end;
            }
            g.writeEndObject();
        }
        int padding = (8 - json.size() % 8) % 8;
        for (int i = 0; i < padding; i++) {
            json.write(' ');
        }
        return json.toByteArray();
    }
}
