package org.pfmsim.bench;

import org.pfmsim.converters.DacSpec;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pfmsim.kernel.Nd4jThreads;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.optical.OpticalCostSpec;
import org.pfmsim.optical.OpticalMvmPlatform;
import org.pfmsim.optical.OpticalMvmSpec;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.SyntheticInputs;
import org.pfmsim.weights.SyntheticWeights;

/**
 * Optical MVM tile forward on one thread, 512 x 512 at batch 256 and 16, the defaults of pfm-defaults.conf
 * (exact Poisson shot noise at 1000 photons per MAC, dark counts, read noise, 8-bit modulators and ADCs)
 * in both encodings, beside raw {@code Nd4j.gemm} of the same shape (samples x rows x cols, one gemm) in
 * the same run; also with photons per MAC = 0.01 (every count from the exact inversion sampler). Each
 * ratio is given in wall time and in the thread's CPU time, which time spent waiting for a core on a
 * shared machine does not inflate. Part of {@code scripts/bench kernels}.
 */
public final class OpticalMvmBench {
    static final int N = 512;

    public static void main(String[] args) {
        Nd4jThreads.useOneThread();
        ModelSpec model = ModelSpec.mlp(N, N, N, 1, false, Activation.RELU, Activation.IDENTITY);
        float[] w = new float[N * N];
        new SyntheticWeights(1, model, 1.0, 0).weights(0, 0, N, 0, N, w);
        TileAddress address = new TileAddress(1, 0, 0, 0);
        System.out.println("# optical MVM kernels, 512x512 tile, one thread; beside one raw Nd4j.gemm of the same shape (the faster output layout), "
                + "same run; wall | thread CPU");
        for (int batch : new int[] {256, 16}) {
            float[] x = SyntheticInputs.gaussian(2, batch, N);
            float range = 0f;
            for (float v : x) {
                range = Math.max(range, Math.abs(v));
            }
            double gemm;
            double gemmCpu;
            // The faster of the two output layouts (column-major is faster at small batch).
            try (INDArray a = Nd4j.create(x, new long[] {batch, N}, 'c');
                 INDArray b = Nd4j.create(w, new long[] {N, N}, 'c');
                 INDArray c = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, N}, 'c');
                 INDArray f = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, N}, 'f')) {
                Runnable rowMajor = () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
                Runnable columnMajor = () -> Nd4j.gemm(a, b, f, false, false, 1.0, 0.0);
                gemm = Math.min(Timer.wallMedian(rowMajor, 2, 7, 0.25), Timer.wallMedian(columnMajor, 2, 7, 0.25));
                gemmCpu = Math.min(Timer.median(rowMajor, 1, 7, 0.25), Timer.median(columnMajor, 1, 7, 0.25));
            }
            double flops = 2.0 * batch * N * N;
            ReadRequest read = ReadRequest.of(x, batch, range);
            for (OpticalMvmSpec.Encoding encoding : OpticalMvmSpec.Encoding.values()) {
                for (double photons : new double[] {1000, 0.01}) {
                    OpticalMvmSpec spec = defaults(encoding).withPhotons(photons, true);
                    double forward;
                    double forwardCpu;
                    try (PhysicalTile tile = new OpticalMvmPlatform(spec).program(w, N, N, address)) {
                        forward = Timer.wallMedian(() -> tile.forward(read), 2, 7, 0.25);
                        forwardCpu = Timer.median(() -> tile.forward(read), 1, 7, 0.25);
                    }
                    System.out.printf(Locale.ROOT, "forward batch %3d %-12s %7.2f photons/MAC: optical %8.1f | %8.1f us "
                                    + "(%5.1f GFLOP/s CPU) | raw gemm %8.1f | %8.1f us (%5.1f GFLOP/s CPU) "
                                    + "| optical/gemm throughput %5.1f%% wall, %5.1f%% CPU%n",
                            batch, encoding.name().toLowerCase(Locale.ROOT), photons, forward * 1e6, forwardCpu * 1e6,
                            flops / forwardCpu / 1e9, gemm * 1e6, gemmCpu * 1e6, flops / gemmCpu / 1e9,
                            100 * gemm / forward, 100 * gemmCpu / forwardCpu);
                }
            }
        }
    }

    /** The defaults of pfm-defaults.conf. */
    static OpticalMvmSpec defaults(OpticalMvmSpec.Encoding encoding) {
        return new OpticalMvmSpec(1000, true, encoding, 64, 0.01, 3, 0.01,
                new OpticalMvmSpec.DetectorSpec(1, 10, 1e9), new DacSpec(true, 8, 0),
                new OpticalMvmSpec.AdcSpec(true, 8, 1.0), OpticalCostSpec.defaults());
    }

    private OpticalMvmBench() {
    }
}
