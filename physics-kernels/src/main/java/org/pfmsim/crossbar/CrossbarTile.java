package org.pfmsim.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.kernel.NativeArrays;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * A programmed crossbar tile and its forward and cost faces.
 *
 * <p>Forward, per sample: the DAC turns x into row voltages V = q(x / range) V_read; Kirchhoff's current
 * law sums I_j = sum_i V_i (G+_ij - G-_ij) on each column (with wire resistance folded into effective
 * conductances at program time, the network being linear); per-read noise is added; the ADC digitizes
 * I; the result is rescaled to model units, y = I s range / ((gMax - gMin) V_read) with s the tile weight
 * scale.
 *
 * <p>Read noise: each device's conductance fluctuates per read by N(0, (sigma (gMax - gMin))^2),
 * independently (state-independent read noise, as aihwkit's {@code w_noise}). Its effect on column j is
 * exactly Gaussian with variance sigma^2 (gMax - gMin)^2 sum_i 2 V_i^2 (two devices per pair), which is
 * drawn directly: O(samples x cols) instead of O(samples x rows x cols). Noise is not propagated through
 * the wire network (a second-order effect).
 *
 * <p>Cost of the measured samples: array energy t_int sum_s sum_i V_si^2 sum_j (G+_ij + G-_ij) (Joule
 * heating of the devices during integration; wire losses neglected), DAC energy per row conversion,
 * ADC energy FOM 2^bits per conversion (Walden figure of merit); latency per sample t_int plus
 * ceil(cols / ADCs) conversions.
 */
public final class CrossbarTile implements PhysicalTile {
    private final CrossbarSpec spec;
    private final int rows;
    private final int cols;
    private final INDArray effectiveDifference;
    private final float weightScale;
    private final double[] rowConductanceSum;
    private final double maxColumnAbsConductance;
    private final long stuckDevices;
    private final CounterRng readNoise;
    private long samplesRead;

    CrossbarTile(CrossbarSpec spec, int rows, int cols, float[] effectiveDifference, DevicePair devices,
                 TileAddress address) {
        this.spec = spec;
        this.rows = rows;
        this.cols = cols;
        this.weightScale = devices.weightScale();
        this.stuckDevices = devices.stuckOn() + devices.stuckOff();
        this.rowConductanceSum = rowSums(devices, rows, cols);
        this.maxColumnAbsConductance = maxColumnAbs(effectiveDifference, rows, cols);
        this.readNoise = address.stream(Purpose.READ_NOISE);
        this.effectiveDifference = NativeArrays.borrow(effectiveDifference, rows, cols);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public long stuckDevices() {
        return stuckDevices;
    }

    @Override
    public Readout forward(ReadRequest request) {
        int samples = request.samples();
        if (request.inputs().length != (long) samples * rows) {
            throw new IllegalArgumentException("inputs have " + request.inputs().length + " values, expected "
                    + samples + " x " + rows);
        }
        float range = request.inputRange();
        float[] volts = new float[samples * rows];
        long inputsClipped = applyDac(request, volts);
        INDArray v = NativeArrays.borrow(volts, samples, rows);
        float[] current;
        try {
            current = IdealKernel.multiply(v, effectiveDifference);
        } finally {
            NativeArrays.release(v);
        }
        int measured = request.measuredSamples();
        double[] sampleSquares = new double[samples];
        double[] rowSquares = new double[rows];
        squares(volts, samples, measured, sampleSquares, rowSquares);
        float fullScale = spec.adc().enabled() ? adcFullScale(current, request.calibrationStart(), samples) : 0f;
        if (spec.readNoiseSigma() > 0) {
            addReadNoise(sampleSquares, current, samples);
        }
        samplesRead += samples;
        long outputsClipped = 0;
        float toModel = (float) (weightScale * range / (spec.windowSiemens() * spec.readVoltageVolts()));
        int measuredEnd = measured * cols;
        if (spec.adc().enabled()) {
            float levels = Converters.levelsPerPolarity(spec.adc().bits());
            float codesPerAmp = levels / fullScale;
            float modelPerCode = fullScale / levels * toModel;
            for (int k = 0; k < current.length; k++) {
                float i = current[k];
                outputsClipped += k < measuredEnd && Math.abs(i) > fullScale ? 1 : 0;
                current[k] = Converters.code(i, codesPerAmp, levels) * modelPerCode;
            }
        } else {
            for (int k = 0; k < current.length; k++) {
                current[k] *= toModel;
            }
        }
        return new Readout(current, energyJoules(rowSquares, measured), latencySeconds(measured), inputsClipped,
                outputsClipped);
    }

    private long applyDac(ReadRequest request, float[] volts) {
        float[] x = request.inputs();
        float range = request.inputRange();
        float vRead = (float) spec.readVoltageVolts();
        int measuredEnd = request.measuredSamples() * rows;
        long clipped = 0;
        float perUnit = vRead / range;
        if (spec.dac().enabled()) {
            float levels = Converters.levelsPerPolarity(spec.dac().bits());
            float codesPerUnit = levels / range;
            float voltsPerCode = vRead / levels;
            for (int k = 0; k < x.length; k++) {
                float xk = x[k];
                clipped += k < measuredEnd && Math.abs(xk) > range ? 1 : 0;
                volts[k] = Converters.code(xk, codesPerUnit, levels) * voltsPerCode;
            }
        } else {
            for (int k = 0; k < x.length; k++) {
                volts[k] = x[k] * perUnit;
            }
        }
        return clipped;
    }

    private float adcFullScale(float[] current, int calibrationStart, int samples) {
        double fullScale = 0;
        if (spec.adc().range() == CrossbarSpec.AdcSpec.RangeMode.CALIBRATED) {
            float max = 0f;
            for (int k = calibrationStart * cols; k < samples * cols; k++) {
                max = Math.max(max, Math.abs(current[k]));
            }
            fullScale = max;
        }
        if (fullScale == 0) {
            fullScale = spec.readVoltageVolts() * maxColumnAbsConductance;
        }
        if (fullScale == 0) {
            fullScale = spec.readVoltageVolts() * spec.windowSiemens(); // a tile of zero weights
        }
        return (float) (spec.adc().headroom() * fullScale);
    }

    /**
     * Sum of V^2 over each sample's rows (for read noise) and over the measured samples of each row (for
     * array energy), in one pass. Per-row accumulators are independent, so this loop vectorizes where a
     * single running sum would serialize on its own additions.
     */
    private void squares(float[] volts, int samples, int measured, double[] sampleSquares, double[] rowSquares) {
        float[] rowPartial = new float[rows];
        for (int s = 0; s < samples; s++) {
            int base = s * rows;
            float sum = 0f;
            if (s < measured) {
                for (int i = 0; i < rows; i++) {
                    float v = volts[base + i];
                    float v2 = v * v;
                    sum += v2;
                    rowPartial[i] += v2;
                }
                // Flush the float partials every 64 samples to keep their rounding negligible.
                if ((s & 63) == 63 || s == measured - 1) {
                    for (int i = 0; i < rows; i++) {
                        rowSquares[i] += rowPartial[i];
                        rowPartial[i] = 0f;
                    }
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    float v = volts[base + i];
                    sum += v * v;
                }
            }
            sampleSquares[s] = sum;
        }
    }

    private void addReadNoise(double[] sampleSquares, float[] current, int samples) {
        double perDevice = spec.readNoiseSigma() * spec.windowSiemens();
        for (int s = 0; s < samples; s++) {
            double sumSquares = sampleSquares[s];
            double sigmaAmps = perDevice * Math.sqrt(2.0 * sumSquares);
            // Two deviates per 64-bit word; words are numbered per sample so the noise a sample sees
            // depends only on how many samples this tile has read before it.
            long firstWord = (samplesRead + s) * ((cols + 1L) / 2);
            int row = s * cols;
            for (int j = 0; j < cols; j += 2) {
                long wordIndex = firstWord + j / 2;
                long word = readNoise.bits(wordIndex);
                current[row + j] += (float) (sigmaAmps * readNoise.gaussianFromHalf((int) word, 2 * wordIndex));
                if (j + 1 < cols) {
                    current[row + j + 1] += (float) (sigmaAmps
                            * readNoise.gaussianFromHalf((int) (word >>> 32), 2 * wordIndex + 1));
                }
            }
        }
    }

    private double energyJoules(double[] rowSquares, int measured) {
        double arrayJoules = 0;
        for (int i = 0; i < rows; i++) {
            arrayJoules += rowSquares[i] * rowConductanceSum[i];
        }
        CrossbarCostSpec c = spec.cost();
        arrayJoules *= c.integrationTimeSeconds();
        double dac = spec.dac().enabled() ? (double) measured * rows * c.dacEnergyJoules() : 0;
        double adc = spec.adc().enabled()
                ? (double) measured * cols * c.adcFomJoulesPerStep() * Math.pow(2, spec.adc().bits()) : 0;
        return arrayJoules + dac + adc;
    }

    private double latencySeconds(int measured) {
        CrossbarCostSpec c = spec.cost();
        double conversions = Math.ceil((double) cols / c.adcsPerTile());
        return measured * (c.integrationTimeSeconds() + conversions / c.adcSampleRateHertz());
    }

    @Override
    public double areaSquareMeters() {
        CrossbarCostSpec c = spec.cost();
        double f = c.featureSizeMeters();
        double cells = 2.0 * rows * cols * c.cellAreaF2() * f * f;
        return cells + (rows + c.adcsPerTile()) * c.converterAreaSquareMeters();
    }

    @Override
    public void close() {
        NativeArrays.release(effectiveDifference);
    }

    private static double[] rowSums(DevicePair d, int rows, int cols) {
        double[] sums = new double[rows];
        float[] gp = d.positive();
        float[] gn = d.negative();
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = i * cols; j < (i + 1) * cols; j++) {
                s += gp[j] + gn[j];
            }
            sums[i] = s;
        }
        return sums;
    }

    private static double maxColumnAbs(float[] g, int rows, int cols) {
        double[] col = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                col[j] += Math.abs(g[i * cols + j]);
            }
        }
        double max = 0;
        for (double c : col) {
            max = Math.max(max, c);
        }
        return max;
    }
}
