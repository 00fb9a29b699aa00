package org.pfmsim.bench;

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
import org.pfmsim.weights.SyntheticInputs;
import org.pfmsim.weights.SyntheticWeights;

/**
 * Optical MVM tile forward on one thread, 512 x 512 at batch 256, the defaults of pfm-defaults.conf
 * (exact Poisson shot noise at 1000 photons per MAC, dark counts, read noise, 8-bit modulators and ADCs)
 * in both encodings, beside raw {@code Nd4j.gemm} of the same shape in the same run; also with
 * photons per MAC = 0.01 (every count from the exact inversion / PTRS samplers). Part of
 * {@code scripts/bench kernels}.
 */
public final class OpticalMvmBench {
    static final int N = 512;
    static final int BATCH = 256;

    public static void main(String[] args) {
        Nd4jThreads.useOneThread();
        ModelSpec model = ModelSpec.mlp(N, N, N, 1, false, Activation.RELU, Activation.IDENTITY);
        float[] w = new float[N * N];
        new SyntheticWeights(1, model, 1.0, 0).weights(0, 0, N, 0, N, w);
        float[] x = SyntheticInputs.gaussian(2, BATCH, N);
        float range = 0f;
        for (float v : x) {
            range = Math.max(range, Math.abs(v));
        }
        TileAddress address = new TileAddress(1, 0, 0, 0);
        System.out.println("# optical MVM kernels, 512x512 tile, batch 256, one thread; beside raw Nd4j.gemm, same run");
        double gemm;
        try (INDArray a = Nd4j.create(x, new long[] {BATCH, N}, 'c');
             INDArray b = Nd4j.create(w, new long[] {N, N}, 'c');
             INDArray c = Nd4j.createUninitialized(DataType.FLOAT, BATCH, N)) {
            gemm = Timer.median(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), 2, 7, 0.25);
        }
        double flops = 2.0 * BATCH * N * N;
        ReadRequest read = ReadRequest.of(x, BATCH, range);
        for (OpticalMvmSpec.Encoding encoding : OpticalMvmSpec.Encoding.values()) {
            for (double photons : new double[] {1000, 0.01}) {
                OpticalMvmSpec spec = defaults(encoding).withPhotons(photons, true);
                double forward;
                try (PhysicalTile tile = new OpticalMvmPlatform(spec).program(w, N, N, address)) {
                    forward = Timer.median(() -> tile.forward(read), 2, 7, 0.25);
                }
                System.out.printf(Locale.ROOT, "forward %-12s %7.2f photons/MAC: optical %8.1f us (%5.1f GFLOP/s) | "
                                + "raw gemm %8.1f us (%5.1f GFLOP/s) | optical/gemm throughput %5.1f%%%n",
                        encoding.name().toLowerCase(Locale.ROOT), photons, forward * 1e6, flops / forward / 1e9,
                        gemm * 1e6, flops / gemm / 1e9, 100 * gemm / forward);
            }
        }
    }

    /** The defaults of pfm-defaults.conf. */
    static OpticalMvmSpec defaults(OpticalMvmSpec.Encoding encoding) {
        return new OpticalMvmSpec(1000, true, encoding, 64, 0.01, 3, 0.01,
                new OpticalMvmSpec.DetectorSpec(1, 10, 1e9), new OpticalMvmSpec.DacSpec(true, 8, 0),
                new OpticalMvmSpec.AdcSpec(true, 8, 1.0), OpticalCostSpec.defaults());
    }

    private OpticalMvmBench() {
    }
}
