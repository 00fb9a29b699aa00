package org.pfmsim.forward;

import org.pfmsim.converters.DacSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfmsim.crossbar.CrossbarCostSpec;
import org.pfmsim.crossbar.CrossbarPlatform;
import org.pfmsim.crossbar.CrossbarSpec;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.placement.Placement;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.spark.SparkStageExecutor;
import org.pfmsim.stage.LocalStageExecutor;
import org.pfmsim.weights.SyntheticWeights;

/**
 * The distributed forward pass equals the single-JVM loop over the same tiles bit for bit, whatever the
 * partition count and placement, on ragged layer shapes with every non-ideality on.
 */
class DistributedForwardPassTest {
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().config(SparkSessions.conf("distributed-forward-test")
                .setMaster("local[2]")).getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A crossbar with every non-ideality on and a ragged 3-layer model (no dimension divides its tile). */
    static Simulation raggedSimulation(long seed, Placement placement) {
        ModelSpec model = ModelSpec.mlp(150, 130, 70, 3, true, Activation.RELU, Activation.IDENTITY);
        CrossbarSpec crossbar = new CrossbarSpec(0.5e-6, 20e-6, 0.2, 32,
                new CrossbarSpec.Variability(CrossbarSpec.Variability.Model.PROPORTIONAL, 0.05), 1e-3, 1e-3, 0.01,
                new DacSpec(true, 6, 0),
                new CrossbarSpec.WireSpec(CrossbarSpec.WireSpec.Model.FIRST_ORDER, 0.5),
                new CrossbarSpec.AdcSpec(true, 7, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 1.0),
                CrossbarCostSpec.defaults());
        TilingSpec tiling = new TilingSpec(48, 36, 2, placement, 0);
        return new Simulation(seed, 5, model, new SyntheticWeights(seed, model, 1.0, 0.05),
                new CrossbarPlatform(crossbar), tiling, 0.5);
    }

    @Test
    void distributedPassAndThreadedLoopEqualSingleJvmLoopBitForBit() {
        Simulation sim = raggedSimulation(11, Placement.BALANCED);
        List<LayerOutcome> reference = ForwardPass.run(sim, new LocalStageExecutor(), 1, (o, n) -> { });
        assertTrue(reference.get(1).grid().rowTiles() > 2, "the test needs several units per column block");
        for (int partitions : new int[] {1, 3, 7}) {
            List<LayerOutcome> distributed = ForwardPass.run(sim, new SparkStageExecutor(jsc), partitions,
                    (o, n) -> { });
            assertIdentical(reference, distributed, partitions + " partitions");
        }
        assertIdentical(reference, ForwardPass.run(sim, new LocalStageExecutor(3), 7, (o, n) -> { }),
                "single-JVM loop on 3 threads, 7 partitions");
        Simulation roundRobin = raggedSimulation(11, Placement.ROUND_ROBIN);
        assertIdentical(reference, ForwardPass.run(roundRobin, new SparkStageExecutor(jsc), 3, (o, n) -> { }),
                "round-robin placement");
    }

    /**
     * Aged devices (aihwkit's PCM model at 1 yr: programming noise, drift, 1/f read noise) come from streams
     * keyed by the tile, so the distributed pass equals the loop bit for bit at any partition count.
     */
    @Test
    void agedCrossbarIsTheSameDeviceOnAnyPartitioning() {
        Simulation ragged = raggedSimulation(23, Placement.BALANCED);
        CrossbarSpec aged = ((CrossbarPlatform) ragged.platform()).spec().withAging(
                new org.pfmsim.crossbar.aging.AgingSpec(org.pfmsim.crossbar.aging.PcmAging.published(), 365 * 86400.0));
        Simulation sim = new Simulation(ragged.seed(), ragged.batch(), ragged.model(), ragged.weights(),
                new CrossbarPlatform(aged), ragged.tiling(), ragged.tileSampleRate());
        List<LayerOutcome> reference = ForwardPass.run(sim, new LocalStageExecutor(), 1, (o, n) -> { });
        for (int partitions : new int[] {1, 3}) {
            assertIdentical(reference, ForwardPass.run(sim, new SparkStageExecutor(jsc), partitions, (o, n) -> { }),
                    "aged, " + partitions + " partitions");
        }
    }

    /** One unit per column block: the single-stage strategy (no shuffle) equals the loop bit for bit too. */
    @Test
    void singleStageStrategyWithOneUnitPerColumnBlockEqualsTheLoop() {
        Simulation ragged = raggedSimulation(13, Placement.BALANCED);
        TilingSpec whole = new TilingSpec(48, 36, 64, Placement.BALANCED, 0);
        Simulation sim = new Simulation(ragged.seed(), ragged.batch(), ragged.model(), ragged.weights(),
                ragged.platform(), whole, ragged.tileSampleRate());
        List<LayerOutcome> reference = ForwardPass.run(sim, new LocalStageExecutor(), 1, (o, n) -> { });
        for (int partitions : new int[] {1, 3, 7}) {
            assertIdentical(reference, ForwardPass.run(sim, new SparkStageExecutor(jsc), partitions, (o, n) -> { }),
                    "single stage, " + partitions + " partitions");
        }
    }

    /** Keeping only the last layer's activations changes nothing else; earlier layers keep none. */
    @Test
    void lastLayerRetentionDropsEarlierActivationsOnly() {
        Simulation sim = raggedSimulation(17, Placement.BALANCED);
        List<LayerOutcome> all = ForwardPass.run(sim, new LocalStageExecutor(), 1, (o, n) -> { });
        List<LayerOutcome> last = ForwardPass.run(sim, new SparkStageExecutor(jsc), 3, (o, n) -> { },
                ForwardPass.Retention.LAST_LAYER);
        int end = all.size() - 1;
        assertIdentical(all.subList(end, end + 1), last.subList(end, end + 1), "last layer");
        for (int l = 0; l < end; l++) {
            assertEquals(0, last.get(l).physical().length + last.get(l).ideal().length, "layer " + l);
            assertEquals(all.get(l).chain().snrDb(), last.get(l).chain().snrDb(), 0.0, "layer " + l);
            assertEquals(all.get(l).local().relativeL2Error(), last.get(l).local().relativeL2Error(), 0.0);
        }
    }

    /**
     * The digital baseline is exact: its physical chain is its ideal chain bit for bit, with zero local
     * and chain error, the loop and Spark agree, and each layer still costs its MACs (the batch's reads)
     * plus the partial-sum additions of every row tile after the first.
     */
    @Test
    void digitalPlatformChainsAreTheIdealChainAndStillCostTheirMacs() {
        Simulation ragged = raggedSimulation(19, Placement.BALANCED);
        org.pfmsim.digital.DigitalSpec spec = org.pfmsim.digital.DigitalSpec.defaults();
        Simulation sim = new Simulation(ragged.seed(), ragged.batch(), ragged.model(), ragged.weights(),
                new org.pfmsim.digital.DigitalPlatform(spec), ragged.tiling(), 0.5);
        List<LayerOutcome> loop = ForwardPass.run(sim, new LocalStageExecutor(), 1, (o, n) -> { });
        assertIdentical(loop, ForwardPass.run(sim, new SparkStageExecutor(jsc), 3, (o, n) -> { }), "digital");
        for (LayerOutcome o : loop) {
            String at = "layer " + o.spec().index();
            assertArrayEquals(o.ideal(), o.physical(), at);
            assertEquals(0.0, o.local().relativeL2Error(), 0.0, at);
            assertEquals(0.0, o.chain().relativeL2Error(), 0.0, at);
            long rows = o.spec().rows();
            long cols = o.spec().cols();
            double macs = (double) sim.batch() * rows * cols;
            double adds = (double) sim.batch() * cols * (o.grid().rowTiles() - 1);
            assertEquals(macs * spec.energyPerMacJoules() + adds * spec.energyPerMacJoules() / 2, o.energyJoules(),
                    1e-9 * o.energyJoules(), at + ": energy");
            for (TileSample t : o.tileSamples()) {
                assertEquals(0.0, t.relError, 0.0, at + ": tile local error");
            }
        }
    }

    @Test
    void sameSeedTwiceGivesIdenticalResultsAndAnotherSeedDoesNot() {
        List<LayerOutcome> first = ForwardPass.run(raggedSimulation(5, Placement.BALANCED),
                new SparkStageExecutor(jsc), 3, (o, n) -> { });
        List<LayerOutcome> second = ForwardPass.run(raggedSimulation(5, Placement.BALANCED),
                new SparkStageExecutor(jsc), 3, (o, n) -> { });
        assertIdentical(first, second, "same seed");
        List<LayerOutcome> other = ForwardPass.run(raggedSimulation(6, Placement.BALANCED),
                new SparkStageExecutor(jsc), 3, (o, n) -> { });
        assertFalse(Arrays.equals(first.get(2).physical(), other.get(2).physical()), "another seed, another model");
    }

    @Test
    void physicalChainDriftsFromTheIdealChainAndTheIdealChainIsTheDigitalModel() {
        Simulation sim = raggedSimulation(3, Placement.BALANCED);
        List<LayerOutcome> layers = ForwardPass.run(sim, new SparkStageExecutor(jsc), 3, (o, n) -> { });
        // The ideal chain is the digital model: recompute it with plain loops over the synthetic weights.
        float[] x = org.pfmsim.rng.SyntheticInputs.gaussian(sim.seed(), sim.batch(), sim.model().inputWidth());
        for (LayerOutcome o : layers) {
            int rows = o.spec().rows();
            int cols = o.spec().cols();
            float[] w = new float[rows * cols];
            sim.weights().weights(o.spec().index(), 0, rows, 0, cols, w);
            float[] b = new float[cols];
            sim.weights().bias(o.spec().index(), 0, cols, b);
            float[] y = new float[sim.batch() * cols];
            for (int s = 0; s < sim.batch(); s++) {
                for (int j = 0; j < cols; j++) {
                    double acc = b[j];
                    for (int i = 0; i < rows; i++) {
                        acc += (double) x[s * rows + i] * w[i * cols + j];
                    }
                    y[s * cols + j] = (float) acc;
                }
            }
            o.spec().activation().applyInPlace(y);
            double err = 0;
            double ref = 0;
            for (int k = 0; k < y.length; k++) {
                err += Math.pow(y[k] - o.ideal()[k], 2);
                ref += (double) y[k] * y[k];
            }
            assertTrue(Math.sqrt(err / ref) < 1e-5, "ideal chain of layer " + o.spec().index() + " vs plain loop");
            x = y;
            assertTrue(o.local().relativeL2Error() > 1e-3, "non-idealities must show");
            assertTrue(o.energyJoules() > 0 && o.latencySeconds() > 0 && o.areaSquareMeters() > 0);
        }
        assertTrue(layers.get(2).chain().relativeL2Error() > layers.get(2).local().relativeL2Error() * 0.5,
                "the chain error accumulates the upstream drift");
    }

    static void assertIdentical(List<LayerOutcome> expected, List<LayerOutcome> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int l = 0; l < expected.size(); l++) {
            LayerOutcome e = expected.get(l);
            LayerOutcome a = actual.get(l);
            String at = what + ", layer " + l;
            assertArrayEquals(e.physical(), a.physical(), at + ": physical chain");
            assertArrayEquals(e.ideal(), a.ideal(), at + ": ideal chain");
            assertEquals(e.local().relativeL2Error(), a.local().relativeL2Error(), 0.0, at + ": local error");
            assertEquals(e.chain().snrDb(), a.chain().snrDb(), 0.0, at + ": chain SNR");
            assertEquals(e.energyJoules(), a.energyJoules(), 1e-12 * e.energyJoules(), at + ": energy");
            assertEquals(e.latencySeconds(), a.latencySeconds(), 0.0, at + ": latency");
            assertEquals(e.inputsClipped(), a.inputsClipped(), at + ": DAC clipping");
            assertEquals(e.outputsClipped(), a.outputsClipped(), at + ": ADC clipping");
            assertEquals(describe(e.tileSamples()), describe(a.tileSamples()), at + ": sampled tiles");
        }
    }

    private static List<String> describe(List<TileSample> samples) {
        List<String> out = new ArrayList<>();
        for (TileSample t : samples) {
            out.add(t.tileRow + "," + t.tileCol + "," + t.relError + "," + t.energyJoules + "," + t.stuckDevices);
        }
        out.sort(String::compareTo);
        return out;
    }
}
