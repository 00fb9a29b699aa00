package org.pfmsim.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
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
        assertEquals("inputs.path = " + text + ": allowed numeric inputs: float, double, integer or decimal (column label holds STRING stored as BINARY)",
                assertThrows(ConfigException.class, () -> ParquetInputs.features("inputs.path", text, "", 9)).getMessage());
        StructType nullable = new StructType().add("a", DataTypes.FloatType).add("b", DataTypes.FloatType);
        String nulls = write("nulls", nullable, List.of(RowFactory.create(1f, 2f), RowFactory.create(3f, null)));
        assertEquals("inputs.path = " + nulls + ": allowed non-null inputs (row 1, column b is null)",
                assertThrows(ConfigException.class, () -> ParquetInputs.features("inputs.path", nulls, "", 9)).getMessage());
    }

    @Test
    void decimalsAreScaledWhateverTheirStorage() {
        // Spark stores decimal(9,4) as INT32, decimal(18,6) as INT64 and decimal(30,10) as fixed-length bytes,
        // each holding the unscaled integer: 1.2345 is stored as 12345.
        StructType decimals = new StructType().add("a", DataTypes.createDecimalType(9, 4))
                .add("b", DataTypes.createDecimalType(18, 6)).add("c", DataTypes.createDecimalType(30, 10));
        String d = write("decimals", decimals, List.of(
                RowFactory.create(new BigDecimal("1.2345"), new BigDecimal("-2.500000"), new BigDecimal("0.0000000001")),
                RowFactory.create(new BigDecimal("-0.0001"), new BigDecimal("123456.789012"),
                        new BigDecimal("12345678901234567890.1234567890"))));
        assertArrayEquals(new float[] {1.2345f, -2.5f, 1e-10f, -1e-4f, 123456.789012f, 1.2345679e19f},
                ParquetInputs.features("inputs.path", d, "", 9).values());
        StructType array = new StructType().add("x", DataTypes.createArrayType(DataTypes.createDecimalType(9, 4)));
        String a = write("decimal-array", array, List.of(RowFactory.create((Object) new BigDecimal[] {
            new BigDecimal("0.5000"), new BigDecimal("-3.0001")})));
        assertArrayEquals(new float[] {0.5f, -3.0001f}, ParquetInputs.features("inputs.path", a, "x", 9).values());
    }

    @Test
    void timestampsDatesAndDecimalTokenIdsAreRefusedNamingTheColumn() {
        StructType times = new StructType().add("a", DataTypes.FloatType).add("when", DataTypes.TimestampType);
        // Spark's default storage of timestamps is INT96; with outputTimestampType, an annotated INT64.
        String legacy = write("timestamps-int96", times,
                List.of(RowFactory.create(1f, Timestamp.valueOf("2026-01-01 00:00:00"))));
        assertEquals("inputs.path = " + legacy + ": allowed numeric inputs: float, double, integer or decimal (column"
                + " when holds INT96, a legacy timestamp)",
                assertThrows(ConfigException.class, () -> ParquetInputs.features("inputs.path", legacy, "", 9))
                        .getMessage());
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        String t;
        try {
            t = write("timestamps", times, List.of(RowFactory.create(1f, Timestamp.valueOf("2026-01-01 00:00:00"))));
        } finally {
            spark.conf().unset("spark.sql.parquet.outputTimestampType");
        }
        assertEquals("inputs.path = " + t + ": allowed numeric inputs: float, double, integer or decimal (column when"
                + " holds TIMESTAMP(MICROS,true) stored as INT64)",
                assertThrows(ConfigException.class, () -> ParquetInputs.features("inputs.path", t, "", 9)).getMessage());
        StructType dates = new StructType().add("day", DataTypes.DateType);
        String d = write("dates", dates, List.of(RowFactory.create(Date.valueOf("2026-01-01"))));
        assertEquals("inputs.path = " + d + ": allowed numeric inputs: float, double, integer or decimal (column day"
                + " holds DATE stored as INT32)",
                assertThrows(ConfigException.class, () -> ParquetInputs.features("inputs.path", d, "", 9)).getMessage());
        StructType ids = new StructType().add("t", DataTypes.createArrayType(DataTypes.createDecimalType(9, 0)));
        String i = write("decimal-ids", ids, List.of(RowFactory.create((Object) new BigDecimal[] {BigDecimal.ONE})));
        assertEquals("inputs.path = " + i + ": allowed an array<int> or array<bigint> column of token ids (t holds"
                + " DECIMAL(9,0) stored as INT32)",
                assertThrows(ConfigException.class, () -> ParquetInputs.ids("inputs.path", i, "t", 9)).getMessage());
    }
}
