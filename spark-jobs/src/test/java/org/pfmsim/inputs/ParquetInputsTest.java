package org.pfmsim.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.config.ConfigException;
import org.pfmsim.spark.SparkSessions;

/** Inputs from Parquet as Spark writes it: an array column or numeric columns, token ids, refusals. */
class ParquetInputsTest {
    private static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().config(SparkSessions.conf("parquet-inputs-test").setMaster("local[1]"))
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static String write(String name, StructType schema, List<Row> rows) {
        String path = dir.resolve(name).toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path);
        return path;
    }

    @Test
    void anArrayColumnAndNumericColumnsGiveTheSameVectors() {
        StructType arrays = new StructType().add("id", DataTypes.LongType)
                .add("x", DataTypes.createArrayType(DataTypes.FloatType))
                .add("t", DataTypes.createArrayType(DataTypes.IntegerType));
        String a = write("arrays", arrays, List.of(
                RowFactory.create(0L, new float[] {1f, -2f, 0.5f}, new int[] {5, 6}),
                RowFactory.create(1L, new float[] {3f, 4f, -0.25f}, new int[] {7, 50256}),
                RowFactory.create(2L, new float[] {9f, 9f, 9f}, new int[] {1, 1})));
        FileInputs fromArray = ParquetInputs.features("inputs.path", a, "x", 2);
        assertEquals(3, fromArray.width());
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 3f, 4f, -0.25f}, fromArray.values());

        StructType numeric = new StructType().add("a", DataTypes.FloatType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.IntegerType);
        String n = write("numeric", numeric, List.of(RowFactory.create(1f, -2.0, 0), RowFactory.create(3f, 4.0, -7)));
        assertArrayEquals(new float[] {1f, -2f, 0f, 3f, 4f, -7f}, ParquetInputs.features("inputs.path", n, "", 5).values());

        List<long[]> ids = ParquetInputs.ids("inputs.path", a, "t", 3);
        assertEquals(3, ids.size());
        assertArrayEquals(new long[] {7, 50256}, ids.get(1));
    }

    @Test
    void nanNullRaggedAndNonNumericInputsAreRefusedNamingTheRowAndColumn() {
        StructType arrays = new StructType().add("x", DataTypes.createArrayType(DataTypes.DoubleType));
        String nan = write("nan", arrays, List.of(RowFactory.create((Object) new double[] {1, 2}),
                RowFactory.create((Object) new double[] {3, Double.NaN})));
        assertEquals("inputs.path = " + nan + ": allowed finite inputs (row 1, column 1 is NaN)",
                assertThrows(ConfigException.class, () -> ParquetInputs.features("inputs.path", nan, "x", 9)).getMessage());
        String ragged = write("ragged", arrays, List.of(RowFactory.create((Object) new double[] {1, 2}),
                RowFactory.create((Object) new double[] {3})));
        assertEquals("inputs.path = " + ragged + ": allowed vectors of one width (row 0 has 2, row 1 has 1)",
                assertThrows(ConfigException.class, () -> ParquetInputs.features("inputs.path", ragged, "x", 9))
                        .getMessage());
        StructType mixed = new StructType().add("a", DataTypes.FloatType).add("label", DataTypes.StringType);
        String text = write("text", mixed, List.of(RowFactory.create(1f, "cat")));
        assertEquals("inputs.path = " + text + ": allowed numeric inputs (column label holds BINARY)",
                assertThrows(ConfigException.class, () -> ParquetInputs.features("inputs.path", text, "", 9)).getMessage());
        StructType nullable = new StructType().add("a", DataTypes.FloatType).add("b", DataTypes.FloatType);
        String nulls = write("nulls", nullable, List.of(RowFactory.create(1f, 2f), RowFactory.create(3f, null)));
        assertEquals("inputs.path = " + nulls + ": allowed non-null inputs (row 1, column b is null)",
                assertThrows(ConfigException.class, () -> ParquetInputs.features("inputs.path", nulls, "", 9)).getMessage());
    }
}
