package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pfmsim.fidelity.FidelityStats;
import org.pfmsim.grid.TileGrid;
import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.placement.WorkUnit;
import org.pfmsim.platform.Characterization;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.Purpose;
import org.pfmsim.stage.Stage;
import org.pfmsim.weights.WeightSource;

/**
 * The per-unit work of one layer, identical in a Spark task and in the single-JVM loop: for each row
 * tile of the unit, build the tile where it is used (weights generated or read, then programmed), read it
 * once per micro-batch with the physical and ideal activations stacked, compute the ideal product, and add
 * the three partial outputs into float64 accumulators in ascending row-tile order. On an {@link Platform#exact exact}
 * platform whose two chains carry the same input (the digital baseline), the tile's one read at the batch
 * is all three outputs.
 *
 * <p>As a {@link Stage}: a block is a column block, and its units' partial sums are added in ascending row
 * tile ({@link UnitResult#sumColumnBlock}).
 */
public final class LayerJob implements Stage<WorkUnit, LayerInput, UnitResult> {
    private static final long serialVersionUID = 1L;

    private final int layer;
    private final TileGrid grid;
    private final Platform platform;
    private final WeightSource weights;
    private final long seed;
    private final double tileSampleRate;

    public LayerJob(int layer, TileGrid grid, Platform platform, WeightSource weights, long seed,
                    double tileSampleRate) {
        this.layer = layer;
        this.grid = grid;
        this.platform = platform;
        this.weights = weights;
        this.seed = seed;
        this.tileSampleRate = tileSampleRate;
    }

    public TileGrid grid() {
        return grid;
    }

    @Override
    public String label() {
        return "layer " + layer;
    }

    @Override
    public long blocks() {
        return grid.colTiles();
    }

    @Override
    public long block(UnitResult result) {
        return result.colTile;
    }

    @Override
    public UnitResult combine(List<UnitResult> block) {
        return UnitResult.sumColumnBlock(block);
    }

    @Override
    public UnitResult compute(WorkUnit unit, LayerInput in) {
        int batch = in.batch;
        int cols = grid.colsIn(unit.colTile());
        long colStart = grid.colStart(unit.colTile());
        double[] physical = new double[batch * cols];
        double[] local = new double[batch * cols];
        double[] ideal = new double[batch * cols];
        double energy = 0;
        double latency = 0;
        double area = 0;
        long inClipped = 0;
        long outClipped = 0;
        List<TileSample> samples = new ArrayList<>();
        Characterization calibration = Characterization.NONE;
        boolean exactChains = platform.exact() && in.chainsAgree();
        for (long tr = unit.rowTileStart(); tr < unit.rowTileEnd(); tr++) {
            int rows = grid.rowsIn(tr);
            int rowStart = Math.toIntExact(grid.rowStart(tr));
            float[] w = weightBuffer(rows * cols);
            weights.weights(layer, rowStart, rows, colStart, cols, w);
            TileAddress address = new TileAddress(seed, layer, tr, unit.colTile());
            boolean sampled = sampled(address);
            FidelityStats tileLocal = new FidelityStats();
            double tileEnergy = 0;
            long tileInClipped = 0;
            long tileOutClipped = 0;
            long stuck;
            // Programmed once, read micro-batch after micro-batch: the tile's read-noise stream goes on from
            // one read to the next, so every sample sees the same device and its own noise.
            try (PhysicalTile tile = platform.program(w, rows, cols, address)) {
                area += tile.areaSquareMeters();
                calibration = calibration.beside(tile.characterization());
                stuck = tile.stuckDevices();
                double tileLatency = 0;
                for (int from = 0; from < batch; from += in.microBatch) {
                    int to = Math.min(batch, from + in.microBatch);
                    int m = to - from;
                    float[] x = in.stackedSlice(rowStart, rows, from, to);
                    int n = m * cols;
                    // On exact chains the read is the ideal product and both chains carry the same input: one
                    // read of the micro-batch is the physical, local and ideal outputs at once.
                    ReadRequest request = exactChains
                            ? new ReadRequest(Arrays.copyOf(x, m * rows), m, m, 0, in.inputRange)
                            : new ReadRequest(x, 2 * m, m, m, in.inputRange);
                    Readout read = tile.forward(request);
                    float[] y = read.outputs();
                    // Where the local outputs (the ideal inputs read through the tile) start in y.
                    int localAt = exactChains ? 0 : n;
                    float[] idealTile = exactChains ? y
                            : IdealKernel.multiply(Arrays.copyOfRange(x, m * rows, 2 * m * rows), m, rows, w, cols);
                    int at = from * cols;
                    for (int k = 0; k < n; k++) {
                        physical[at + k] += y[k];
                        local[at + k] += y[localAt + k];
                        ideal[at + k] += idealTile[k];
                    }
                    tileEnergy += read.energyJoules();
                    tileLatency += read.latencySeconds();
                    tileInClipped += read.inputsClipped();
                    tileOutClipped += read.outputsClipped();
                    if (sampled) {
                        tileLocal.add(idealTile, Arrays.copyOfRange(y, localAt, localAt + n));
                    }
                }
                latency = Math.max(latency, tileLatency);
            }
            energy += tileEnergy;
            inClipped += tileInClipped;
            outClipped += tileOutClipped;
            if (sampled) {
                samples.add(new TileSample(tr, unit.colTile(), rows, cols, tileLocal.relativeL2Error(), tileEnergy,
                        stuck, tileInClipped, tileOutClipped));
            }
        }
        return new UnitResult(unit.colTile(), unit.rowTileStart(), cols, physical, local, ideal, unit.tileCount(),
                energy, latency, area, inClipped, outClipped, samples, calibration);
    }

    /**
     * A tile's weights, per thread and reused while the tile size stays the same: platforms copy or
     * transform the weights when programming and keep no reference to the array, and a fresh 1 MB array per
     * 512 x 512 tile was two thirds of everything the loop allocated.
     */
    private static float[] weightBuffer(int size) {
        float[] w = WEIGHTS.get();
        if (w.length != size) {
            w = new float[size];
            WEIGHTS.set(w);
        }
        return w;
    }

    private static final ThreadLocal<float[]> WEIGHTS = ThreadLocal.withInitial(() -> new float[0]);

    private boolean sampled(TileAddress address) {
        return tileSampleRate > 0 && address.stream(Purpose.TILE_SAMPLING).uniform(0) < tileSampleRate;
    }
}
