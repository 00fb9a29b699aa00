package org.pfmsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.pfmsim.scaling.BudgetPicker;

/**
 * Fidelity against physical budget, from the {@code runs} and {@code layers} tables: runs are grouped by
 * sweep (runs outside a sweep form one group), and a group's budget keys are the numeric keys of the
 * resolved configs whose values differ between its runs ({@code seed} and {@code output.*} excepted:
 * they are repetitions and places, not budgets). Each run contributes its last layer's fidelity; a sweep
 * over several keys gives, for each key, one line per combination of the other keys' values.
 */
final class FidelitySweeps {
    static final String NO_SWEEP = "(no sweep)";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One run at its budget; {@code accuracy} and {@code accuracyDigital} are the run's task accuracy
     * (physical, digital) when it has one (a classifier given labels, a decoder), else null.
     */
    record Point(String runId, double budget, double relErrorChain, double snrDbChain, Double accuracy,
                 Double accuracyDigital) {
    }

    /** Runs of one sweep along one budget key (the other varied keys fixed, named in the label), by budget. */
    record Curve(String sweep, String key, List<Point> points) {
    }

    private FidelitySweeps() {
    }

    /**
     * @param runs   rows of {@code runs} with run_id, sweep_id and config, and optionally accuracy and
     *               accuracy_digital
     * @param layers rows of {@code layers} with run_id, layer, rel_error_chain, snr_db_chain
     */
    static List<Curve> curves(List<Row> runs, List<Row> layers) {
        Map<String, Row> last = new HashMap<>();
        for (Row l : layers) {
            last.merge(l.getAs("run_id"), l, (a, b) -> a.<Integer>getAs("layer") >= b.<Integer>getAs("layer") ? a : b);
        }
        Map<String, Map<String, Map<String, Double>>> bySweep = new TreeMap<>();
        Map<String, Row> runById = new HashMap<>();
        for (Row r : runs) {
            String id = r.getAs("run_id");
            runById.put(id, r);
            if (last.containsKey(id)) {
                String sweep = r.getAs("sweep_id") == null ? NO_SWEEP : r.getAs("sweep_id");
                bySweep.computeIfAbsent(sweep, s -> new TreeMap<>()).put(id, numericLeaves(r.getAs("config")));
            }
        }
        List<Curve> curves = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Double>>> sweep : bySweep.entrySet()) {
            TreeSet<String> varied = variedKeys(sweep.getValue());
            for (String key : varied) {
                // In a sweep over several keys, one line per combination of the others.
                Map<String, List<Point>> lines = new TreeMap<>();
                sweep.getValue().forEach((id, config) -> {
                    if (config.containsKey(key)) {
                        StringBuilder label = new StringBuilder(sweep.getKey());
                        String sep = " (";
                        for (String other : varied) {
                            if (!other.equals(key)) {
                                label.append(sep).append(other).append(" = ").append(BudgetPicker.plain(config.get(other)));
                                sep = ", ";
                            }
                        }
                        Row l = last.get(id);
                        lines.computeIfAbsent(sep.equals(", ") ? label + ")" : label.toString(), x -> new ArrayList<>())
                                .add(new Point(id, config.get(key), l.getAs("rel_error_chain"), l.getAs("snr_db_chain"),
                                        optional(runById.get(id), "accuracy"),
                                        optional(runById.get(id), "accuracy_digital")));
                    }
                });
                lines.forEach((label, points) -> {
                    points.sort((a, b) -> Double.compare(a.budget(), b.budget()));
                    curves.add(new Curve(label, key, points));
                });
            }
        }
        return curves;
    }

    /** A nullable column that older callers may not have selected. */
    private static Double optional(Row row, String column) {
        if (row.schema() == null || !java.util.Arrays.asList(row.schema().fieldNames()).contains(column)) {
            return null;
        }
        return row.getAs(column);
    }

    private static TreeSet<String> variedKeys(Map<String, Map<String, Double>> configs) {
        Map<String, TreeSet<Double>> values = new HashMap<>();
        configs.values().forEach(c -> c.forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v)));
        TreeSet<String> varied = new TreeSet<>();
        values.forEach((k, v) -> {
            if (v.size() > 1 && !k.equals("seed") && !k.startsWith("output.")) {
                varied.add(k);
            }
        });
        return varied;
    }

    static Map<String, Double> numericLeaves(String json) {
        Map<String, Double> leaves = new TreeMap<>();
        try {
            collect(JSON.readTree(json), "", leaves);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's config column is not JSON: " + e.getOriginalMessage(), e);
        }
        return leaves;
    }

    private static void collect(JsonNode node, String path, Map<String, Double> leaves) {
        if (node.isNumber()) {
            leaves.put(path, node.asDouble());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), leaves);
            }
        }
    }
}
