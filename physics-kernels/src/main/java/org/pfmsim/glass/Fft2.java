package org.pfmsim.glass;

import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_2D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Unnormalized 2-D complex FFTs of row-major interleaved (re, im) double arrays, one thread each (JTransforms;
 * the choice against the alternatives is measured in package-info). Plans are cached per thread and shape
 * because building one costs about as much as a transform.
 */
final class Fft2 {
    private static final ThreadLocal<Map<Long, DoubleFFT_2D>> PLANS = ThreadLocal.withInitial(HashMap::new);

    static {
        // One thread per Spark task (the task slots already use every core), like Nd4jThreads for BLAS.
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final DoubleFFT_2D plan;

    Fft2(int rows, int cols) {
        plan = PLANS.get().computeIfAbsent((long) rows << 32 | cols, k -> new DoubleFFT_2D(rows, cols));
    }

    /** In place: a[k] = sum_n a[n] exp(-2 pi i k.n / N). */
    void forward(double[] interleaved) {
        plan.complexForward(interleaved);
    }

    /** In place, without the 1/N factor (callers fold it into their spectral multiplier). */
    void inverseUnscaled(double[] interleaved) {
        plan.complexInverse(interleaved, false);
    }
}
