package org.pfmsim.bench;

import org.pfmsim.converters.DacSpec;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pfmsim.crossbar.CrossbarCostSpec;
import org.pfmsim.crossbar.CrossbarPlatform;
import org.pfmsim.crossbar.CrossbarSpec;
import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.kernel.Nd4jThreads;
import org.pfmsim.kernel.SmallBatchProduct;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.SyntheticInputs;
import org.pfmsim.weights.SyntheticWeights;

/**
 * Crossbar tile kernels on one thread, each figure beside raw {@code Nd4j.gemm} on the same shapes
 * measured in the same run: forward with every non-ideality on at batch 16 and 256, and programming
 * rate (weights generated, mapped, quantized, varied, defects, IR drop folded). Run by scripts/bench.
 */
public final class KernelBench {
    static final int N = 512;

    public static void main(String[] args) {
        Nd4jThreads.useOneThread();
        CrossbarPlatform platform = new CrossbarPlatform(allNonIdealities());
        ModelSpec model = ModelSpec.mlp(N, N, N, 1, false, Activation.RELU, Activation.IDENTITY);
        SyntheticWeights source = new SyntheticWeights(1, model, 1.0, 0);
        float[] w = new float[N * N];
        source.weights(0, 0, N, 0, N, w);
        TileAddress address = new TileAddress(1, 0, 0, 0);
        System.out.println("# crossbar kernels, 512x512 tile, one thread (CPU time of the thread); every figure beside raw Nd4j.gemm, same run");
        for (int batch : new int[] {16, 256}) {
            float[] x = SyntheticInputs.gaussian(2, batch, N);
            // The reference is the faster of the two output layouts (row-major, and column-major, which
            // hands OpenBLAS the transposed problem and is faster at small batch).
            double gemmRowMajor;
            double gemmColumnMajor;
            try (INDArray a = Nd4j.create(x, new long[] {batch, N}, 'c');
                 INDArray b = Nd4j.create(w, new long[] {N, N}, 'c');
                 INDArray c = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, N}, 'c');
                 INDArray f = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, N}, 'f')) {
                gemmRowMajor = Timer.median(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), 2, 7, 0.25);
                gemmColumnMajor = Timer.median(() -> Nd4j.gemm(a, b, f, false, false, 1.0, 0.0), 2, 7, 0.25);
            }
            double gemm = Math.min(gemmRowMajor, gemmColumnMajor);
            double forward;
            try (PhysicalTile tile = platform.program(w, N, N, address)) {
                ReadRequest read = ReadRequest.of(x, batch, 4f);
                forward = Timer.median(() -> tile.forward(read), 2, 7, 0.25);
            }
            double flops = 2.0 * batch * N * N;
            System.out.printf(Locale.ROOT,
                    "forward batch %3d: crossbar %8.1f us (%5.1f GFLOP/s) | raw gemm %8.1f us (%5.1f GFLOP/s; row-major"
                            + " output %.1f us, column-major %.1f us) | crossbar/gemm throughput %5.1f%%%n",
                    batch, forward * 1e6, flops / forward / 1e9, gemm * 1e6, flops / gemm / 1e9, gemmRowMajor * 1e6,
                    gemmColumnMajor * 1e6, 100 * gemm / forward);
            if (batch <= IdealKernel.SMALL_BATCH_MAX_SAMPLES) {
                // The product the crossbar read uses at this batch, alone: where its margin over gemm comes from.
                double heap = Timer.median(() -> SmallBatchProduct.multiply(x, batch, N, w, N), 2, 7, 0.25);
                System.out.printf(Locale.ROOT, "  heap product (SmallBatchProduct) alone at batch %d: %8.1f us = %5.1f%%"
                        + " of raw gemm's time%n", batch, heap * 1e6, 100 * heap / gemm);
            }
        }
        double program = Timer.median(() -> platform.program(w, N, N, address).close(), 2, 7, 0.5);
        double generateAndProgram = Timer.median(() -> {
            source.weights(0, 0, N, 0, N, w);
            platform.program(w, N, N, address).close();
        }, 2, 7, 0.5);
        double generate = Timer.median(() -> source.weights(0, 0, N, 0, N, w), 2, 7, 0.5);
        double gemm16;
        try (INDArray a = Nd4j.create(SyntheticInputs.gaussian(2, 16, N), new long[] {16, N}, 'c');
             INDArray b = Nd4j.create(w, new long[] {N, N}, 'c');
             INDArray c = Nd4j.createUninitialized(DataType.FLOAT, 16, N)) {
            gemm16 = Timer.median(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), 2, 7, 0.25);
        }
        double weights = (double) N * N;
        System.out.printf(Locale.ROOT, "per 512x512 tile, beside raw Nd4j.gemm at batch 16 on it: %8.1f us%n",
                gemm16 * 1e6);
        System.out.printf(Locale.ROOT, "program (map, levels, variability, defects, IR drop): %8.1f us = %5.2f gemm16 "
                + "| %6.1f M weights/s%n", program * 1e6, program / gemm16, weights / program / 1e6);
        System.out.printf(Locale.ROOT, "generate synthetic weights:                          %8.1f us = %5.2f gemm16 "
                + "| %6.1f M weights/s%n", generate * 1e6, generate / gemm16, weights / generate / 1e6);
        System.out.printf(Locale.ROOT, "generate + program:                                  %8.1f us = %5.2f gemm16 "
                + "| %6.1f M weights/s%n", generateAndProgram * 1e6, generateAndProgram / gemm16,
                weights / generateAndProgram / 1e6);
        OpticalMvmBench.main(args);
    }

    /** The defaults of pfm-defaults.conf: every non-ideality on. */
    static CrossbarSpec allNonIdealities() {
        return new CrossbarSpec(0.5e-6, 20e-6, 0.2, 64,
                new CrossbarSpec.Variability(CrossbarSpec.Variability.Model.PROPORTIONAL, 0.03), 1e-4, 1e-4, 0.005,
                new DacSpec(true, 8, 0),
                new CrossbarSpec.WireSpec(CrossbarSpec.WireSpec.Model.FIRST_ORDER, 0.05),
                new CrossbarSpec.AdcSpec(true, 8, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 1.0),
                CrossbarCostSpec.defaults());
    }

    private KernelBench() {
    }
}
