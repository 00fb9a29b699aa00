package org.pfmsim.forward;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pfmsim.fidelity.FidelityStats;
import org.pfmsim.grid.TileGrid;
import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.placement.WorkUnit;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.Purpose;
import org.pfmsim.weights.WeightSource;

/**
 * The per-unit work of one layer, identical in a Spark task and in the single-JVM loop: for each row
 * tile of the unit, build the tile where it is used (weights generated or read, then programmed), read it
 * once with the physical and ideal activations stacked, compute the ideal product, and add the three
 * partial outputs into float64 accumulators in ascending row-tile order.
 */
public final class LayerJob implements Serializable {
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

    UnitResult compute(WorkUnit unit, LayerInput in) {
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
        for (long tr = unit.rowTileStart(); tr < unit.rowTileEnd(); tr++) {
            int rows = grid.rowsIn(tr);
            int rowStart = Math.toIntExact(grid.rowStart(tr));
            float[] w = new float[rows * cols];
            weights.weights(layer, rowStart, rows, colStart, cols, w);
            float[] x = in.stackedSlice(rowStart, rows);
            TileAddress address = new TileAddress(seed, layer, tr, unit.colTile());
            Readout read;
            long stuck;
            try (PhysicalTile tile = platform.program(w, rows, cols, address)) {
                read = tile.forward(new ReadRequest(x, 2 * batch, batch, batch, in.inputRange));
                area += tile.areaSquareMeters();
                stuck = tile.stuckDevices();
            }
            float[] idealTile = IdealKernel.multiply(Arrays.copyOfRange(x, batch * rows, 2 * batch * rows), batch,
                    rows, w, cols);
            float[] y = read.outputs();
            int n = batch * cols;
            for (int k = 0; k < n; k++) {
                physical[k] += y[k];
                local[k] += y[n + k];
                ideal[k] += idealTile[k];
            }
            energy += read.energyJoules();
            latency = Math.max(latency, read.latencySeconds());
            inClipped += read.inputsClipped();
            outClipped += read.outputsClipped();
            if (sampled(address)) {
                double rel = new FidelityStats().add(idealTile, Arrays.copyOfRange(y, n, 2 * n)).relativeL2Error();
                samples.add(new TileSample(tr, unit.colTile(), rows, cols, rel, read.energyJoules(), stuck,
                        read.inputsClipped(), read.outputsClipped()));
            }
        }
        return new UnitResult(unit.colTile(), unit.rowTileStart(), cols, physical, local, ideal, unit.tileCount(),
                energy, latency, area, inClipped, outClipped, samples);
    }

    private boolean sampled(TileAddress address) {
        return tileSampleRate > 0 && address.stream(Purpose.TILE_SAMPLING).uniform(0) < tileSampleRate;
    }
}
