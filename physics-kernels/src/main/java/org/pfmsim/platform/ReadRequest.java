package org.pfmsim.platform;

/**
 * One read of a programmed tile: {@code samples} input vectors applied one after another.
 *
 * <p>The job stacks two batches into one read so each tile is built once: the physical chain's inputs
 * (samples {@code [0, measuredSamples)}) and the ideal chain's inputs (the rest). Only the measured
 * samples count towards energy, latency and clipping statistics; the ideal half stands in for the
 * calibration set that ranges are calibrated on.
 *
 * @param inputs            samples x rows, row-major (c-order), in model units
 * @param samples           number of input vectors
 * @param measuredSamples   leading samples whose cost and clipping are reported
 * @param calibrationStart  first sample of the calibration set (converter ranges)
 * @param inputRange        |x| that maps to the full-scale input (DAC range), model units, &gt; 0
 */
public record ReadRequest(float[] inputs, int samples, int measuredSamples, int calibrationStart, float inputRange) {
    public ReadRequest {
        if (samples <= 0 || measuredSamples < 0 || measuredSamples > samples
                || calibrationStart < 0 || calibrationStart >= samples) {
            throw new IllegalArgumentException("bad sample ranges: samples=" + samples + ", measured="
                    + measuredSamples + ", calibrationStart=" + calibrationStart);
        }
        if (!(inputRange > 0) || !Float.isFinite(inputRange)) {
            throw new IllegalArgumentException("input range must be finite and > 0, got " + inputRange);
        }
    }

    /** A plain read: all samples measured and used for calibration. */
    public static ReadRequest of(float[] inputs, int samples, float inputRange) {
        return new ReadRequest(inputs, samples, samples, 0, inputRange);
    }
}
