package org.pfmsim.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_2D;
import org.jtransforms.fft.FloatFFT_2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pfmsim.glass.BeamOptics;
import org.pfmsim.glass.SliceStepper;
import org.pfmsim.kernel.Nd4jThreads;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Glass-volume kernels on one thread. Part 1 chooses the FFT: JTransforms (double and float) against a 2-D DFT
 * as ND4J float32 gemms against DFT matrices (Y = F X F, 8 real n^3 gemms); ND4J 1.0.0-M2.1 ships no FFT.
 * Part 2 times one BPM slice step at 1024 x 1024 beside the raw forward + inverse FFT pair of the same size, in
 * the same run. Run by {@code scripts/bench glass}.
 */
public final class GlassBench {
    public static void main(String[] args) {
        Nd4jThreads.useOneThread();
        ConcurrencyUtils.setNumberOfThreads(1);
        System.out.println("# FFT choice: one 2-D complex transform, one thread, median of 7");
        System.out.printf(Locale.ROOT, "%6s %16s %16s %16s%n", "n", "JTransforms f64", "JTransforms f32",
                "ND4J gemm DFT f32");
        for (int n : new int[] {64, 128, 256, 512, 1024}) {
            double d = jtransformsDouble(n);
            double f = jtransformsFloat(n);
            String gemm = n <= 512 ? String.format(Locale.ROOT, "%13.3f ms", gemmDft(n) * 1e3) : "(skipped)";
            System.out.printf(Locale.ROOT, "%6d %13.3f ms %13.3f ms %16s%n", n, d * 1e3, f * 1e3, gemm);
        }
        stepAgainstFftPair(1024);
    }

    static void stepAgainstFftPair(int n) {
        BeamOptics optics = new BeamOptics(1.03e-6, 1.45, 0.5e-6, 2e-6, 0.6, 32, 0.15);
        SliceStepper stepper = new SliceStepper(optics, n, n, 0, 0, n, n);
        double[] field = random(2 * n * n, 1);
        float[] deltaN = new float[n * n];
        for (int i = 0; i < deltaN.length; i++) {
            deltaN[i] = (float) (1e-3 * Math.sin(i * 0.001));
        }
        double[] t = new double[2 * n * n];
        stepper.transmission(deltaN, 0, t);
        DoubleFFT_2D fft = new DoubleFFT_2D(n, n);
        double[] raw = random(2 * n * n, 2);
        double forward = Timer.median(() -> fft.complexForward(raw), 2, 7, 0.5);
        double pair = Timer.median(() -> {
            fft.complexForward(raw);
            fft.complexInverse(raw, false);
        }, 2, 7, 0.5);
        double step = Timer.median(() -> stepper.step(field, t), 2, 7, 0.5);
        double screen = Timer.median(() -> stepper.transmission(deltaN, 0, t), 2, 7, 0.5);
        System.out.printf(Locale.ROOT, "# BPM slice step %dx%d (double), one thread, same run%n", n, n);
        System.out.printf(Locale.ROOT, "raw forward FFT             %8.2f ms%n", forward * 1e3);
        System.out.printf(Locale.ROOT, "raw forward + inverse FFT   %8.2f ms%n", pair * 1e3);
        System.out.printf(Locale.ROOT, "BPM slice step              %8.2f ms  = %.2f x the FFT pair, %.2f x one FFT%n",
                step * 1e3, step / pair, step / forward);
        System.out.printf(Locale.ROOT, "slice transmission (once per slice, shared by the batch) %8.2f ms = %.2f x the"
                + " FFT pair%n", screen * 1e3, screen / pair);
    }

    static double jtransformsDouble(int n) {
        DoubleFFT_2D fft = new DoubleFFT_2D(n, n);
        double[] a = random(2 * n * n, 3);
        return Timer.median(() -> fft.complexForward(a), 1, 7, 0.2);
    }

    static double jtransformsFloat(int n) {
        FloatFFT_2D fft = new FloatFFT_2D(n, n);
        float[] a = new float[2 * n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sin(i);
        }
        return Timer.median(() -> fft.complexForward(a), 1, 7, 0.2);
    }

    /** Complex Y = F X F by real gemms: (Fr + i Fi)(Xr + i Xi), twice, into preallocated outputs. */
    static double gemmDft(int n) {
        float[] fr = new float[n * n];
        float[] fi = new float[n * n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                double angle = -2 * Math.PI * ((long) j * k % n) / n;
                fr[j * n + k] = (float) Math.cos(angle);
                fi[j * n + k] = (float) Math.sin(angle);
            }
        }
        try (INDArray Fr = Nd4j.create(fr, new long[] {n, n}, 'c');
             INDArray Fi = Nd4j.create(fi, new long[] {n, n}, 'c');
             INDArray Xr = Nd4j.rand(DataType.FLOAT, n, n);
             INDArray Xi = Nd4j.rand(DataType.FLOAT, n, n);
             INDArray Tr = Nd4j.createUninitialized(DataType.FLOAT, n, n);
             INDArray Ti = Nd4j.createUninitialized(DataType.FLOAT, n, n);
             INDArray Yr = Nd4j.createUninitialized(DataType.FLOAT, n, n);
             INDArray Yi = Nd4j.createUninitialized(DataType.FLOAT, n, n)) {
            return Timer.median(() -> {
                // T = F X
                Nd4j.gemm(Fr, Xr, Tr, false, false, 1.0, 0.0);
                Nd4j.gemm(Fi, Xi, Tr, false, false, -1.0, 1.0);
                Nd4j.gemm(Fr, Xi, Ti, false, false, 1.0, 0.0);
                Nd4j.gemm(Fi, Xr, Ti, false, false, 1.0, 1.0);
                // Y = T F
                Nd4j.gemm(Tr, Fr, Yr, false, false, 1.0, 0.0);
                Nd4j.gemm(Ti, Fi, Yr, false, false, -1.0, 1.0);
                Nd4j.gemm(Tr, Fi, Yi, false, false, 1.0, 0.0);
                Nd4j.gemm(Ti, Fr, Yi, false, false, 1.0, 1.0);
            }, 1, 7, 0.2);
        }
    }

    private static double[] random(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[length];
        for (int i = 0; i < length; i++) {
            a[i] = r.nextDouble(-1, 1);
        }
        return a;
    }

    private GlassBench() {
    }
}
