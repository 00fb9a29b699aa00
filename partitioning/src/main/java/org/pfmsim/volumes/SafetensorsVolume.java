package org.pfmsim.volumes;

import org.pfmsim.checkpoint.MalformedCheckpointException;
import org.pfmsim.checkpoint.SafetensorsSource;
import org.pfmsim.checkpoint.TensorEntry;
import org.pfmsim.config.ConfigException;

/**
 * A volume's index contrast from one 3-D tensor of a safetensors file (F32, F16 or BF16; 16-bit values are
 * widened exactly to float32), on a local path or any Hadoop URI.
 *
 * <p>Axis order [z, y, x], the same as a .npy volume's (z, y, x): the C-ordered layout then puts x (lateral)
 * fastest, so a lateral tile is a set of contiguous runs of x and the slices the light crosses one after
 * another are contiguous planes; it is also how NumPy ({@code vol[z, y, x]}) and PyTorch ({@code [D, H, W]})
 * index volumes, so a tensor saved from either needs no transpose. The header is read and checked once, on
 * the driver, by {@link SafetensorsSource#open}; blocks are read in the tasks as runs of x through
 * {@link SafetensorsSource#readRows}, the tensor seen as rows (z, y) of length x.
 */
public final class SafetensorsVolume extends FileVolume {
    private static final long serialVersionUID = 1L;

    private final SafetensorsSource source;
    private final String tensor;

    private SafetensorsVolume(String pathKey, SafetensorsSource source, String tensor, long[] shape) {
        super(pathKey, source.location(), (int) shape[2], (int) shape[1], (int) shape[0]);
        this.source = source;
        this.tensor = tensor;
    }

    /**
     * Opens the safetensors file at {@code location} (named by config key {@code pathKey}) and checks that
     * tensor {@code tensor} (key {@code tensorKey}) is a 3-D [z, y, x] tensor with non-empty axes that fit an
     * int; throws a one-line {@link ConfigException} naming the key and what is wrong.
     */
    public static SafetensorsVolume open(String pathKey, String location, String tensorKey, String tensor) {
        SafetensorsSource source;
        try {
            source = SafetensorsSource.open(location);
        } catch (MalformedCheckpointException e) {
            throw new ConfigException(pathKey + ": " + e.getMessage());
        }
        if (!source.contains(tensor)) {
            throw ConfigException.of(tensorKey, tensor, "the name of a tensor in " + location + " (it holds "
                    + names(source) + ")");
        }
        TensorEntry t = source.tensor(tensor);
        long[] s = t.shape();
        if (s.length != 3 || !NpyVolume.fitsAxis(s[0]) || !NpyVolume.fitsAxis(s[1]) || !NpyVolume.fitsAxis(s[2])) {
            throw ConfigException.of(tensorKey, tensor, "a 3-D tensor [z, y, x] with every axis 1 to "
                    + Integer.MAX_VALUE + " (this one is " + t.dtype() + " " + t.shapeText() + ")");
        }
        return new SafetensorsVolume(pathKey, source, tensor, s);
    }

    /** Up to 8 tensor names, then how many more. */
    private static String names(SafetensorsSource source) {
        var all = source.names();
        String shown = String.join(", ", all.subList(0, Math.min(8, all.size())));
        return all.isEmpty() ? "no tensors" : all.size() > 8 ? shown + " and " + (all.size() - 8) + " more" : shown;
    }

    public String tensor() {
        return tensor;
    }

    @Override
    void readRows(int z, int y0, int rows, int x0, int count, float[] out) {
        source.readRows(tensor, (long) z * sizeY() + y0, rows, x0, count, out);
    }
}
