package org.pfmsim.volumes;

import java.util.Arrays;
import java.util.Locale;
import org.pfmsim.config.ConfigException;
import org.pfmsim.glass.IndexVolume;

/**
 * A glass volume's index contrast stored in a file as a C-ordered 3-D array [z, y, x]: x (lateral) varies
 * fastest, so a lateral block is a set of contiguous runs of x, one per (z, y), and a depth segment is one
 * contiguous byte range. Subclasses read such runs by byte offset; this class clips a requested block to the
 * volume (voxels outside it are 0: halos beyond the edge, the absorbing band) and refuses non-finite values,
 * which would otherwise turn every field downstream into NaN without saying where they came from.
 */
abstract class FileVolume implements IndexVolume {
    private static final long serialVersionUID = 1L;

    /** The config key and file named in every refusal. */
    final String key;
    final String location;
    private final int sizeX;
    private final int sizeY;
    private final int sizeZ;

    FileVolume(String key, String location, int sizeX, int sizeY, int sizeZ) {
        this.key = key;
        this.location = location;
        this.sizeX = sizeX;
        this.sizeY = sizeY;
        this.sizeZ = sizeZ;
    }

    /**
     * Fills {@code out[0 .. rows x count)} with voxels x in [x0, x0 + count) of the rows y in [y0, y0 + rows)
     * of slice z (all inside the volume), row after row.
     */
    abstract void readRows(int z, int y0, int rows, int x0, int count, float[] out);

    /** The file, for messages and equality. */
    public String location() {
        return location;
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
        Arrays.fill(out, 0, w * h * d, 0f);
        int xa = Math.max(x0, 0);
        int xb = Math.min(x0 + w, sizeX);
        int ya = Math.max(y0, 0);
        int yb = Math.min(y0 + h, sizeY);
        if (xa >= xb || ya >= yb) {
            return;
        }
        int count = xb - xa;
        float[] slice = new float[(yb - ya) * count];
        for (int z = Math.max(z0, 0); z < Math.min(z0 + d, sizeZ); z++) {
            readRows(z, ya, yb - ya, xa, count, slice);
            for (int j = 0; j < yb - ya; j++) {
                int from = j * count;
                for (int i = 0; i < count; i++) {
                    if (!Float.isFinite(slice[from + i])) {
                        throw ConfigException.of(key, location, String.format(Locale.ROOT,
                                "finite index contrast (voxel x %d, y %d, z %d is %s)", xa + i, ya + j, z,
                                slice[from + i]));
                    }
                }
                System.arraycopy(slice, from, out, ((z - z0) * h + (ya + j - y0)) * w + (xa - x0), count);
            }
        }
    }
}
