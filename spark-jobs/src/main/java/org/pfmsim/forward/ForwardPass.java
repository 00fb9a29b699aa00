package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.grid.TileGrid;
import org.pfmsim.model.LayerSpec;
import org.pfmsim.placement.WorkUnit;
import org.pfmsim.placement.WorkUnits;
import org.pfmsim.weights.SyntheticInputs;

/**
 * The forward pass, layer by layer, of both chains: the physical chain (physical layers on physical
 * activations) and the ideal chain (the digital model), plus the local error of each physical layer fed
 * the ideal input. The executor decides where the tiles are computed; everything else happens here.
 */
public final class ForwardPass {
    /** Told after each layer, for progress output. */
    public interface Progress {
        void layerDone(LayerOutcome outcome, int layers);
    }

    private ForwardPass() {
    }

    /** Which layers' output activations the returned outcomes keep. */
    public enum Retention {
        /** Every layer's (tests compare them layer by layer). */
        ALL_LAYERS,
        /** Only the last layer's: the driver holds at most two layers' activations at any time. */
        LAST_LAYER
    }

    /** Keeps every layer's activations: see {@link #run(Simulation, LayerExecutor, int, Progress, Retention)}. */
    public static List<LayerOutcome> run(Simulation sim, LayerExecutor executor, int partitions, Progress progress) {
        return run(sim, executor, partitions, progress, Retention.ALL_LAYERS);
    }

    /**
     * @param partitions Spark partitions per layer (units are spread over them; the result does not
     *                   depend on this number)
     */
    public static List<LayerOutcome> run(Simulation sim, LayerExecutor executor, int partitions, Progress progress,
                                         Retention retention) {
        int batch = sim.batch();
        float[] physical = SyntheticInputs.gaussian(sim.seed(), batch, sim.model().inputWidth());
        float[] ideal = physical.clone();
        List<LayerOutcome> outcomes = new ArrayList<>(sim.model().depth());
        for (LayerSpec layer : sim.model().layers()) {
            long start = System.nanoTime();
            TileGrid grid = sim.tiling().grid(layer.rows(), layer.cols());
            List<WorkUnit> units = WorkUnits.of(layer.index(), grid, sim.tiling().rowTilesPerUnit());
            List<List<WorkUnit>> placed = sim.tiling().placement().assign(units, grid, partitions);
            LayerInput input = new LayerInput(layer.index(), batch, layer.rows(), physical, ideal,
                    inputRange(sim, ideal));
            LayerJob job = new LayerJob(layer.index(), grid, sim.platform(), sim.weights(), sim.seed(),
                    sim.tileSampleRate());
            List<UnitResult> blocks = executor.columnBlocks(job, placed, input);
            LayerOutcome outcome = LayerAssembler.assemble(layer, grid, blocks, sim.weights(), sim.platform(), batch,
                    (System.nanoTime() - start) / 1e9);
            if (retention == Retention.LAST_LAYER && !outcomes.isEmpty()) {
                int previous = outcomes.size() - 1;
                outcomes.set(previous, outcomes.get(previous).withoutActivations());
            }
            outcomes.add(outcome);
            progress.layerDone(outcome, sim.model().depth());
            physical = outcome.physical();
            ideal = outcome.ideal();
        }
        return outcomes;
    }

    /**
     * The DAC range of a layer: fixed by the platform, or calibrated as max |x| of the layer's ideal
     * input (the digital model's activations stand in for a calibration set).
     */
    static float inputRange(Simulation sim, float[] idealInput) {
        double fixed = sim.platform().fixedInputRange();
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
