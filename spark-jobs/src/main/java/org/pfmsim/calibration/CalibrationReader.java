package org.pfmsim.calibration;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.config.ConfigException;
import org.pfmsim.results.ResultStore;
import org.pfmsim.results.ResultTables;

/**
 * Reads the budget and the fidelity of every complete simulated run under a results root: the budget
 * from the run's resolved config (the {@code config} JSON of {@code runs}, at the dotted key), the
 * fidelity from its last layer in {@code layers}. Runs of another platform than the key's
 * ({@code platform.<kind>.…}) are skipped, since every run's resolved config carries every platform's
 * defaults.
 */
public final class CalibrationReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: its budget, its fidelity at the last layer and the width of its model. */
    public record Sample(String runId, double budget, double value, long width) {
    }

    private CalibrationReader() {
    }

    public static List<Sample> read(SparkSession spark, CalibrationSpec spec) {
        ResultStore store = new ResultStore(spark, spec.resultsRoot());
        requireRunsTable(spark, spec.resultsRoot());
        String kind = spec.key().split("\\.")[1];
        Dataset<Row> runs = store.read(ResultTables.RUNS)
                .filter(col("status").equalTo("complete").and(col("platform").equalTo(kind)));
        if (!spec.sweepId().isEmpty()) {
            runs = runs.filter(col(ResultTables.SWEEP_ID).equalTo(spec.sweepId()));
        }
        Map<String, JsonNode> configs = new HashMap<>();
        for (Row r : runs.select(ResultTables.RUN_ID, "config").collectAsList()) {
            configs.put(r.getString(0), parse(r.getString(1)));
        }
        Map<String, Row> lastLayer = new HashMap<>();
        for (Row r : store.read(ResultTables.LAYERS).select(ResultTables.RUN_ID, "layer", spec.metric().column())
                .collectAsList()) {
            if (configs.containsKey(r.getString(0))) {
                lastLayer.merge(r.getString(0), r, (a, b) -> a.getInt(1) >= b.getInt(1) ? a : b);
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : configs.entrySet()) {
            JsonNode budget = at(e.getValue(), spec.key());
            Row layer = lastLayer.get(e.getKey());
            if (budget != null && budget.isNumber() && layer != null) {
                JsonNode width = at(e.getValue(), "model.width");
                samples.add(new Sample(e.getKey(), budget.asDouble(), layer.getDouble(2),
                        width == null ? 0 : width.asLong()));
            }
        }
        samples.sort(java.util.Comparator.comparingDouble(Sample::budget).thenComparing(Sample::runId));
        return samples;
    }

    private static void requireRunsTable(SparkSession spark, String root) {
        Path runs = new Path(root, ResultTables.RUNS);
        try {
            if (!runs.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(runs)) {
                throw ConfigException.of("calibration.results-root", root, "a results root holding a runs table");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runs + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's config column is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The node at a dotted HOCON path of the resolved config's JSON, or null. */
    static JsonNode at(JsonNode root, String dottedKey) {
        JsonNode node = root;
        for (String segment : dottedKey.split("\\.")) {
            node = node == null ? null : node.get(segment);
        }
        return node;
    }
}
