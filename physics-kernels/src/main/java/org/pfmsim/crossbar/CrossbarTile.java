package org.pfmsim.crossbar;

import org.pfmsim.converters.Converters;
import org.pfmsim.kernel.Maxima;
import org.pfmsim.kernel.TileMatrix;
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
 * the wire network (a second-order effect). Aged devices ({@link org.pfmsim.crossbar.aging}) add their own
 * state-dependent read noise sigma_ij of each device at the tile's age, independent of the above: column j
 * then has variance sigma^2 (gMax - gMin)^2 sum_i 2 V_i^2 + sum_i V_i^2 (sigma+_ij^2 + sigma-_ij^2), the
 * second term one more product of V^2 with the tile's variance matrix, still one exact Gaussian per column.
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
    private final TileMatrix effectiveDifference;
    private final float weightScale;
    private final double[] rowConductanceSum;
    /** Largest column sum of |G+ - G-|, S; NaN until first needed (see {@link #maxColumnAbsConductance}). */
    private double maxColumnAbsConductance = Double.NaN;
    private final long stuckDevices;
    private final CounterRng readNoise;
    /** sigma+^2 + sigma-^2 per pair at the tile's age, S^2, rows x cols; null for devices that do not age. */
    private final TileMatrix agedReadVariance;
    private long samplesRead;

    /**
     * @param effectiveDifference  G+ - G- with wires, S, rows x cols (the tile owns and closes it)
     * @param rowConductanceSum    sum_j (G+_ij + G-_ij) per row, S, the first rows values (copied)
     * @param agedReadVariance     per-pair read variance of aged devices, S^2, rows x cols, or null (the tile
     *                             owns and closes it)
     */
    CrossbarTile(CrossbarSpec spec, int rows, int cols, TileMatrix effectiveDifference, double[] rowConductanceSum,
                 DevicePair devices, TileAddress address, TileMatrix agedReadVariance) {
        this.spec = spec;
        this.rows = rows;
        this.cols = cols;
        this.weightScale = devices.weightScale();
        this.stuckDevices = devices.stuckOn() + devices.stuckOff();
        this.rowConductanceSum = java.util.Arrays.copyOf(rowConductanceSum, rows);
        this.readNoise = address.stream(Purpose.READ_NOISE);
        this.effectiveDifference = effectiveDifference;
        this.agedReadVariance = agedReadVariance;
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
        float[] volts = VOLTS.get();
        if (volts.length < samples * rows) {
            volts = new float[samples * rows];
            VOLTS.set(volts);
        }
        long inputsClipped = applyDac(request, volts);
        float[] current = effectiveDifference.multiply(volts, samples);
        int measured = request.measuredSamples();
        double[] sampleSquares = new double[samples];
        double[] rowSquares = new double[rows];
        squares(volts, samples, measured, sampleSquares, rowSquares);
        float fullScale = spec.adc().enabled() ? adcFullScale(current, request.calibrationStart(), samples) : 0f;
        float[] columnVariance = agedReadVariance == null ? null : agedColumnVariance(volts, samples);
        long outputsClipped = readOut(current, samples, measured, sampleSquares, columnVariance, fullScale,
                (float) (weightScale * range / (spec.windowSiemens() * spec.readVoltageVolts())));
        samplesRead += samples;
        return new Readout(current, energyJoules(rowSquares, measured), latencySeconds(measured), inputsClipped,
                outputsClipped);
    }

    /** The DAC's output voltages, per thread: a read's largest temporary, reused across tiles. */
    private static final ThreadLocal<float[]> VOLTS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> NORMALS = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * Read noise, ADC and rescaling to model units, one sample (one row of currents, in L1) at a time;
     * returns the measured outputs beyond the ADC's full scale. With the ADC off, currents are only
     * rescaled.
     */
    private long readOut(float[] current, int samples, int measured, double[] sampleSquares, float[] columnVariance,
                         float fullScale, float toModel) {
        boolean noise = spec.readNoiseSigma() > 0 || columnVariance != null;
        double perDevice = spec.readNoiseSigma() * spec.windowSiemens();
        float[] normals = NORMALS.get();
        if (noise && normals.length < cols) {
            normals = new float[cols];
            NORMALS.set(normals);
        }
        boolean adc = spec.adc().enabled();
        float levels = adc ? Converters.levelsPerPolarity(spec.adc().bits()) : 0f;
        float codesPerAmp = adc ? levels / fullScale : 0f;
        float modelPerCode = adc ? fullScale / levels * toModel : 0f;
        long clipped = 0;
        for (int s = 0; s < samples; s++) {
            int row = s * cols;
            if (noise) {
                // Deviates are numbered per sample (cols each), so the noise a sample sees depends only on
                // how many samples this tile has read before it.
                readNoise.fillNormal(normals, 0, cols, (samplesRead + s) * cols);
                if (columnVariance == null) {
                    float sigmaAmps = (float) (perDevice * Math.sqrt(2.0 * sampleSquares[s]));
                    for (int j = 0; j < cols; j++) {
                        current[row + j] += sigmaAmps * normals[j];
                    }
                } else {
                    double stateIndependent = perDevice * perDevice * 2.0 * sampleSquares[s];
                    for (int j = 0; j < cols; j++) {
                        float sigmaAmps = (float) Math.sqrt(stateIndependent + Math.max(columnVariance[row + j], 0f));
                        current[row + j] += sigmaAmps * normals[j];
                    }
                }
            }
            if (adc) {
                if (s < measured) {
                    clipped += Converters.clipped(current, row, row + cols, fullScale);
                }
                Converters.convert(current, current, row, row + cols, codesPerAmp, levels, modelPerCode);
            } else {
                for (int j = 0; j < cols; j++) {
                    current[row + j] *= toModel;
                }
            }
        }
        return clipped;
    }

    /** sum_i V_si^2 (sigma+_ij^2 + sigma-_ij^2) per sample and column, A^2: V^2 times the variance matrix. */
    private float[] agedColumnVariance(float[] volts, int samples) {
        float[] squares = new float[samples * rows];
        for (int k = 0; k < squares.length; k++) {
            squares[k] = volts[k] * volts[k];
        }
        return agedReadVariance.multiply(squares, samples);
    }

    private long applyDac(ReadRequest request, float[] volts) {
        float[] x = request.inputs();
        float range = request.inputRange();
        float vRead = (float) spec.readVoltageVolts();
        if (spec.dac().enabled()) {
            float levels = Converters.levelsPerPolarity(spec.dac().bits());
            Converters.convert(x, volts, 0, x.length, levels / range, levels, vRead / levels);
            return Converters.clipped(x, 0, request.measuredSamples() * rows, range);
        }
        float perUnit = vRead / range;
        for (int k = 0; k < x.length; k++) {
            volts[k] = x[k] * perUnit;
        }
        return 0;
    }

    private float adcFullScale(float[] current, int calibrationStart, int samples) {
        double fullScale = 0;
        if (spec.adc().range() == CrossbarSpec.AdcSpec.RangeMode.CALIBRATED) {
            fullScale = Maxima.maxAbs(current, calibrationStart * cols, samples * cols,
                    org.pfmsim.kernel.Simd.ENABLED);
        }
        if (fullScale == 0) {
            fullScale = spec.readVoltageVolts() * maxColumnAbsConductance();
        }
        if (fullScale == 0) {
            fullScale = spec.readVoltageVolts() * spec.windowSiemens(); // a tile of zero weights
        }
        return (float) (spec.adc().headroom() * fullScale);
    }

    /**
     * Sum of V^2 over each sample's rows (for read noise) and over the measured samples of each row (for
     * array energy). Per-row accumulators are independent, so that loop vectorizes; the per-sample sum uses
     * four partial sums, since a single running sum would serialize on its own additions.
     */
    private void squares(float[] volts, int samples, int measured, double[] sampleSquares, double[] rowSquares) {
        float[] rowPartial = new float[rows];
        for (int s = 0; s < samples; s++) {
            int base = s * rows;
            if (s < measured) {
                for (int i = 0; i < rows; i++) {
                    float v = volts[base + i];
                    rowPartial[i] += v * v;
                }
                // Flush the float partials every 64 samples to keep their rounding negligible.
                if ((s & 63) == 63 || s == measured - 1) {
                    for (int i = 0; i < rows; i++) {
                        rowSquares[i] += rowPartial[i];
                        rowPartial[i] = 0f;
                    }
                }
            }
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            int i = 0;
            for (; i + 3 < rows; i += 4) {
                float v0 = volts[base + i];
                float v1 = volts[base + i + 1];
                float v2 = volts[base + i + 2];
                float v3 = volts[base + i + 3];
                s0 += v0 * v0;
                s1 += v1 * v1;
                s2 += v2 * v2;
                s3 += v3 * v3;
            }
            for (; i < rows; i++) {
                float v = volts[base + i];
                s0 += v * v;
            }
            sampleSquares[s] = (s0 + s1) + (s2 + s3);
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
        return measured * spec.cost().readSecondsPerSample(cols);
    }

    @Override
    public double areaSquareMeters() {
        return spec.cost().tileAreaSquareMeters(rows, cols);
    }

    @Override
    public void close() {
        effectiveDifference.close();
        if (agedReadVariance != null) {
            agedReadVariance.close();
        }
    }

    /**
     * The ADC range of {@link CrossbarSpec.AdcSpec.RangeMode#MAX_CURRENT}, and the calibrated range's fallback
     * for a read whose calibration currents are all zero: formed at the first read that needs it, since a
     * pass over the whole tile for every tile cost 1.7 % of a 10^12 run's CPU.
     */
    private double maxColumnAbsConductance() {
        if (Double.isNaN(maxColumnAbsConductance)) {
            maxColumnAbsConductance = maxColumnAbs(effectiveDifference.values(), rows, cols);
        }
        return maxColumnAbsConductance;
    }

    /** Largest column sum of |G+ - G-|, S (float sums: it only sets a fallback ADC range). */
    private static double maxColumnAbs(float[] g, int rows, int cols) {
        float[] col = new float[cols];
        int done = org.pfmsim.kernel.Simd.ENABLED ? ProgramVector.columnAbsSums(g, rows, cols, col) : 0;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = done; j < cols; j++) {
                col[j] += Math.abs(g[base + j]);
            }
        }
        double max = 0;
        for (float c : col) {
            max = Math.max(max, c);
        }
        return max;
    }
}
