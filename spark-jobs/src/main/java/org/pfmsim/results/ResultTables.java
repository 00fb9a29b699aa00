package org.pfmsim.results;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.pfmsim.platform.Characterization;
import org.pfmsim.scaling.ScalingPoint;
import org.pfmsim.scaling.ScalingRow;
import org.pfmsim.task.TaskMetrics;

/**
 * Parquet schemas of the result tables and the conversion between records and Spark rows.
 *
 * <p>Column names are the snake_case names of the public contract. Every table carries
 * {@code sweep_id} and {@code run_id}; on disk they are partition directories
 * ({@code sweep_id=…/run_id=…}), not columns inside the data files.
 */
public final class ResultTables {

    /** Table of one row per committed run; its partition appears last in a commit. */
    public static final String RUNS = "runs";
    /** Table of one row per simulated layer. */
    public static final String LAYERS = "layers";
    /** Table of sampled per-tile statistics. */
    public static final String TILES = "tiles";
    /** Table of one row per evaluated position with both chains' final outputs ({@code output.outputs}). */
    public static final String OUTPUTS = "outputs";
    /** Table of the analytic scaling model's rows ({@code pfm scale}), committed by {@link ScalingStore}. */
    public static final String SCALING = "scaling";
    /** The tables a commit writes, in the order they are staged ({@code outputs} may have no rows). */
    public static final List<String> ALL = List.of(RUNS, LAYERS, TILES, OUTPUTS);

    /** Partition columns, outermost first. */
    public static final String SWEEP_ID = "sweep_id";
    /** Inner partition column. */
    public static final String RUN_ID = "run_id";

    /** Schema of {@code runs}. */
    public static final StructType RUNS_SCHEMA = schema(
            nullable(RUN_ID, StringType), nullable(SWEEP_ID, StringType),
            nullable("config_hash", StringType), nullable("config", StringType),
            nullable("platform", StringType), required("parameters", LongType),
            required("batch", IntegerType), nullable("status", StringType),
            required("wall_seconds", DoubleType), nullable("started_at", TimestampType),
            nullable("code_version", StringType),
            // Task metrics of models whose last layer gives class scores (RunRecord.task); null for the others.
            nullable("top1_agreement", DoubleType), nullable("kl_divergence", DoubleType),
            nullable("accuracy", DoubleType), nullable("accuracy_digital", DoubleType),
            nullable("rows", LongType), nullable("cross_entropy", DoubleType),
            nullable("cross_entropy_digital", DoubleType), nullable("perplexity", DoubleType),
            nullable("perplexity_digital", DoubleType), nullable("positions", LongType),
            nullable("labelled", LongType),
            // Characterization before use (RunRecord.calibration); 0 for a model used as fabricated.
            nullable("calibration_probe_reads", LongType), nullable("calibration_energy_joules", DoubleType),
            nullable("calibration_seconds", DoubleType), nullable("tunable_parameters", LongType),
            nullable("tunable_fraction", DoubleType));

    /** Schema of {@code layers}; {@code sweep_id} comes from the run, not from the record. */
    public static final StructType LAYERS_SCHEMA = schema(
            nullable(RUN_ID, StringType), nullable(SWEEP_ID, StringType),
            required("layer", IntegerType), nullable("kind", StringType),
            required("rows", LongType), required("cols", LongType), required("tiles", LongType),
            required("rel_error_local", DoubleType), required("rel_error_chain", DoubleType),
            required("cosine_chain", DoubleType), required("snr_db_chain", DoubleType),
            required("max_abs_error_chain", DoubleType), required("cosine_local", DoubleType),
            required("snr_db_local", DoubleType), required("energy_joules", DoubleType),
            required("latency_seconds", DoubleType), required("area_m2", DoubleType),
            required("inputs_clipped", LongType), required("outputs_clipped", LongType),
            required("wall_seconds", DoubleType),
            // Characterization before use (compensation.*): 0 for tiles used as fabricated.
            required("calibration_probe_reads", LongType), required("calibration_energy_joules", DoubleType),
            required("calibration_seconds", DoubleType), required("tunable_parameters", LongType));

    /** Schema of {@code tiles}. */
    public static final StructType TILES_SCHEMA = schema(
            nullable(RUN_ID, StringType), nullable(SWEEP_ID, StringType),
            required("layer", IntegerType), required("tile_row", LongType),
            required("tile_col", LongType), required("rows", IntegerType),
            required("cols", IntegerType), required("rel_error", DoubleType),
            required("energy_joules", DoubleType), required("stuck_devices", LongType),
            required("inputs_clipped", LongType), required("outputs_clipped", LongType));

    /**
     * Schema of {@code outputs}: the final outputs of both chains per evaluated position; {@code *_classes}
     * are null when the score arrays hold every class, else the classes of the top-k scores.
     */
    public static final StructType OUTPUTS_SCHEMA = schema(
            nullable(RUN_ID, StringType), nullable(SWEEP_ID, StringType),
            required("sample", LongType), required("position", IntegerType), nullable("label", IntegerType),
            required("physical_top1", IntegerType), required("digital_top1", IntegerType),
            required("physical", DataTypes.createArrayType(FloatType, false)),
            required("digital", DataTypes.createArrayType(FloatType, false)),
            nullable("physical_classes", DataTypes.createArrayType(IntegerType, false)),
            nullable("digital_classes", DataTypes.createArrayType(IntegerType, false)));

    /**
     * Schema of {@code scaling}: one row per platform and parameter count. {@code area_m2} is null for the
     * glass volume and {@code volume_m3} for the others; {@code calibration_key} and {@code calibration_value}
     * are null when no budget was calibrated from simulated runs. The {@code calibration_probes, _reads,
     * _seconds, _energy_joules} columns are the characterization effort ({@code CalibrationEffort}).
     */
    public static final StructType SCALING_SCHEMA = schema(
            nullable(RUN_ID, StringType), nullable(SWEEP_ID, StringType),
            nullable("platform", StringType), required("parameters", LongType),
            required("width", LongType), required("depth", LongType), required("tiles", LongType),
            nullable("area_m2", DoubleType), nullable("volume_m3", DoubleType),
            required("energy_per_mac_joules", DoubleType), required("energy_per_token_joules", DoubleType),
            required("latency_per_token_seconds", DoubleType),
            required("throughput_tokens_per_second", DoubleType), required("power_watts", DoubleType),
            required("digital_energy_per_token_joules", DoubleType), required("advantage", DoubleType),
            nullable("calibration_key", StringType), nullable("calibration_value", DoubleType),
            required("calibration_probes", LongType), required("calibration_reads", DoubleType),
            required("calibration_seconds", DoubleType), required("calibration_energy_joules", DoubleType));

    private ResultTables() {
    }

    /** The schema of {@code table}, one of {@link #ALL}. */
    public static StructType schema(String table) {
        return switch (table) {
            case RUNS -> RUNS_SCHEMA;
            case LAYERS -> LAYERS_SCHEMA;
            case TILES -> TILES_SCHEMA;
            case OUTPUTS -> OUTPUTS_SCHEMA;
            case SCALING -> SCALING_SCHEMA;
            default -> throw new IllegalArgumentException("unknown result table: " + table);
        };
    }

    /** The row of {@code run} in {@link #RUNS_SCHEMA} order. */
    public static Row toRow(RunRecord run) {
        // java.sql.Timestamp is the external type of TimestampType whatever
        // spark.sql.datetime.java8API.enabled says, so it is the safe one to hand Spark.
        Timestamp started = run.startedAt() == null ? null : Timestamp.from(run.startedAt());
        TaskMetrics t = run.task();
        return RowFactory.create(run.runId(), run.sweepId(), run.configHash(), run.configJson(),
                run.platform(), run.parameters(), run.batch(), run.status(), run.wallSeconds(),
                started, run.codeVersion(), t == null ? null : t.top1Agreement(),
                t == null ? null : t.klDivergence(), t == null ? null : nullIfNaN(t.accuracy()),
                t == null ? null : nullIfNaN(t.accuracyDigital()), run.rows(),
                t == null ? null : nullIfNaN(t.crossEntropy()), t == null ? null : nullIfNaN(t.crossEntropyDigital()),
                t == null ? null : nullIfNaN(t.perplexity()), t == null ? null : nullIfNaN(t.perplexityDigital()),
                t == null ? null : t.positions(), t == null ? null : t.labelled(),
                run.calibration().probeReads(), run.calibration().energyJoules(), run.calibration().seconds(),
                run.calibration().tunableParameters(), run.tunableFraction());
    }

    /** The row of {@code layer} in {@link #LAYERS_SCHEMA} order, tagged with the run's sweep. */
    public static Row toRow(LayerRecord layer, String sweepId) {
        return RowFactory.create(layer.runId(), sweepId, layer.layer(), layer.kind(), layer.rows(),
                layer.cols(), layer.tiles(), layer.relErrorLocal(), layer.relErrorChain(),
                layer.cosineChain(), layer.snrDbChain(), layer.maxAbsErrorChain(),
                layer.cosineLocal(), layer.snrDbLocal(), layer.energyJoules(),
                layer.latencySeconds(), layer.areaSquareMeters(), layer.inputsClipped(),
                layer.outputsClipped(), layer.wallSeconds(), layer.calibration().probeReads(),
                layer.calibration().energyJoules(), layer.calibration().seconds(),
                layer.calibration().tunableParameters());
    }

    /** The row of {@code tile} in {@link #TILES_SCHEMA} order, tagged with the run's sweep. */
    public static Row toRow(TileRecord tile, String sweepId) {
        return RowFactory.create(tile.runId(), sweepId, tile.layer(), tile.tileRow(),
                tile.tileCol(), tile.rows(), tile.cols(), tile.relError(), tile.energyJoules(),
                tile.stuckDevices(), tile.inputsClipped(), tile.outputsClipped());
    }

    /** The row of {@code output} in {@link #OUTPUTS_SCHEMA} order, tagged with the run's sweep. */
    public static Row toRow(OutputRecord output, String sweepId) {
        return RowFactory.create(output.runId(), sweepId, output.sample(), output.position(), output.label(),
                output.physicalTop1(), output.digitalTop1(), output.physical(), output.digital(),
                output.physicalClasses(), output.digitalClasses());
    }

    /**
     * The row of a scaling result in {@link #SCALING_SCHEMA} order; NaN sizes become nulls.
     *
     * @param calibrationKey   the budget key calibrated from simulation, or null
     * @param calibrationValue the budget picked, or null
     */
    public static Row toRow(ScalingRow row, String runId, String calibrationKey, Double calibrationValue) {
        ScalingPoint p = row.point();
        return RowFactory.create(runId, null, p.platform(), p.workload().parameters(), p.workload().width(),
                p.workload().depth(), p.tiles(), nullIfNaN(p.areaSquareMeters()), nullIfNaN(p.volumeCubicMeters()),
                p.energyPerMacJoules(), p.energyPerTokenJoules(), p.latencyPerTokenSeconds(),
                p.throughputTokensPerSecond(), p.powerWatts(), row.digitalEnergyPerTokenJoules(), row.advantage(),
                calibrationKey, calibrationValue, row.calibration().probesPerTile(), row.calibration().probeReads(),
                row.calibration().deviceSeconds(), row.calibration().energyJoules());
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /**
     * The run held by a row read from {@code runs}. Columns are looked up by name, because a
     * Parquet read puts the partition columns last.
     */
    public static RunRecord runFromRow(Row row) {
        return new RunRecord(row.getAs(RUN_ID), row.getAs(SWEEP_ID), row.getAs("config_hash"),
                row.getAs("config"), row.getAs("platform"), row.<Long>getAs("parameters"),
                row.<Integer>getAs("batch"), row.getAs("status"),
                row.<Double>getAs("wall_seconds"), instant(row.getAs("started_at")),
                row.getAs("code_version"), row.getAs("rows") == null ? row.<Integer>getAs("batch")
                        : row.<Long>getAs("rows"), taskFromRow(row), row.getAs("tunable_parameters") == null
                        ? Characterization.NONE : new Characterization(row.<Long>getAs("calibration_probe_reads"),
                        row.<Double>getAs("calibration_energy_joules"), row.<Double>getAs("calibration_seconds"),
                        row.<Long>getAs("tunable_parameters"), Double.NaN, Double.NaN));
    }

    /** The task metrics of a {@code runs} row, null when it has none; a null label metric reads as NaN. */
    private static TaskMetrics taskFromRow(Row row) {
        if (row.getAs("top1_agreement") == null) {
            return null;
        }
        return new TaskMetrics(row.<Double>getAs("top1_agreement"), row.<Double>getAs("kl_divergence"),
                nanIfNull(row.getAs("accuracy")), nanIfNull(row.getAs("accuracy_digital")),
                nanIfNull(row.getAs("cross_entropy")), nanIfNull(row.getAs("cross_entropy_digital")),
                longOrZero(row.getAs("positions")), longOrZero(row.getAs("labelled")));
    }

    private static double nanIfNull(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static long longOrZero(Long v) {
        return v == null ? 0 : v;
    }

    /** The layer held by a row read from {@code layers}, looked up by column name. */
    public static LayerRecord layerFromRow(Row row) {
        return new LayerRecord(row.getAs(RUN_ID), row.<Integer>getAs("layer"), row.getAs("kind"),
                row.<Long>getAs("rows"), row.<Long>getAs("cols"), row.<Long>getAs("tiles"),
                row.<Double>getAs("rel_error_local"), row.<Double>getAs("rel_error_chain"),
                row.<Double>getAs("cosine_chain"), row.<Double>getAs("snr_db_chain"),
                row.<Double>getAs("max_abs_error_chain"), row.<Double>getAs("cosine_local"),
                row.<Double>getAs("snr_db_local"), row.<Double>getAs("energy_joules"),
                row.<Double>getAs("latency_seconds"), row.<Double>getAs("area_m2"),
                row.<Long>getAs("inputs_clipped"), row.<Long>getAs("outputs_clipped"),
                row.<Double>getAs("wall_seconds"), new Characterization(row.<Long>getAs("calibration_probe_reads"),
                row.<Double>getAs("calibration_energy_joules"), row.<Double>getAs("calibration_seconds"),
                row.<Long>getAs("tunable_parameters"), Double.NaN, Double.NaN));
    }

    /** The tile held by a row read from {@code tiles}, looked up by column name. */
    public static TileRecord tileFromRow(Row row) {
        return new TileRecord(row.getAs(RUN_ID), row.<Integer>getAs("layer"),
                row.<Long>getAs("tile_row"), row.<Long>getAs("tile_col"),
                row.<Integer>getAs("rows"), row.<Integer>getAs("cols"),
                row.<Double>getAs("rel_error"), row.<Double>getAs("energy_joules"),
                row.<Long>getAs("stuck_devices"), row.<Long>getAs("inputs_clipped"),
                row.<Long>getAs("outputs_clipped"));
    }

    /**
     * Classes that Kryo must know when {@code spark.kryo.registrationRequired=true} and the result
     * tables are written and read. Found by running {@code ResultStoreTest} under that setting;
     * several are Scala objects or internal classes, hence the lookup by name.
     */
    public static Class<?>[] kryoClasses() {
        String[] names = {
            // Parquet footers are read in a job whose task results are StructTypes.
            "org.apache.spark.sql.types.TimestampType$",
            // ... and the outputs table's array columns.
            "org.apache.spark.sql.types.ArrayType",
            "org.apache.spark.sql.types.FloatType$",
            "org.apache.spark.sql.types.IntegerType$",
        };
        Class<?>[] classes = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            try {
                classes[i] = Class.forName(names[i]);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Spark class missing for Kryo: " + names[i], e);
            }
        }
        return classes;
    }

    private static Instant instant(Object value) {
        // Spark hands back Timestamp, or Instant when spark.sql.datetime.java8API.enabled is set.
        if (value == null) {
            return null;
        }
        return value instanceof Instant i ? i : ((Timestamp) value).toInstant();
    }

    private static StructType schema(StructField... fields) {
        return new StructType(fields);
    }

    private static StructField nullable(String name, DataType type) {
        return new StructField(name, type, true, Metadata.empty());
    }

    private static StructField required(String name, DataType type) {
        return new StructField(name, type, false, Metadata.empty());
    }
}
