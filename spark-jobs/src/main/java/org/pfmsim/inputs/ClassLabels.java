package org.pfmsim.inputs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.pfmsim.config.ConfigException;

/**
 * The class ids of a classifier's inputs ({@code inputs.labels-path}): a 1-D npy array [rows] or one
 * top-level Parquet column ({@code inputs.labels-column}), one label per input row, row i labelling input
 * row i. Integer types are read as they are; a float array or column is accepted only where every value is
 * a whole number (labels saved by a tool that widened them). A label file of another length than the
 * inputs, a label outside [0, classes), a fraction or a null is refused naming the file and the row.
 */
public final class ClassLabels {
    private static final String KEY = "inputs.labels-path";

    private ClassLabels() {
    }

    /**
     * @param column    the Parquet column; ignored for npy
     * @param inputRows how many rows the inputs hold: the labels must number exactly as many
     * @param classes   the model's output width: labels lie in [0, classes)
     * @param rows      how many leading labels to return (the rows evaluated)
     */
    public static int[] read(String location, String column, long inputRows, int classes, int rows) {
        double[] values = location.endsWith(".npy") ? npy(location) : parquet(location, column);
        if (values.length != inputRows) {
            throw ConfigException.of(KEY, location, "one label per input row (" + inputRows + " rows); the file holds "
                    + values.length + " labels");
        }
        int[] labels = new int[rows];
        for (int r = 0; r < values.length; r++) {
            double v = values[r];
            if (v != Math.rint(v)) {
                throw ConfigException.of(KEY, location, "integer class ids; row " + r + " holds " + v);
            }
            if (v < 0 || v >= classes) {
                throw ConfigException.of(KEY, location, "class ids in [0, " + classes + ") (the model's output "
                        + "width); row " + r + " holds " + (long) v);
            }
            if (r < rows) {
                labels[r] = (int) v;
            }
        }
        return labels;
    }

    private static double[] npy(String location) {
        NpyFile.Header h = NpyFile.header(KEY, location);
        if (h.shape().length != 1) {
            throw ConfigException.of(KEY, location, "a 1-D array [rows] of class ids (this one is " + h.describe()
                    + ")");
        }
        int rows = Math.toIntExact(h.rows());
        if (h.kind() == 'i') {
            long[] ids = NpyFile.ids(KEY, location, h, rows);
            double[] out = new double[ids.length];
            for (int r = 0; r < ids.length; r++) {
                out[r] = ids[r];
            }
            return out;
        }
        if (h.kind() != 'f') {
            throw ConfigException.of(KEY, location, "an int32/int64 array of class ids (this one is " + h.describe()
                    + ")");
        }
        byte[] data = NpyFile.bytes(KEY, location, h, rows);
        ByteBuffer b = ByteBuffer.wrap(data).order(h.order());
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = h.itemBytes() == 4 ? b.getFloat() : b.getDouble();
        }
        return out;
    }

    private static double[] parquet(String location, String column) {
        if (column.isEmpty()) {
            throw ConfigException.of("inputs.labels-column", "\"\"", "the integer column of class ids in the "
                    + "Parquet labels file " + location);
        }
        List<Double> values = new ArrayList<>();
        ParquetInputs.forEachRow(KEY, location, Integer.MAX_VALUE, (g, r) -> values.add(value(location, column, g, r)));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double value(String location, String column, Group g, int row) {
        if (!g.getType().containsField(column)) {
            throw ConfigException.of("inputs.labels-column", column, "a column of " + location + " (columns: "
                    + g.getType().getFields().stream().map(Type::getName).toList() + ")");
        }
        Type t = g.getType().getType(column);
        if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
            throw ConfigException.of("inputs.labels-column", column, "a column of one integer class id per row ("
                    + location + " holds " + t + ")");
        }
        if (g.getFieldRepetitionCount(column) == 0) {
            throw ConfigException.of(KEY, location, "a class id in every row; row " + row + " of column " + column
                    + " is null");
        }
        int field = g.getType().getFieldIndex(column);
        PrimitiveType.PrimitiveTypeName type = t.asPrimitiveType().getPrimitiveTypeName();
        return switch (type) {
            case INT32 -> g.getInteger(field, 0);
            case INT64 -> g.getLong(field, 0);
            case FLOAT -> g.getFloat(field, 0);
            case DOUBLE -> g.getDouble(field, 0);
            default -> throw ConfigException.of("inputs.labels-column", column, "an integer column of class ids ("
                    + location + " holds " + type + ")");
        };
    }
}
