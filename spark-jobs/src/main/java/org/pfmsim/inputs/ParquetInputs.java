package org.pfmsim.inputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.pfmsim.checkpoint.HadoopPaths;
import org.pfmsim.config.ConfigException;

/**
 * Input vectors from Parquet (a file, or a directory of part files as Spark writes them, read in file
 * name order), through parquet-hadoop's record reader on the driver, before any Spark job: either one
 * array column (Spark's {@code array<float>} or {@code array<double>}, one vector per row) or, with no
 * column named, every top-level column, each numeric (float, double, int32, int64), one feature per
 * column. Values are read by their logical type: decimals scaled (whatever their storage: INT32,
 * INT64, fixed or variable bytes), unsigned integers unsigned; timestamps, dates, times, strings and
 * other annotated columns refused naming the column. Only the rows asked for are read. Nulls, NaNs,
 * infinities, ragged arrays and non-numeric columns are refused naming the row and column.
 */
public final class ParquetInputs {
    private ParquetInputs() {
    }

    /** The first {@code maxRows} vectors as float32 features, checked finite. */
    public static FileInputs features(String key, String location, String column, int maxRows) {
        List<double[]> rows = new ArrayList<>();
        forEachRow(key, location, maxRows, (g, r) -> rows.add(column.isEmpty() ? columns(key, location, g, r)
                : array(key, location, g, r, column)));
        if (rows.isEmpty()) {
            throw ConfigException.of(key, location, "a Parquet dataset with at least one row");
        }
        int width = rows.get(0).length;
        float[] values = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != width) {
                throw ConfigException.of(key, location, "vectors of one width (row 0 has " + width + ", row " + r
                        + " has " + rows.get(r).length + ")");
            }
            for (int c = 0; c < width; c++) {
                values[r * width + c] = (float) rows.get(r)[c];
            }
        }
        return FileInputs.checked(key, location, rows.size(), width, values);
    }

    /** The first {@code maxRows} rows of an array column of int32/int64 token ids. */
    public static List<long[]> ids(String key, String location, String column, int maxRows) {
        List<long[]> rows = new ArrayList<>();
        forEachRow(key, location, maxRows, (g, r) -> {
            double[] v = array(key, location, g, r, column);
            PrimitiveType element = elementType(g.getType().getType(column).asGroupType()).asPrimitiveType();
            if (!isInteger(element)) {
                LogicalTypeAnnotation logical = element.getLogicalTypeAnnotation();
                throw ConfigException.of(key, location, "an array<int> or array<bigint> column of token ids ("
                        + column + " holds " + (logical == null ? "" : logical + " stored as ")
                        + element.getPrimitiveTypeName() + ")");
            }
            rows.add(Arrays.stream(v).mapToLong(x -> (long) x).toArray());
        });
        return rows;
    }

    interface RowVisitor {
        void row(Group g, int index);
    }

    static void forEachRow(String key, String location, int maxRows, RowVisitor visitor) {
        Configuration conf = new Configuration();
        Path path = HadoopPaths.path(location);
        int r = 0;
        try {
            for (Path file : files(key, location, path, conf)) {
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf)
                        .build()) {
                    for (Group g = reader.read(); g != null && r < maxRows; g = reader.read()) {
                        visitor.row(g, r++);
                    }
                }
                if (r >= maxRows) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            throw ConfigException.of(key, location, "a readable Parquet file or directory (" + oneLine(e)
                    + ")");
        }
    }

    static List<Path> files(String key, String location, Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            throw ConfigException.of(key, location, "an existing Parquet file or directory (there is none)");
        }
        if (!fs.getFileStatus(path).isDirectory()) {
            return List.of(path);
        }
        List<Path> parts = new ArrayList<>();
        for (FileStatus s : fs.listStatus(path)) {
            String name = s.getPath().getName();
            if (s.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) {
                parts.add(s.getPath());
            }
        }
        parts.sort(null);
        return parts;
    }

    private static double[] columns(String key, String location, Group g, int row) {
        GroupType schema = g.getType();
        double[] v = new double[schema.getFieldCount()];
        for (int c = 0; c < v.length; c++) {
            Type t = schema.getType(c);
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                throw ConfigException.of(key, location, "numeric columns only when inputs.column is empty (column "
                        + t.getName() + " is not; name an array column in inputs.column)");
            }
            if (g.getFieldRepetitionCount(c) == 0) {
                throw ConfigException.of(key, location, "non-null inputs (row " + row + ", column " + t.getName()
                        + " is null)");
            }
            v[c] = number(key, location, g, c, 0, t.asPrimitiveType(), t.getName());
        }
        return v;
    }

    /** One row's array: Spark's 3-level LIST (list / element) or a legacy 2-level repeated primitive. */
    private static double[] array(String key, String location, Group g, int row, String column) {
        GroupType schema = g.getType();
        if (!schema.containsField(column) || schema.getType(column).isPrimitive()) {
            throw ConfigException.of(key, location, "an array column named by inputs.column (" + column
                    + " is not one; columns: " + schema.getFields().stream().map(Type::getName).toList() + ")");
        }
        if (g.getFieldRepetitionCount(column) == 0) {
            throw ConfigException.of(key, location, "non-null inputs (row " + row + ", column " + column + " is null)");
        }
        Group list = g.getGroup(column, 0);
        Type repeated = list.getType().getType(0);
        PrimitiveType element = elementType(schema.getType(column).asGroupType()).asPrimitiveType();
        double[] v = new double[list.getFieldRepetitionCount(0)];
        for (int i = 0; i < v.length; i++) {
            if (repeated.isPrimitive()) {
                v[i] = number(key, location, list, 0, i, element, column);
            } else {
                Group e = list.getGroup(0, i);
                if (e.getFieldRepetitionCount(0) == 0) {
                    throw ConfigException.of(key, location, "non-null inputs (row " + row + ", column " + column
                            + "[" + i + "] is null)");
                }
                v[i] = number(key, location, e, 0, 0, element, column);
            }
        }
        return v;
    }

    private static Type elementType(GroupType list) {
        Type repeated = list.getType(0);
        return repeated.isPrimitive() ? repeated : repeated.asGroupType().getType(0);
    }

    /**
     * One value by its logical type, not its storage: a decimal is its unscaled integer times 10^-scale (Spark
     * stores decimal(9,4) as INT32 12345 for 1.2345), an unsigned integer is read unsigned; a timestamp, date,
     * time, string or any other annotated column is refused naming the column, never read as the number it is
     * stored as.
     */
    private static double number(String key, String location, Group g, int field, int index, PrimitiveType type,
                                 String column) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            BigInteger unscaled = switch (type.getPrimitiveTypeName()) {
                case INT32 -> BigInteger.valueOf(g.getInteger(field, index));
                case INT64 -> BigInteger.valueOf(g.getLong(field, index));
                case FIXED_LEN_BYTE_ARRAY, BINARY -> new BigInteger(g.getBinary(field, index).getBytes());
                default -> throw refused(key, location, column, type);
            };
            return new BigDecimal(unscaled, decimal.getScale()).doubleValue();
        }
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer) {
            return switch (type.getPrimitiveTypeName()) {
                case INT32 -> integer.isSigned() ? g.getInteger(field, index)
                        : Integer.toUnsignedLong(g.getInteger(field, index));
                case INT64 -> integer.isSigned() ? g.getLong(field, index)
                        : new BigInteger(Long.toUnsignedString(g.getLong(field, index))).doubleValue();
                default -> throw refused(key, location, column, type);
            };
        }
        if (logical != null) {
            throw refused(key, location, column, type);
        }
        return switch (type.getPrimitiveTypeName()) {
            case FLOAT -> g.getFloat(field, index);
            case DOUBLE -> g.getDouble(field, index);
            case INT32 -> g.getInteger(field, index);
            case INT64 -> g.getLong(field, index);
            default -> throw refused(key, location, column, type);
        };
    }

    /** Whether a column holds plain integers: INT32/INT64 without an annotation or with an integer one. */
    static boolean isInteger(PrimitiveType type) {
        PrimitiveType.PrimitiveTypeName t = type.getPrimitiveTypeName();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return (t == PrimitiveType.PrimitiveTypeName.INT32 || t == PrimitiveType.PrimitiveTypeName.INT64)
                && (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation);
    }

    private static ConfigException refused(String key, String location, String column, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return ConfigException.of(key, location, "numeric inputs: float, double, integer or decimal (column "
                + column + " holds " + (logical != null ? logical + " stored as " + type.getPrimitiveTypeName()
                : type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96 ? "INT96, a legacy timestamp"
                : type.getPrimitiveTypeName()) + ")");
    }

    private static String oneLine(Exception e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
    }
}
