package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.model.LayerSpec;
import org.pfmsim.stage.StageExecutor;

/**
 * The forward pass of an MLP stack, layer by layer, on both chains: the physical chain (physical layers
 * on physical activations) and the ideal chain (the digital model), plus the local error of each physical
 * layer fed the ideal input. Each layer is one {@link MatrixStep}; the executor decides where the tiles
 * are computed. Every sample the run evaluates goes through a layer in one pass (its tiles programmed once)
 * and is read micro-batch ({@code batch.size}) by micro-batch.
 */
public final class ForwardPass {
    /** Told after each layer (physical matrix), for progress output. */
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

    /** Keeps every layer's activations: see {@link #run(Simulation, StageExecutor, int, Progress, Retention)}. */
    public static List<LayerOutcome> run(Simulation sim, StageExecutor executor, int partitions, Progress progress) {
        return run(sim, executor, partitions, progress, Retention.ALL_LAYERS);
    }

    /**
     * @param partitions Spark partitions per layer (units are spread over them; the result does not
     *                   depend on this number)
     */
    public static List<LayerOutcome> run(Simulation sim, StageExecutor executor, int partitions, Progress progress,
                                         Retention retention) {
        int samples = sim.rows();
        float[] physical = sim.inputs().batch(samples, sim.model().inputWidth());
        float[] ideal = physical.clone();
        MatrixStep step = new MatrixStep(sim.seed(), sim.platform(), sim.tiling(), sim.tileSampleRate(), executor,
                partitions);
        List<LayerOutcome> outcomes = new ArrayList<>(sim.model().depth());
        for (LayerSpec layer : sim.model().layers()) {
            LayerOutcome outcome = step.run(layer, "linear", sim.weights(), physical, ideal, samples,
                    sim.batch());
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
}
