package org.pfmsim.forward;

import org.pfmsim.converters.DacSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.crossbar.CrossbarCostSpec;
import org.pfmsim.crossbar.CrossbarPlatform;
import org.pfmsim.crossbar.CrossbarSpec;
import org.pfmsim.decoder.DecoderOptions;
import org.pfmsim.decoder.DecoderPreset;
import org.pfmsim.decoder.DecoderSpec;
import org.pfmsim.task.TaskMetrics;
import org.pfmsim.decoder.SyntheticDecoder;
import org.pfmsim.decoder.TokenBatch;
import org.pfmsim.digital.DigitalPlatform;
import org.pfmsim.digital.DigitalSpec;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.placement.Placement;
import org.pfmsim.platform.Platform;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.spark.SparkStageExecutor;
import org.pfmsim.stage.LocalStageExecutor;
import org.pfmsim.weights.InMemoryTensors;

/**
 * The hybrid decoder forward pass: with the digital platform it is the digital model (checked against an
 * independent float64 reference), through Spark it does not depend on the partition count, and a noisy
 * crossbar degrades the next-token predictions.
 */
class DecoderForwardPassTest {
    private static final int BATCH = 3;
    private static final int LENGTH = 7;
    private static final int VOCAB = 61;
    static final SyntheticDecoder GPT2 = new SyntheticDecoder(DecoderPreset.GPT2, 32, 2, 4, 4, 128, VOCAB, LENGTH,
            true);
    static final SyntheticDecoder LLAMA = new SyntheticDecoder(DecoderPreset.LLAMA, 32, 2, 4, 2, 44, VOCAB, LENGTH,
            false);
    /** Ragged tiles: no matrix dimension is a multiple of 12 x 14. */
    private static final TilingSpec TILING = new TilingSpec(12, 14, 2, Placement.BALANCED, 0);

    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().config(SparkSessions.conf("decoder-forward-test").setMaster("local[2]"))
                .getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static DecoderSimulation simulation(SyntheticDecoder model, Platform platform, boolean physicalHead) {
        InMemoryTensors tensors = model.tensors(7);
        DecoderSpec spec = DecoderSpec.of(tensors, model.preset(), model.preset().names(),
                new DecoderOptions(model.heads(), 0, 1e-5, 10000));
        return new DecoderSimulation(7, spec, tensors, TokenBatch.synthetic(7, BATCH, LENGTH, VOCAB), platform, TILING,
                physicalHead, 0.5);
    }

    static Platform digital() {
        return new DigitalPlatform(new DigitalSpec(300e-15, 1e12, 8, 0.05e-12));
    }

    static Platform noisyCrossbar() {
        return new CrossbarPlatform(new CrossbarSpec(0.5e-6, 20e-6, 0.2, 32,
                new CrossbarSpec.Variability(CrossbarSpec.Variability.Model.PROPORTIONAL, 0.05), 1e-3, 1e-3, 0.01,
                new DacSpec(true, 6, 0),
                new CrossbarSpec.WireSpec(CrossbarSpec.WireSpec.Model.FIRST_ORDER, 0.5),
                new CrossbarSpec.AdcSpec(true, 7, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 1.0),
                CrossbarCostSpec.defaults()));
    }

    static DecoderForwardPass.Result local(DecoderSimulation sim) {
        return DecoderForwardPass.run(sim, new LocalStageExecutor(), 1, (o, n) -> { });
    }

    @Test
    void gpt2WithTheDigitalPlatformMatchesAnIndependentFloat64Reference() {
        for (boolean physicalHead : new boolean[] {true, false}) {
            DecoderSimulation sim = simulation(GPT2, digital(), physicalHead);
            DecoderForwardPass.Result r = local(sim);
            double[][] reference = DecoderReference.gpt2(sim.tensors(), 2, 32, 4, 128, VOCAB, sim.tokens().ids(),
                    LENGTH, 1e-5);
            assertClose(reference, r.idealLogits(), "gpt2 ideal chain, physical head " + physicalHead);
            assertClose(reference, r.physicalLogits(), "gpt2 physical chain, physical head " + physicalHead);
            assertEquals(physicalHead ? 9 : 8, r.matrices().size());
        }
    }

    @Test
    void gpt2WithSeparateLinearQkvEqualsTheFusedConv1dModel() {
        DecoderSimulation fused = simulation(GPT2, digital(), true);
        InMemoryTensors tensors = (InMemoryTensors) fused.tensors();
        InMemoryTensors separate = new InMemoryTensors();
        int d = 32;
        for (String name : tensors.names()) {
            long[] shape = tensors.shape(name);
            int rows = shape.length == 1 ? 1 : (int) shape[0];
            int cols = (int) shape[shape.length - 1];
            float[] v = new float[rows * cols];
            tensors.read(name, 0, rows, 0, cols, v);
            if (!name.contains("c_attn")) {
                separate.put(name, shape, v);
                continue;
            }
            String prefix = name.substring(0, name.indexOf("c_attn"));
            for (int part = 0; part < 3; part++) {
                String which = prefix + "qkv".charAt(part) + "_proj";
                if (name.endsWith("bias")) {
                    separate.put(which + ".bias", new long[] {d},
                            java.util.Arrays.copyOfRange(v, part * d, (part + 1) * d));
                } else {
                    // Conv1D [in, 3d] -> three nn.Linear [out = d, in = d].
                    float[] w = new float[d * d];
                    for (int o = 0; o < d; o++) {
                        for (int i = 0; i < d; i++) {
                            w[o * d + i] = v[i * 3 * d + part * d + o];
                        }
                    }
                    separate.put(which + ".weight", new long[] {d, d}, w);
                }
            }
        }
        DecoderSpec spec = DecoderSpec.of(separate, DecoderPreset.GPT2, DecoderPreset.GPT2.names(),
                new DecoderOptions(4, 0, 1e-5, 10000));
        assertFalse(spec.fusedQkv());
        DecoderForwardPass.Result split = local(new DecoderSimulation(7, spec, separate, fused.tokens(), digital(),
                TILING, true, 0));
        assertEquals(List.of("block0.attn.q", "block0.attn.k", "block0.attn.v", "block0.attn.o"),
                split.matrices().subList(0, 4).stream().map(LayerOutcome::kind).toList());
        double[][] reference = DecoderReference.gpt2(tensors, 2, 32, 4, 128, VOCAB, fused.tokens().ids(), LENGTH, 1e-5);
        assertClose(reference, split.idealLogits(), "gpt2 with separate q, k, v");
    }

    @Test
    void llamaWithTheDigitalPlatformMatchesAnIndependentFloat64Reference() {
        DecoderSimulation sim = simulation(LLAMA, digital(), true);
        DecoderForwardPass.Result r = local(sim);
        double[][] reference = DecoderReference.llama(sim.tensors(), 2, 32, 4, 2, 44, VOCAB, sim.tokens().ids(),
                LENGTH, 1e-5, 10000);
        assertClose(reference, r.idealLogits(), "llama ideal chain");
        assertClose(reference, r.physicalLogits(), "llama physical chain");
        assertEquals(List.of("block0.attn.q", "block0.attn.k", "block0.attn.v", "block0.attn.o", "block0.mlp.gate",
                "block0.mlp.up", "block0.mlp.down"),
                r.matrices().subList(0, 7).stream().map(LayerOutcome::kind).toList());
        assertEquals("head", r.matrices().get(14).kind());
        assertEquals(14, r.matrices().get(14).spec().index());
    }

    @Test
    void digitalPlatformAgreesWithTheDigitalModelAndANoisyCrossbarDegradesIt() {
        for (SyntheticDecoder model : List.of(GPT2, LLAMA)) {
            TaskMetrics exact = local(simulation(model, digital(), true)).head();
            assertEquals(1.0, exact.top1Agreement(), model.preset() + ": top-1 agreement");
            assertTrue(Math.abs(exact.klDivergence()) < 1e-10, model.preset() + ": KL " + exact.klDivergence());
            assertEquals(exact.accuracyDigital(), exact.accuracy(), 0.0);
            assertEquals(BATCH * LENGTH, exact.positions());
            assertEquals(BATCH * (LENGTH - 1), exact.labelled(), "next-token labels: the last position has none");

            DecoderForwardPass.Result noisy = local(simulation(model, noisyCrossbar(), true));
            double agreement = noisy.head().top1Agreement();
            assertTrue(agreement < 1, model.preset() + ": agreement " + agreement);
            assertTrue(noisy.head().klDivergence() > 1e-4, model.preset() + ": KL " + noisy.head().klDivergence());
            for (LayerOutcome o : noisy.matrices()) {
                assertTrue(o.local().relativeL2Error() > 1e-3, o.kind() + " local error");
                assertTrue(o.energyJoules() > 0 && o.areaSquareMeters() > 0, o.kind() + " cost");
            }
            assertArrayEquals(local(simulation(model, digital(), true)).idealLogits(), noisy.idealLogits(),
                    "the ideal chain does not depend on the medium");
        }
    }

    @Test
    void resultsDoNotDependOnThePartitionCount() {
        // One block each keeps the Spark jobs few; the tiles are the same machinery in every block.
        for (SyntheticDecoder model : List.of(
                new SyntheticDecoder(DecoderPreset.GPT2, 32, 1, 4, 4, 128, VOCAB, LENGTH, true),
                new SyntheticDecoder(DecoderPreset.LLAMA, 32, 1, 4, 2, 44, VOCAB, LENGTH, false))) {
            DecoderSimulation sim = simulation(model, noisyCrossbar(), true);
            DecoderForwardPass.Result reference = local(sim);
            for (int partitions : new int[] {1, 3}) {
                DecoderForwardPass.Result distributed = DecoderForwardPass.run(sim, new SparkStageExecutor(jsc),
                        partitions, (o, n) -> { });
                String at = model.preset() + ", " + partitions + " partitions";
                DistributedForwardPassTest.assertIdentical(reference.matrices(), distributed.matrices(), at);
                assertArrayEquals(reference.physicalLogits(), distributed.physicalLogits(), at);
                assertEquals(reference.head(), distributed.head(), at);
            }
        }
    }

    @Test
    void aSequenceLongerThanGpt2PositionsIsRefused() {
        InMemoryTensors tensors = GPT2.tensors(7);
        DecoderSpec spec = DecoderSpec.of(tensors, DecoderPreset.GPT2, DecoderPreset.GPT2.names(),
                new DecoderOptions(4, 0, 1e-5, 10000));
        ConfigException e = assertThrows(ConfigException.class, () -> new DecoderSimulation(7, spec, tensors,
                TokenBatch.synthetic(7, 1, LENGTH + 1, VOCAB), digital(), TILING, true, 0));
        assertEquals("model.decoder.sequence-length = 8: allowed at most the model's 7 positions (tensor"
                + " transformer.wpe.weight)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** Relative L2 error and relative max error of the logits, both within 1e-5. */
    private static void assertClose(double[][] reference, float[] logits, String what) {
        double err = 0;
        double ref = 0;
        double maxErr = 0;
        double maxRef = 0;
        for (int n = 0; n < reference.length; n++) {
            for (int v = 0; v < VOCAB; v++) {
                double e = logits[n * VOCAB + v] - reference[n][v];
                err += e * e;
                ref += reference[n][v] * reference[n][v];
                maxErr = Math.max(maxErr, Math.abs(e));
                maxRef = Math.max(maxRef, Math.abs(reference[n][v]));
            }
        }
        assertEquals(BATCH * LENGTH * VOCAB, logits.length);
        assertTrue(Math.sqrt(err / ref) < 1e-5, what + ": relative L2 error " + Math.sqrt(err / ref));
        assertTrue(maxErr / maxRef < 1e-5, what + ": relative max error " + maxErr / maxRef);
        assertTrue(maxRef > 0.1, what + ": logits must not be trivially small, max " + maxRef);
    }
}
