package org.pfmsim.glass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pfmsim.config.ConfigException;

/**
 * A volume's index contrast read from a NumPy {@code .npy} file written by other tools (NumPy format versions
 * 1.0 to 3.0: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): a 3-D float32 or float64
 * array of shape (z, y, x) in C order, little- or big-endian. The header is untrusted input: the magic, version,
 * header length, dtype, memory order and shape are checked, and the data must fill the rest of the file
 * exactly, so a truncated file or a header that lies about the shape is refused at open time with one line.
 * Blocks are read by byte offset (one positional read per voxel row), never the whole file; the path must be
 * readable where the tasks run (a local path on one machine, or a shared file system).
 */
public final class NpyVolume implements IndexVolume {
    private static final long serialVersionUID = 1L;
    static final String KEY = "platform.glass-volume.volume.path";
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final String path;
    private final boolean bigEndian;
    private final int itemBytes;
    private final long dataOffset;
    private final int sizeX;
    private final int sizeY;
    private final int sizeZ;

    private NpyVolume(String path, boolean bigEndian, int itemBytes, long dataOffset, int[] shape) {
        this.path = path;
        this.bigEndian = bigEndian;
        this.itemBytes = itemBytes;
        this.dataOffset = dataOffset;
        this.sizeZ = shape[0];
        this.sizeY = shape[1];
        this.sizeX = shape[2];
    }

    /** Opens and validates {@code file}; throws a one-line {@link ConfigException} naming what is wrong. */
    public static NpyVolume open(String file) {
        Path p = Path.of(file);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer pre = read(ch, 0, 12, size, file);
            for (int i = 0; i < MAGIC.length; i++) {
                if (pre.get(i) != MAGIC[i]) {
                    throw bad(file, "not a NumPy .npy file (no \\x93NUMPY magic)");
                }
            }
            int major = pre.get(6);
            long headerLength;
            int preamble;
            if (major == 1) {
                headerLength = pre.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xFFFF;
                preamble = 10;
            } else if (major == 2 || major == 3) {
                headerLength = pre.order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xFFFFFFFFL;
                preamble = 12;
            } else {
                throw bad(file, "unsupported .npy format version " + major + "." + pre.get(7) + " (1.0 to 3.0)");
            }
            if (headerLength > MAX_HEADER || preamble + headerLength > size) {
                throw bad(file, "header length " + headerLength + " runs past the end of the " + size + "-byte file");
            }
            ByteBuffer hb = read(ch, preamble, (int) headerLength, size, file);
            String header = StandardCharsets.UTF_8.decode(hb).toString().trim();
            return parse(file, header, preamble + headerLength, size);
        } catch (NoSuchFileException e) {
            throw bad(file, "no such file");
        } catch (IOException e) {
            throw bad(file, "cannot be read: " + e.getMessage());
        }
    }

    private static NpyVolume parse(String file, String header, long dataOffset, long fileSize) {
        if (!header.startsWith("{") || !header.endsWith("}")) {
            throw bad(file, "malformed header (not a Python dict literal)");
        }
        String descr = group(DESCR, header, file, "'descr'");
        String fortran = group(FORTRAN, header, file, "'fortran_order'");
        String shapeText = group(SHAPE, header, file, "'shape'");
        boolean bigEndian;
        if (descr.length() == 3 && (descr.charAt(0) == '<' || descr.charAt(0) == '=')) {
            bigEndian = false;
        } else if (descr.length() == 3 && descr.charAt(0) == '>') {
            bigEndian = true;
        } else {
            throw bad(file, "dtype '" + descr + "' is not float32 or float64 ('<f4', '>f4', '<f8', '>f8')");
        }
        int itemBytes = switch (descr.substring(1)) {
            case "f4" -> 4;
            case "f8" -> 8;
            default -> throw bad(file, "dtype '" + descr + "' is not float32 or float64 ('<f4', '>f4', '<f8', '>f8')");
        };
        if (fortran.equals("True")) {
            throw bad(file, "Fortran-ordered array; save a C-ordered one (numpy.ascontiguousarray)");
        }
        String[] parts = shapeText.split(",");
        int dims = 0;
        int[] shape = new int[3];
        for (String part : parts) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (dims == 3) {
                throw bad(file, "shape (" + shapeText + ") is not 3-D (z, y, x)");
            }
            try {
                long v = Long.parseLong(t);
                if (v < 1 || v > Integer.MAX_VALUE) {
                    throw bad(file, "shape (" + shapeText + ") has an empty or oversized axis");
                }
                shape[dims++] = (int) v;
            } catch (NumberFormatException e) {
                throw bad(file, "shape (" + shapeText + ") is not a tuple of integers");
            }
        }
        if (dims != 3) {
            throw bad(file, "shape (" + shapeText + ") is not 3-D (z, y, x)");
        }
        long dataBytes;
        try {
            dataBytes = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact((long) shape[0], shape[1]), shape[2]),
                    itemBytes);
        } catch (ArithmeticException e) {
            throw bad(file, "shape (" + shapeText + ") overflows");
        }
        if (dataBytes != fileSize - dataOffset) {
            throw bad(file, "header says shape (" + shapeText + ") of " + descr + " = " + dataBytes
                    + " data bytes but the file holds " + (fileSize - dataOffset)
                    + (dataBytes > fileSize - dataOffset ? " (truncated)" : " (trailing bytes)"));
        }
        return new NpyVolume(file, bigEndian, itemBytes, dataOffset, shape);
    }

    private static String group(Pattern p, String header, String file, String what) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw bad(file, "header has no valid " + what + " entry");
        }
        return m.group(1);
    }

    private static ByteBuffer read(FileChannel ch, long at, int length, long size, String file) throws IOException {
        if (at + length > size) {
            throw bad(file, "file ends after " + size + " bytes, inside the header");
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw bad(file, "file ends after " + size + " bytes, inside the header");
            }
        }
        return b.flip();
    }

    private static ConfigException bad(String file, String problem) {
        return new ConfigException(KEY + " = " + file + ": " + problem);
    }

    @Override
    public int sizeX() {
        return sizeX;
    }

    @Override
    public int sizeY() {
        return sizeY;
    }

    @Override
    public int sizeZ() {
        return sizeZ;
    }

    @Override
    public void read(int x0, int y0, int z0, int w, int h, int d, float[] out) {
        java.util.Arrays.fill(out, 0, w * h * d, 0f);
        int xa = Math.max(x0, 0);
        int xb = Math.min(x0 + w, sizeX);
        if (xa >= xb) {
            return;
        }
        ByteBuffer row = ByteBuffer.allocate((xb - xa) * itemBytes)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
            for (int k = Math.max(z0, 0); k < Math.min(z0 + d, sizeZ); k++) {
                for (int j = Math.max(y0, 0); j < Math.min(y0 + h, sizeY); j++) {
                    long at = dataOffset + (((long) k * sizeY + j) * sizeX + xa) * itemBytes;
                    row.clear();
                    while (row.hasRemaining()) {
                        if (ch.read(row, at + row.position()) < 0) {
                            throw new UncheckedIOException(new IOException(path + " shrank while being read"));
                        }
                    }
                    row.flip();
                    int o = ((k - z0) * h + (j - y0)) * w + (xa - x0);
                    for (int i = 0; i < xb - xa; i++) {
                        out[o + i] = itemBytes == 4 ? row.getFloat() : (float) row.getDouble();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }
}
