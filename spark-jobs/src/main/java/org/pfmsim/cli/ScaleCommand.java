package org.pfmsim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.calibration.Calibration;
import org.pfmsim.calibration.CalibrationReader;
import org.pfmsim.calibration.CalibrationSpec;
import org.pfmsim.config.ConfigException;
import org.pfmsim.results.ResultStore;
import org.pfmsim.results.ResultTables;
import org.pfmsim.results.ScalingStore;
import org.pfmsim.scaling.ScalingRow;
import org.pfmsim.spark.SparkSessions;

/**
 * {@code pfm scale}: the analytic scaling model over a grid of parameter counts, optionally with a budget
 * calibrated from simulated runs, committed to the {@code scaling} table and summarized on stdout.
 * Config keys: {@code scaling-defaults.conf}.
 */
final class ScaleCommand implements Command {
    static final String DEFAULTS_RESOURCE = "scaling-defaults.conf";

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String arguments() {
        return ConfigArgs.USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        ConfigArgs parsed = ConfigArgs.parse(args);
        Config config = ConfigLoader.loadAgainst(parsed.configPath(), parsed.overrides(), DEFAULTS_RESOURCE);
        TypedConfig typed = new TypedConfig(config);
        // Everything is checked before Spark starts: bad input costs nothing and writes nothing.
        List<ScalingRow> rows = ScalingBinder.study(typed).rows();
        CalibrationSpec calibrationSpec = ScalingBinder.calibration(typed);
        String root = typed.string("output.root");
        if (root.isBlank()) {
            throw ConfigException.of("output.root", "\"\"", "a local path or Hadoop URI");
        }
        SparkSession spark = SparkSessions.start("pfm-sim scale");
        try {
            Calibration calibration = null;
            if (calibrationSpec.enabled()) {
                calibration = Calibration.of(calibrationSpec, CalibrationReader.read(spark, calibrationSpec));
                config = config.withValue(calibration.scalingKey(),
                        ConfigValueFactory.fromAnyRef(calibration.scalingValue()));
                rows = ScalingBinder.study(new TypedConfig(config)).rows();
                out.println(calibration.describe(calibrationSpec));
            }
            new ResultStore(spark, root).checkWritable();
            // Named by the config as calibrated: the same study run again replaces its rows.
            String runId = ConfigLoader.hash(config.withoutPath("output")).substring(0, 16);
            String key = calibration == null ? null : calibration.budgetKey();
            Double value = calibration == null ? null : calibration.pick().budget();
            List<Row> table = rows.stream().map(r -> ResultTables.toRow(r, runId, key, value)).toList();
            String location = new ScalingStore(spark, root).commit(runId, table);
            ScalingSummary.print(out, runId, location, rows);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
