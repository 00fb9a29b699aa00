package org.pfmsim.results;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows of a committed result table as strings (doubles print exactly), in a fixed order and without the
 * columns that differ between two runs of the same physics, so tests can compare runs bit for bit.
 */
public final class ResultRows {
    /** Columns measured by the clock: they differ between any two runs. */
    private static final String[] TIMING = {"wall_seconds", "started_at"};
    /** Columns that name a run: they follow the config text (e.g. a checkpoint's location), not the physics. */
    private static final String[] NAMING = {ResultTables.RUN_ID, "config", "config_hash"};

    private ResultRows() {
    }

    /** Every column but those the clock measures; the run id must match too. Asserts the table has rows. */
    public static List<String> untimed(SparkSession spark, String root, String table) {
        return rows(new ResultStore(spark, root).read(table).drop(TIMING), table);
    }

    /** Every column but those that time or name the run. Asserts the table has rows. */
    public static List<String> anonymous(SparkSession spark, String root, String table) {
        return rows(new ResultStore(spark, root).read(table).drop(TIMING).drop(NAMING), table);
    }

    /** Rows ordered by layer (then tile position for tiles) where the table has layers; drop ignores absent columns. */
    private static List<String> rows(Dataset<Row> df, String table) {
        if (List.of(df.columns()).contains("layer")) {
            df = table.equals(ResultTables.TILES) ? df.orderBy("layer", "tile_row", "tile_col") : df.orderBy("layer");
        }
        List<String> rows = df.collectAsList().stream().map(Row::toString).toList();
        assertFalse(rows.isEmpty(), table + " has rows");
        return rows;
    }
}
