package org.pfmsim.checkpoint;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pfmsim.weights.TensorSource;

/**
 * A safetensors checkpoint on any Hadoop file system, read block by block with positioned reads: a
 * block of rows x cols of a 2-D tensor is {@code rows} ranged reads of {@code cols} elements, or one
 * read when the block spans whole rows. No tensor is ever read whole into one array.
 *
 * <p>What travels to tasks: the location and the header, parsed and validated once on the driver by
 * {@link #open}. Shipping the header (a few hundred bytes per tensor) rather than re-reading it in every
 * task saves one round trip to the file system per task and, more importantly, makes every malformed
 * header fail once, before any work starts, instead of in every task. The file itself is opened by each
 * {@link #read} call and closed when it returns (one open per tile, a negligible cost against reading the
 * tile's bytes), so the source holds no handle, is safe from any number of threads and leaks nothing when
 * a task dies. A file cut short after it was opened is reported naming the tensor.
 */
public final class SafetensorsSource implements TensorSource {
    private static final long serialVersionUID = 1L;

    /** Bytes per positioned read when a block spans whole rows (bounds the read buffer, not the block). */
    static final int MAX_READ_BYTES = 64 << 20;

    private final String location;
    private final SafetensorsHeader header;
    private final Map<String, TensorEntry> byName;
    private transient Configuration conf;

    private SafetensorsSource(String location, SafetensorsHeader header) {
        this.location = location;
        this.header = header;
        this.byName = new LinkedHashMap<>();
        for (TensorEntry t : header.tensors()) {
            byName.put(t.name(), t);
        }
    }

    /**
     * Reads and validates the header of the checkpoint at {@code location} (a local path or any Hadoop
     * URI); throws {@link MalformedCheckpointException} naming the file (and tensor) when it is missing
     * or malformed.
     */
    public static SafetensorsSource open(String location) {
        Configuration conf = new Configuration();
        Path path = HadoopPaths.path(location);
        try {
            FileSystem fs = HadoopPaths.reader(path, conf);
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw MalformedCheckpointException.of(location, "no such file");
            }
            if (status.isDirectory()) {
                throw MalformedCheckpointException.of(location, "is a directory, not a safetensors file");
            }
            long fileLength = status.getLen();
            try (FSDataInputStream in = fs.open(path)) {
                byte[] prefix = new byte[8];
                int got = (int) Math.min(8, fileLength);
                in.readFully(0, prefix, 0, got);
                long n = SafetensorsHeader.headerLength(location, prefix, got, fileLength);
                byte[] json = new byte[(int) n]; // n <= MAX_HEADER_BYTES and inside the file: checked above
                in.readFully(8, json, 0, json.length);
                return new SafetensorsSource(location, SafetensorsHeader.parse(location, json, fileLength - 8 - n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + location + ": " + e.getMessage(), e);
        }
    }

    public String location() {
        return location;
    }

    public SafetensorsHeader header() {
        return header;
    }

    @Override
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The tensor named {@code name}; throws IllegalArgumentException naming it and the file when absent. */
    public TensorEntry tensor(String name) {
        TensorEntry t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("checkpoint " + location + " has no tensor " + name);
        }
        return t;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        return tensor(name).shape();
    }

    @Override
    public void read(String name, long row0, int rows, long col0, int cols, float[] out) {
        TensorEntry t = tensor(name);
        if (t.rank() != 1 && t.rank() != 2) {
            throw new IllegalArgumentException("checkpoint " + location + ": tensor " + name + " has shape "
                    + t.shapeText() + "; blocks are read from 1-D and 2-D tensors only");
        }
        readRows(name, row0, rows, col0, cols, out);
    }

    /**
     * Like {@link #read}, for a tensor of any rank >= 1 seen as a matrix whose rows are runs of its last
     * axis: [product of the other dimensions, last dimension]. A 3-D volume [z, y, x] is read this way, row
     * (z, y) being {@code z * sizeY + y}.
     */
    public void readRows(String name, long row0, int rows, long col0, int cols, float[] out) {
        TensorEntry t = tensor(name);
        if (t.rank() == 0) {
            throw new IllegalArgumentException("checkpoint " + location + ": tensor " + name + " is a scalar");
        }
        long[] shape = t.shape();
        long tensorCols = shape[t.rank() - 1];
        long tensorRows = 1;
        for (int d = 0; d < t.rank() - 1; d++) {
            tensorRows *= shape[d]; // cannot overflow: the element count was checked with the header
        }
        if (row0 < 0 || rows < 0 || col0 < 0 || cols < 0 || row0 + rows > tensorRows || col0 + cols > tensorCols
                || (long) rows * cols > out.length) {
            throw new IndexOutOfBoundsException("checkpoint " + location + ": tensor " + name + " " + t.shapeText()
                    + ": block rows [" + row0 + ", " + (row0 + rows) + ") x cols [" + col0 + ", " + (col0 + cols)
                    + ") into " + out.length + " floats");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        int elementBytes = t.dtype().bytes();
        long rowBytes = tensorCols * elementBytes;
        long blockStart = 8 + header.headerLength() + t.begin() + row0 * rowBytes + col0 * elementBytes;
        try (FSDataInputStream in = stream()) {
            if (cols == tensorCols) {
                // Whole rows are contiguous: one read (split only to bound the buffer).
                int rowsPerRead = (int) Math.max(1, Math.min(rows, MAX_READ_BYTES / rowBytes));
                int bytesPerRow = Math.toIntExact(rowBytes);
                byte[] buffer = new byte[Math.multiplyExact(rowsPerRead, bytesPerRow)];
                for (int r = 0; r < rows; r += rowsPerRead) {
                    int n = Math.min(rowsPerRead, rows - r);
                    readFully(in, name, blockStart + r * rowBytes, buffer, n * bytesPerRow);
                    t.dtype().decode(buffer, 0, out, r * cols, n * cols);
                }
            } else {
                byte[] buffer = new byte[Math.multiplyExact(cols, elementBytes)];
                for (int r = 0; r < rows; r++) {
                    readFully(in, name, blockStart + r * rowBytes, buffer, buffer.length);
                    t.dtype().decode(buffer, 0, out, r * cols, cols);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + location + ": tensor " + name + ": " + e.getMessage(), e);
        }
        requireFinite(t, row0, rows, col0, cols, out);
    }

    /**
     * Refuses a NaN or infinite weight where it is read, naming the tensor and the element's index in the
     * tensor (not in the block): such a value would silently turn every output it reaches into NaN, and
     * scanning the whole file up front would read a 10^12-parameter checkpoint twice. One compare per
     * element, against a positioned read of the same bytes.
     */
    private void requireFinite(TensorEntry t, long row0, int rows, long col0, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = out[r * cols + c];
                if (!Float.isFinite(v)) {
                    String index = t.rank() == 2 ? "[" + (row0 + r) + ", " + (col0 + c) + "]" : "[" + (col0 + c) + "]";
                    throw MalformedCheckpointException.of(location, t.name(), "element " + index + " is " + v
                            + "; weights must be finite");
                }
            }
        }
    }

    private void readFully(FSDataInputStream in, String name, long position, byte[] buffer, int length)
            throws IOException {
        try {
            in.readFully(position, buffer, 0, length);
        } catch (EOFException e) {
            throw MalformedCheckpointException.of(location, name, "file ends before byte " + (position + length)
                    + " (was it truncated or replaced after its header was read?)");
        }
    }

    private FSDataInputStream stream() throws IOException {
        Configuration c = conf;
        if (c == null) {
            c = new Configuration();
            conf = c;
        }
        Path path = HadoopPaths.path(location);
        return HadoopPaths.reader(path, c).open(path);
    }
}
