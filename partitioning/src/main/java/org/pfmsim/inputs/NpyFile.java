package org.pfmsim.inputs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pfmsim.checkpoint.HadoopPaths;
import org.pfmsim.config.ConfigException;

/**
 * Arrays in NumPy's .npy format (numpy.lib.format, versions 1.0 to 3.0): the magic {@code \x93NUMPY},
 * a version, a little-endian header length (2 bytes in 1.0, 4 in 2.0 and 3.0), a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (rows, cols), }} and the data. Read through the
 * Hadoop FileSystem API (local paths or any Hadoop URI). The header is untrusted: its length is capped at
 * NumPy's own default for {@code np.load} (10000 bytes), the dict must hold exactly those three keys, and
 * the file length must equal what the header declares. Feature vectors are float32 or float64; token ids
 * (for models with an embedding) int32 or int64; glass volumes ({@code org.pfmsim.volumes.NpyVolume}) 3-D
 * float32 or float64, read by byte ranges with {@link #decodeFloats}. Only the rows asked for are read. This
 * is the project's one .npy validator: every reader of .npy files opens them through {@link #header}.
 *
 * <p>Every refusal is one line naming the config key, the file and what is allowed.
 */
public final class NpyFile {
    /** NumPy's default {@code max_header_size} for {@code np.load}. */
    static final int MAX_HEADER_BYTES = 10_000;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DICT = Pattern.compile(
            "\\{\\s*(?:'(?:descr|fortran_order|shape)'\\s*:\\s*(?:'[^']*'|True|False|\\([-0-9,\\s]*\\))\\s*,?\\s*){3}\\}\\s*");
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiu])([0-9]+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([-0-9,\\s]*)\\)");

    /**
     * A validated header.
     *
     * @param kind        'f' float or 'i' signed integer
     * @param itemBytes   bytes per element
     * @param order       byte order of the data
     * @param shape       dimensions, C order
     * @param dataOffset  first data byte in the file
     */
    public record Header(char kind, int itemBytes, ByteOrder order, long[] shape, long dataOffset) {
        public long rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        /** Elements per row (1 for 0-D and 1-D arrays). */
        public long rowLength() {
            long n = 1;
            for (int d = 1; d < shape.length; d++) {
                n *= shape[d];
            }
            return n;
        }

        /** E.g. {@code float32 [3, 4, 5]}. */
        public String describe() {
            return (kind == 'f' ? "float" : "int") + 8 * itemBytes + " " + Arrays.toString(shape);
        }
    }

    private NpyFile() {
    }

    /**
     * The first {@code maxRows} rows of a 2-D float32/float64 array {@code [rows, width]} as float32 feature
     * vectors, checked finite (a NaN or infinity is refused naming its row and column).
     */
    public static FileInputs features(String key, String location, int maxRows) {
        Header h = header(key, location);
        if (h.kind() != 'f' || h.shape().length != 2) {
            throw fail(key, location, "a 2-D float32 or float64 array [batch, width] (this one is "
                    + h.describe() + ")");
        }
        int width = Math.toIntExact(h.shape()[1]);
        int rows = (int) Math.min(maxRows, h.rows());
        byte[] data = read(key, location, h, rows);
        float[] values = new float[rows * width];
        decodeFloats(h, data, values, 0, values.length);
        return FileInputs.checked(key, location, rows, width, values);
    }

    /**
     * Decodes {@code count} float32 or float64 elements of a file with header {@code h} (either byte order)
     * from {@code data[0...]} into {@code out[offset...]} as float32 (float64 rounded to nearest).
     */
    public static void decodeFloats(Header h, byte[] data, float[] out, int offset, int count) {
        if (h.kind() != 'f') {
            throw new IllegalArgumentException("not a float array: " + h.describe());
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(h.order());
        for (int k = 0; k < count; k++) {
            out[offset + k] = h.itemBytes() == 4 ? b.getFloat() : (float) b.getDouble();
        }
    }

    /**
     * The first {@code maxRows} rows of an int32/int64 array of token ids, flattened in C order (the
     * header gives the shape).
     */
    public static long[] ids(String key, String location, Header h, int maxRows) {
        if (h.kind() != 'i') {
            throw fail(key, location, "an int32 or int64 array of token ids (this one is " + h.describe() + ")");
        }
        int rows = (int) Math.min(maxRows, h.rows());
        byte[] data = read(key, location, h, rows);
        ByteBuffer b = ByteBuffer.wrap(data).order(h.order());
        long[] ids = new long[data.length / h.itemBytes()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = h.itemBytes() == 4 ? b.getInt() : b.getLong();
        }
        return ids;
    }

    /** Reads and validates the header of the .npy file at {@code location}. */
    public static Header header(String key, String location) {
        Path path = HadoopPaths.path(location);
        try {
            FileSystem fs = HadoopPaths.reader(path, new Configuration());
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw fail(key, location, "an existing .npy file (there is no such file)");
            }
            if (status.isDirectory()) {
                throw fail(key, location, "an existing .npy file (this is a directory)");
            }
            long length = status.getLen();
            try (FSDataInputStream in = fs.open(path)) {
                byte[] prefix = new byte[12];
                int got = (int) Math.min(prefix.length, length);
                in.readFully(0, prefix, 0, got);
                if (got < MAGIC.length || !Arrays.equals(Arrays.copyOf(prefix, MAGIC.length), MAGIC)) {
                    throw fail(key, location, "a .npy file (it does not start with \\x93NUMPY)");
                }
                int major = got > 6 ? prefix[6] : 1;
                if (major < 1 || major > 3) {
                    throw fail(key, location, "a .npy file of format version 1, 2 or 3 (this one is " + major + ")");
                }
                int start = major == 1 ? 10 : 12;
                if (got < start) { // also a file cut before its version byte, read as 1.0
                    throw fail(key, location, "a complete .npy file (it ends after " + length
                            + " bytes, inside the " + start + "-byte preamble)");
                }
                ByteBuffer lb = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
                long headerBytes = major == 1 ? lb.getShort(8) & 0xffff : lb.getInt(8) & 0xffffffffL;
                if (headerBytes > MAX_HEADER_BYTES || start + headerBytes > length) {
                    throw fail(key, location, "a .npy header of at most " + MAX_HEADER_BYTES + " bytes inside the file"
                            + " (it declares " + headerBytes + " bytes; the file has " + length + ")");
                }
                byte[] text = new byte[(int) headerBytes];
                in.readFully(start, text, 0, text.length);
                Header h = parse(key, location, new String(text, major == 3 ? StandardCharsets.UTF_8
                        : StandardCharsets.ISO_8859_1), start + headerBytes);
                long expected = h.dataOffset() + count(key, location, h) * h.itemBytes();
                if (length != expected) {
                    throw fail(key, location, "a complete .npy file (shape " + Arrays.toString(h.shape()) + " needs "
                            + expected + " bytes; the file has " + length + ")");
                }
                return h;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(key + " = " + location + ": " + e.getMessage(), e);
        }
    }

    private static Header parse(String key, String location, String dict, long dataOffset) {
        if (!DICT.matcher(dict).matches()) {
            throw fail(key, location, "a .npy header dict with exactly 'descr', 'fortran_order' and 'shape'");
        }
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw fail(key, location, "a .npy array of float32, float64, int32 or int64 (descr not supported)");
        }
        char kind = d.group(2).charAt(0);
        int bytes = Integer.parseInt(d.group(3));
        if (kind == 'u' || (bytes != 4 && bytes != 8)) {
            throw fail(key, location, "a .npy array of float32, float64, int32 or int64 (descr "
                    + d.group(1) + d.group(2) + d.group(3) + ")");
        }
        if (f.group(1).equals("True")) {
            throw fail(key, location, "a .npy array in C order (this one is fortran_order; save it with "
                    + "numpy.ascontiguousarray)");
        }
        String[] dims = s.group(1).trim().isEmpty() ? new String[0] : s.group(1).split(",");
        long[] shape = Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty()).mapToLong(x -> {
            long dim;
            try {
                dim = Long.parseLong(x);
            } catch (NumberFormatException e) {
                dim = -1;
            }
            if (dim < 0) {
                throw fail(key, location, "a .npy shape of dimensions 0 to 2^63 - 1 (" + x + ")");
            }
            return dim;
        }).toArray();
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new Header(kind, bytes, order, shape, dataOffset);
    }

    private static long count(String key, String location, Header h) {
        try {
            long n = 1;
            for (long dim : h.shape()) {
                n = Math.multiplyExact(n, dim);
            }
            Math.multiplyExact(n, h.itemBytes());
            return n;
        } catch (ArithmeticException e) {
            throw fail(key, location, "a .npy shape whose size fits 64 bits (" + Arrays.toString(h.shape()) + ")");
        }
    }

    /** The raw data bytes of the first {@code rows} rows, in the file's element type and byte order. */
    public static byte[] bytes(String key, String location, Header h, int rows) {
        return read(key, location, h, rows);
    }

    private static byte[] read(String key, String location, Header h, int rows) {
        long bytes = rows * h.rowLength() * h.itemBytes();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw fail(key, location, "at most 2 GB of inputs per batch (" + bytes + " bytes asked for)");
        }
        Path path = HadoopPaths.path(location);
        try (FSDataInputStream in = HadoopPaths.reader(path, new Configuration()).open(path)) {
            byte[] data = new byte[(int) bytes];
            in.readFully(h.dataOffset(), data, 0, data.length);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(key + " = " + location + ": " + e.getMessage(), e);
        }
    }

    private static ConfigException fail(String key, String location, String allowed) {
        return ConfigException.of(key, location, allowed);
    }
}
