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
}
