package org.pfmsim.inputs;

import org.pfmsim.config.ConfigException;

/**
 * Feature vectors read from a file when the config was bound, already checked (shape, finiteness), so a
 * bad file is refused before any work starts.
 *
 * @param origin  where they came from, for messages
 * @param rows    vectors held
 * @param width   features per vector
 * @param values  rows x width, row-major
 */
public record FileInputs(String origin, int rows, int width, float[] values) implements InputSource {
    public FileInputs {
        if ((long) rows * width != values.length) {
            throw new IllegalArgumentException(origin + ": " + values.length + " values for " + rows + " x " + width);
        }
    }

    /** Refuses values that are not finite, naming the first one's row and column. */
    public static FileInputs checked(String key, String origin, int rows, int width, float[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw ConfigException.of(key, origin, "finite inputs (row " + k / width + ", column " + k % width
                        + " is " + values[k] + ")");
            }
        }
        return new FileInputs(origin, rows, width, values);
    }

    /** The first {@code batch} vectors; the file must hold at least that many, of the model's width. */
    @Override
    public float[] batch(int batch, int width) {
        if (width != this.width || batch > rows) {
            throw ConfigException.of("inputs.path", origin, "inputs of width " + width + " and at least " + batch
                    + " rows (batch.size); the file holds " + rows + " x " + this.width);
        }
        return java.util.Arrays.copyOf(values, batch * width);
    }
}
