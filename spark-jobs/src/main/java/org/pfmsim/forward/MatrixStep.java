package org.pfmsim.forward;

import java.util.List;
import org.pfmsim.grid.TileGrid;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.model.LayerSpec;
import org.pfmsim.placement.WorkUnit;
import org.pfmsim.placement.WorkUnits;
import org.pfmsim.platform.Platform;
import org.pfmsim.stage.StageExecutor;
import org.pfmsim.weights.WeightSource;

/**
 * One physical matrix, on both chains: its tiles are built and read where the executor runs them (the
 * physical chain's and the ideal chain's activations stacked in one read), partial sums are added, the
 * matrix's digital periphery (bias, activation) is applied, and its local and chain fidelity and cost are
 * measured. The one per-matrix step of every model: the MLP stack ({@link ForwardPass}) and the decoder
 * ({@link DecoderForwardPass}) differ only in the digital work between steps.
 */
public final class MatrixStep {
    private final long seed;
    private final Platform platform;
    private final TilingSpec tiling;
    private final double tileSampleRate;
    private final StageExecutor executor;
    private final int partitions;

    /**
     * @param partitions Spark partitions per matrix (units are spread over them; the result does not
     *                   depend on this number)
     */
    public MatrixStep(long seed, Platform platform, TilingSpec tiling, double tileSampleRate, StageExecutor executor,
                      int partitions) {
        this.seed = seed;
        this.platform = platform;
        this.tiling = tiling;
        this.tileSampleRate = tileSampleRate;
        this.executor = executor;
        this.partitions = partitions;
    }

    /**
     * @param layer     the matrix's shape and periphery; its index keys the tiles' random streams
     * @param kind      its name in results ({@code linear}, {@code block3.attn.q}, ...)
     * @param physical  input on the physical chain, samples x rows
     * @param ideal     input on the ideal chain, samples x rows
     */
    public LayerOutcome run(LayerSpec layer, String kind, WeightSource weights, float[] physical, float[] ideal,
                            int samples) {
        return run(layer, kind, weights, physical, ideal, samples, samples);
    }

    /**
     * The same, each tile programmed once and read {@code microBatch} samples at a time (the converters'
     * calibrated ranges are set per read, on its micro-batch; the DAC range on every sample's ideal input).
     */
    public LayerOutcome run(LayerSpec layer, String kind, WeightSource weights, float[] physical, float[] ideal,
                            int samples, int microBatch) {
        long start = System.nanoTime();
        TileGrid grid = tiling.grid(layer.rows(), layer.cols());
        List<WorkUnit> units = WorkUnits.of(layer.index(), grid, tiling.rowTilesPerUnit());
        List<List<WorkUnit>> placed = tiling.placement().assign(units, grid, partitions);
        LayerInput input = new LayerInput(layer.index(), samples, layer.rows(), physical, ideal, inputRange(ideal),
                microBatch);
        LayerJob job = new LayerJob(layer.index(), grid, platform, weights, seed, tileSampleRate);
        List<UnitResult> blocks = executor.run(job, placed, input);
        return LayerAssembler.assemble(layer, kind, grid, blocks, weights, platform, samples,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The DAC range of a matrix: fixed by the platform, or calibrated as max |x| of the matrix's ideal
     * input (the digital model's activations stand in for a calibration set).
     */
    float inputRange(float[] idealInput) {
        double fixed = platform.fixedInputRange();
        if (fixed > 0) {
            return (float) fixed;
        }
        float max = 0f;
        for (float v : idealInput) {
            max = Math.max(max, Math.abs(v));
        }
        return max > 0 ? max : 1f;
    }
}
