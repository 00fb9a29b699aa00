package org.pfmsim.rng;

/** A batch of standard normal input activations, x[s][c] a pure function of (seed, sample, column). */
public final class SyntheticInputs {
    private SyntheticInputs() {
    }

    /** batch x width, row-major. */
    public static float[] gaussian(long seed, int batch, int width) {
        float[] x = new float[Math.multiplyExact(batch, width)];
        for (int s = 0; s < batch; s++) {
            CounterRng.stream(seed, Purpose.INPUTS, 0, s, 0).fillGaussian(x, s * width, width, 0, 0.0, 1.0);
        }
        return x;
    }
}
