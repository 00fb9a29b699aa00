package org.pfmsim.forward;

import org.pfmsim.converters.DacSpec;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfmsim.forward.DistributedForwardPassTest.assertIdentical;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.optical.OpticalCostSpec;
import org.pfmsim.optical.OpticalMvmPlatform;
import org.pfmsim.optical.OpticalMvmSpec;
import org.pfmsim.placement.Placement;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.spark.SparkStageExecutor;
import org.pfmsim.stage.LocalStageExecutor;
import org.pfmsim.weights.SyntheticWeights;

/**
 * The optical MVM on Spark: bit-identical to the single-JVM loop for any partition count, in both
 * encodings, with shot noise and every other non-ideality on.
 */
class OpticalDistributedForwardPassTest {
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().config(SparkSessions.conf("optical-distributed-test")
                .setMaster("local[2]")).getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Every non-ideality on (a modest photon budget so shot noise dominates), ragged 3-layer model. */
    static Simulation raggedSimulation(long seed, OpticalMvmSpec.Encoding encoding) {
        ModelSpec model = ModelSpec.mlp(150, 130, 70, 3, true, Activation.RELU, Activation.IDENTITY);
        OpticalMvmSpec optical = new OpticalMvmSpec(20, true, encoding, 32, 0.02, 3, 0.02,
                new OpticalMvmSpec.DetectorSpec(2, 3, 1e9), new DacSpec(true, 6, 0),
                new OpticalMvmSpec.AdcSpec(true, 7, 1.0), OpticalCostSpec.defaults());
        TilingSpec tiling = new TilingSpec(48, 36, 2, Placement.BALANCED, 0);
        return new Simulation(seed, 5, model, new SyntheticWeights(seed, model, 1.0, 0.05),
                new OpticalMvmPlatform(optical), tiling, 0.5);
    }

    @Test
    void distributedOpticalPassEqualsSingleJvmLoopBitForBit() {
        for (OpticalMvmSpec.Encoding encoding : OpticalMvmSpec.Encoding.values()) {
            Simulation sim = raggedSimulation(13, encoding);
            List<LayerOutcome> reference = ForwardPass.run(sim, new LocalStageExecutor(), 1, (o, n) -> { });
            for (LayerOutcome o : reference) {
                assertTrue(o.local().relativeL2Error() > 1e-3, encoding + ": non-idealities must show");
                assertTrue(o.energyJoules() > 0 && o.latencySeconds() > 0 && o.areaSquareMeters() > 0);
            }
            for (int partitions : new int[] {1, 3, 7}) {
                assertIdentical(reference, ForwardPass.run(sim, new SparkStageExecutor(jsc), partitions,
                        (o, n) -> { }), encoding + ", " + partitions + " partitions");
            }
        }
    }
}
