package org.pfmsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Which keys a sweep varied, and one line per combination of the others. */
class FidelitySweepsTest {
    private static final StructType RUNS = new StructType().add("run_id", DataTypes.StringType)
            .add("sweep_id", DataTypes.StringType).add("config", DataTypes.StringType);
    private static final StructType LAYERS = new StructType().add("run_id", DataTypes.StringType)
            .add("layer", DataTypes.IntegerType).add("rel_error_chain", DataTypes.DoubleType)
            .add("snr_db_chain", DataTypes.DoubleType);

    @Test
    void aTwoKeySweepGivesALinePerValueOfTheOtherKeyAndIgnoresSeedsAndOutputs() {
        List<Row> runs = new ArrayList<>();
        List<Row> layers = new ArrayList<>();
        int n = 0;
        for (int bits : new int[] {4, 6, 8}) {
            for (int levels : new int[] {16, 64}) {
                String id = "r" + n;
                String config = "{\"seed\":" + n + ",\"output\":{\"root\":\"x" + n + "\",\"tile-sample-rate\":" + n
                        + "},\"platform\":{\"crossbar\":{\"adc\":{\"bits\":" + bits + "},\"conductance-levels\":"
                        + levels + ",\"g-max-siemens\":2e-05}}}";
                runs.add(new GenericRowWithSchema(new Object[] {id, "s", config}, RUNS));
                layers.add(new GenericRowWithSchema(new Object[] {id, 0, 0.9, 1.0}, LAYERS));
                layers.add(new GenericRowWithSchema(new Object[] {id, 1, 1.0 / bits / levels, 2.0}, LAYERS));
                n++;
            }
        }
        runs.add(new GenericRowWithSchema(new Object[] {"lonely", null, "{\"seed\":1}"}, RUNS));
        layers.add(new GenericRowWithSchema(new Object[] {"lonely", 0, 0.5, 3.0}, LAYERS));

        List<FidelitySweeps.Curve> curves = FidelitySweeps.curves(runs, layers);
        assertEquals(List.of("platform.crossbar.adc.bits", "platform.crossbar.adc.bits",
                "platform.crossbar.conductance-levels", "platform.crossbar.conductance-levels",
                "platform.crossbar.conductance-levels"), curves.stream().map(FidelitySweeps.Curve::key).toList());
        FidelitySweeps.Curve first = curves.get(0);
        assertEquals("s (platform.crossbar.conductance-levels = 16)", first.sweep());
        assertEquals(List.of(4.0, 6.0, 8.0), first.points().stream().map(FidelitySweeps.Point::budget).toList());
        assertEquals(1.0 / 4 / 16, first.points().get(0).relErrorChain(), 0, "the last layer's fidelity");
        assertEquals("s (platform.crossbar.adc.bits = 4)", curves.get(2).sweep());
        assertEquals(2, curves.get(2).points().size());
    }

    /** Runs with an accuracy give the report's accuracy-versus-budget plot and table; runs without, none. */
    @Test
    void runsWithAnAccuracyGiveTheAccuracyCurveOfTheReport() {
        StructType runsWithAccuracy = RUNS.add("accuracy", DataTypes.DoubleType)
                .add("accuracy_digital", DataTypes.DoubleType);
        List<Row> runs = new ArrayList<>();
        List<Row> layers = new ArrayList<>();
        double[] photons = {0.1, 10, 1000};
        double[] accuracy = {0.1, 0.6, 0.97};
        for (int i = 0; i < photons.length; i++) {
            String config = "{\"platform\":{\"optical-mvm\":{\"photons-per-mac\":" + photons[i] + "}}}";
            runs.add(new GenericRowWithSchema(new Object[] {"p" + i, "photons", config, accuracy[i], 0.98},
                    runsWithAccuracy));
            layers.add(new GenericRowWithSchema(new Object[] {"p" + i, 0, 1.0 / (i + 1), 1.0}, LAYERS));
        }
        List<FidelitySweeps.Curve> curves = FidelitySweeps.curves(runs, layers);
        assertEquals(List.of(0.1, 0.6, 0.97), curves.get(0).points().stream().map(FidelitySweeps.Point::accuracy)
                .toList());
        java.util.Map<String, byte[]> files = Report.build("root", runs, layers, List.of());
        String md = new String(files.get(Report.SUMMARY), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(files.containsKey(
                "accuracy-platform-optical-mvm-photons-per-mac.png"), files.keySet().toString());
        org.junit.jupiter.api.Assertions.assertTrue(md.contains("| photons | 10 | p1 | 0.6000 | 0.9800 |"), md);

        // Runs without an accuracy (no labels): no accuracy section.
        java.util.Map<String, byte[]> none = Report.build("root", runs.stream().map(r -> (Row)
                new GenericRowWithSchema(new Object[] {r.get(0), r.get(1), r.get(2), null, null}, runsWithAccuracy))
                .toList(), layers, List.of());
        org.junit.jupiter.api.Assertions.assertFalse(new String(none.get(Report.SUMMARY),
                java.nio.charset.StandardCharsets.UTF_8).contains("Task accuracy"));
    }
}
