package org.pfmsim.volumes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.pfmsim.checkpoint.HadoopPaths;
import org.pfmsim.config.ConfigException;
import org.pfmsim.inputs.NpyFile;

/**
 * A volume's index contrast from a NumPy {@code .npy} file written by other tools: a 3-D float32 or float64
 * array of shape (z, y, x) in C order, either byte order, on a local path or any Hadoop URI. The header is
 * validated once, on the driver, by {@link NpyFile#header} (the project's one .npy validator: magic, version,
 * header length, dtype, memory order, shape, and a file length equal to what the header declares); this class
 * adds only what a volume needs: three non-empty axes that fit an int and a float dtype. Blocks are read by
 * byte offset where the tasks run: one positioned read per run of x, or per slice when whole rows are asked
 * for; the file must be readable there (a shared file system, or a local path on one machine).
 */
public final class NpyVolume extends FileVolume {
    private static final long serialVersionUID = 1L;
    /** Largest single positioned read (bounds the buffer; larger blocks are read run by run). */
    static final int MAX_READ_BYTES = 64 << 20;

    private final int itemBytes;
    private final boolean bigEndian;
    private final long dataOffset;
    private transient NpyFile.Header header;
    private transient Configuration conf;

    private NpyVolume(String key, String location, NpyFile.Header h) {
        super(key, location, (int) h.shape()[2], (int) h.shape()[1], (int) h.shape()[0]);
        this.itemBytes = h.itemBytes();
        this.bigEndian = h.order() == ByteOrder.BIG_ENDIAN;
        this.dataOffset = h.dataOffset();
        this.header = h;
    }

    /**
     * Opens and validates the .npy file at {@code location}; throws a one-line {@link ConfigException} naming
     * {@code key}, the file and what is allowed.
     */
    public static NpyVolume open(String key, String location) {
        NpyFile.Header h = NpyFile.header(key, location);
        long[] s = h.shape();
        if (h.kind() != 'f' || s.length != 3 || !fitsAxis(s[0]) || !fitsAxis(s[1]) || !fitsAxis(s[2])) {
            throw ConfigException.of(key, location, "a 3-D float32 or float64 array (z, y, x) with every axis 1 to "
                    + Integer.MAX_VALUE + " (this one is " + h.describe() + ")");
        }
        return new NpyVolume(key, location, h);
    }

    static boolean fitsAxis(long n) {
        return n >= 1 && n <= Integer.MAX_VALUE;
    }

    @Override
    void readRows(int z, int y0, int rows, int x0, int count, float[] out) {
        long rowStart = dataOffset + (((long) z * sizeY() + y0) * sizeX() + x0) * itemBytes;
        long rowBytes = (long) sizeX() * itemBytes;
        Path path = HadoopPaths.path(location);
        try (FSDataInputStream in = HadoopPaths.reader(path, conf()).open(path)) {
            if (count == sizeX() && rows * rowBytes <= MAX_READ_BYTES) { // whole rows are contiguous: one read
                byte[] bytes = new byte[Math.toIntExact((long) rows * rowBytes)];
                in.readFully(rowStart, bytes, 0, bytes.length);
                NpyFile.decodeFloats(header(), bytes, out, 0, rows * count);
            } else {
                byte[] bytes = new byte[count * itemBytes];
                for (int j = 0; j < rows; j++) {
                    in.readFully(rowStart + j * rowBytes, bytes, 0, bytes.length);
                    NpyFile.decodeFloats(header(), bytes, out, j * count, count);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(key + " = " + location + ": " + e.getMessage()
                    + " (was the file cut short or replaced after its header was read?)", e);
        }
    }

    private NpyFile.Header header() {
        if (header == null) {
            header = new NpyFile.Header('f', itemBytes, bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                    new long[] {sizeZ(), sizeY(), sizeX()}, dataOffset);
        }
        return header;
    }

    private Configuration conf() {
        if (conf == null) {
            conf = new Configuration();
        }
        return conf;
    }
}
