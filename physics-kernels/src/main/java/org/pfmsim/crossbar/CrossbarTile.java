package org.pfmsim.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pfmsim.kernel.IdealKernel;
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
        this.effectiveDifference = Nd4j.create(effectiveDifference, new long[] {rows, cols}, 'c');
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
        float[] current;
        try (INDArray v = Nd4j.create(volts, new long[] {samples, rows}, 'c')) {
            current = IdealKernel.multiply(v, effectiveDifference);
        }
        float fullScale = spec.adc().enabled() ? adcFullScale(current, request.calibrationStart(), samples) : 0f;
        if (spec.readNoiseSigma() > 0) {
            addReadNoise(volts, current, samples);
        }
        samplesRead += samples;
        long outputsClipped = 0;
        float toModel = (float) (weightScale * range / (spec.windowSiemens() * spec.readVoltageVolts()));
        int measuredEnd = request.measuredSamples() * cols;
        if (spec.adc().enabled()) {
            int levels = Converters.levelsPerPolarity(spec.adc().bits());
            for (int k = 0; k < current.length; k++) {
                float i = current[k];
                if (k < measuredEnd && Math.abs(i) > fullScale) {
                    outputsClipped++;
                }
                current[k] = Converters.quantize(i, fullScale, levels) * toModel;
            }
        } else {
            for (int k = 0; k < current.length; k++) {
                current[k] *= toModel;
            }
        }
        int measured = request.measuredSamples();
        return new Readout(current, energyJoules(volts, measured), latencySeconds(measured), inputsClipped,
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
            int levels = Converters.levelsPerPolarity(spec.dac().bits());
            for (int k = 0; k < x.length; k++) {
                if (k < measuredEnd && Math.abs(x[k]) > range) {
                    clipped++;
                }
                volts[k] = Converters.quantize(x[k], range, levels) * perUnit;
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

    private void addReadNoise(float[] volts, float[] current, int samples) {
        double perDevice = spec.readNoiseSigma() * spec.windowSiemens();
        for (int s = 0; s < samples; s++) {
            double sumSquares = 0;
            for (int i = 0; i < rows; i++) {
                double v = volts[s * rows + i];
                sumSquares += v * v;
            }
            double sigmaAmps = perDevice * Math.sqrt(2.0 * sumSquares);
            long first = (samplesRead + s) * cols;
            for (int j = 0; j < cols; j++) {
                current[s * cols + j] += (float) (sigmaAmps * readNoise.gaussian(first + j));
            }
        }
    }

    private double energyJoules(float[] volts, int measured) {
        double arrayJoules = 0;
        for (int s = 0; s < measured; s++) {
            for (int i = 0; i < rows; i++) {
                double v = volts[s * rows + i];
                arrayJoules += v * v * rowConductanceSum[i];
            }
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
        effectiveDifference.close();
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
