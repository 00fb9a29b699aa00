package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.fidelity.FidelityStats;
import org.pfmsim.grid.TileGrid;
import org.pfmsim.model.LayerSpec;
import org.pfmsim.platform.Characterization;
import org.pfmsim.platform.Platform;
import org.pfmsim.weights.WeightSource;

/**
 * The digital periphery on the driver: places the summed column blocks into the layer output, adds the
 * bias, applies the activation, and measures local and chain fidelity on the layer outputs.
 */
final class LayerAssembler {
    private LayerAssembler() {
    }

    static LayerOutcome assemble(LayerSpec spec, String kind, TileGrid grid, List<UnitResult> blocks,
                                 WeightSource weights, Platform platform, int batch, double wallSeconds) {
        int cols = spec.cols();
        float[] bias = new float[cols];
        if (spec.bias()) {
            weights.bias(spec.index(), 0, cols, bias);
        }
        float[] physical = new float[batch * cols];
        float[] local = new float[batch * cols];
        float[] ideal = new float[batch * cols];
        double energy = 0;
        double latency = 0;
        double area = 0;
        long inClipped = 0;
        long outClipped = 0;
        List<TileSample> samples = new ArrayList<>();
        Characterization calibration = Characterization.NONE;
        if (blocks.size() != grid.colTiles()) {
            throw new IllegalStateException("layer " + spec.index() + ": " + blocks.size() + " column blocks, expected "
                    + grid.colTiles());
        }
        for (UnitResult b : blocks) {
            int colStart = Math.toIntExact(grid.colStart(b.colTile));
            for (int s = 0; s < batch; s++) {
                for (int j = 0; j < b.cols; j++) {
                    int out = s * cols + colStart + j;
                    int in = s * b.cols + j;
                    physical[out] = (float) (b.physical[in] + bias[colStart + j]);
                    local[out] = (float) (b.local[in] + bias[colStart + j]);
                    ideal[out] = (float) (b.ideal[in] + bias[colStart + j]);
                }
            }
            energy += b.energyJoules;
            latency = Math.max(latency, b.latencySeconds);
            area += b.areaSquareMeters;
            inClipped += b.inputsClipped;
            outClipped += b.outputsClipped;
            samples.addAll(List.of(b.samples));
            calibration = calibration.beside(b.calibration);
        }
        spec.activation().applyInPlace(physical);
        spec.activation().applyInPlace(local);
        spec.activation().applyInPlace(ideal);
        FiniteOutputs.require(spec, kind, ideal, local, physical);
        // Each of the (rowTiles - 1) additions per output value is one digital add per sample.
        energy += (double) (grid.rowTiles() - 1) * cols * batch * platform.partialSumAddEnergyJoules();
        FidelityStats localStats = new FidelityStats().add(ideal, local);
        FidelityStats chainStats = new FidelityStats().add(ideal, physical);
        return new LayerOutcome(spec, kind, grid, physical, ideal, localStats, chainStats, energy, latency, area,
                inClipped, outClipped, samples, wallSeconds, calibration);
    }
}
