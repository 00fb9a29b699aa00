package org.pfmsim.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pfmsim.converters.DacSpec;
import org.pfmsim.crossbar.CrossbarCostSpec;
import org.pfmsim.crossbar.CrossbarPlatform;
import org.pfmsim.crossbar.CrossbarSpec;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.inputs.FileInputs;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.placement.Placement;
import org.pfmsim.stage.LocalStageExecutor;
import org.pfmsim.rng.SyntheticInputs;
import org.pfmsim.weights.SyntheticWeights;

/**
 * Every row in one pass per layer, read in micro-batches: a tile programmed once per layer is read
 * micro-batch after micro-batch, so a sample's result does not depend on the micro-batch (with no
 * converter calibrated per read; up to the float rounding of the array product at another sample count), the last, partial micro-batch is computed like the others, and a sample
 * repeated in a later micro-batch sees fresh read noise (a tile programmed anew for each micro-batch would
 * replay its noise).
 */
class MicroBatchTest {
    private static final int ROWS = 40;
    private static final int WIDTH = 150;

    /** Fabrication effects on; the ADC off (its calibrated range is set per read). */
    private static Simulation simulation(int microBatch, double readNoise) {
        ModelSpec model = ModelSpec.mlp(WIDTH, 130, 70, 2, true, Activation.RELU, Activation.IDENTITY);
        CrossbarSpec crossbar = new CrossbarSpec(0.5e-6, 20e-6, 0.2, 32,
                new CrossbarSpec.Variability(CrossbarSpec.Variability.Model.PROPORTIONAL, 0.05), 1e-3, 1e-3, readNoise,
                new DacSpec(true, 6, 0),
                new CrossbarSpec.WireSpec(CrossbarSpec.WireSpec.Model.FIRST_ORDER, 0.5),
                new CrossbarSpec.AdcSpec(false, 7, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 1.0),
                CrossbarCostSpec.defaults());
        // Rows 16..31 repeat rows 0..15: the same input in the second micro-batch of 16.
        float[] base = SyntheticInputs.gaussian(3, 16, WIDTH);
        float[] values = new float[ROWS * WIDTH];
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(base, (r % 16) * WIDTH, values, r * WIDTH, WIDTH);
        }
        return new Simulation(9, microBatch, ROWS, model, new SyntheticWeights(9, model, 1.0, 0.05),
                new CrossbarPlatform(crossbar), new TilingSpec(48, 36, 2, Placement.BALANCED, 0), 0.5,
                new FileInputs("repeated rows", ROWS, WIDTH, values), null);
    }

    @Test
    void microBatchesOfOneProgrammedDeviceEqualOneReadOfEveryRow() {
        List<LayerOutcome> whole = ForwardPass.run(simulation(ROWS, 0), new LocalStageExecutor(), 1, (o, n) -> { });
        List<LayerOutcome> micro = ForwardPass.run(simulation(16, 0), new LocalStageExecutor(), 2, (o, n) -> { });
        for (int l = 0; l < whole.size(); l++) {
            assertArrayEquals(whole.get(l).ideal(), micro.get(l).ideal(), "layer " + l + " ideal chain");
            // The array's product runs at the read's sample count, whose float rounding may differ in the last bit.
            float[] expected = whole.get(l).physical();
            float[] actual = micro.get(l).physical();
            double scale = 0;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], 1e-5 * scale, "layer " + l + " physical chain, value " + k);
            }
            assertEquals(whole.get(l).energyJoules(), micro.get(l).energyJoules(), 1e-9 * whole.get(l).energyJoules());
        }
    }

    /**
     * Read noise is drawn per read from the tile's stream, numbered by the samples the tile has read: a
     * sample repeated in a later micro-batch sees its own noise (how the draws fall on samples depends on
     * the micro-batch, as batch.size is part of the config).
     */
    @Test
    void aSampleRepeatedInALaterMicroBatchSeesFreshReadNoise() {
        List<LayerOutcome> micro = ForwardPass.run(simulation(16, 0.02), new LocalStageExecutor(), 2, (o, n) -> { });
        float[] first = micro.get(0).physical();
        int cols = 130;
        float[] sample0 = Arrays.copyOfRange(first, 0, cols);
        float[] sample16 = Arrays.copyOfRange(first, 16 * cols, 17 * cols);
        assertArrayEquals(Arrays.copyOfRange(micro.get(0).ideal(), 0, cols),
                Arrays.copyOfRange(micro.get(0).ideal(), 16 * cols, 17 * cols), "the same input");
        assertFalse(Arrays.equals(sample0, sample16), "a repeated sample in a later micro-batch sees its own noise");
    }
}
