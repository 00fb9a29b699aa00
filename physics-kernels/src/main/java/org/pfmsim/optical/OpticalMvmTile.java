package org.pfmsim.optical;

import org.pfmsim.converters.Converters;
import org.pfmsim.kernel.TileMatrix;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;

/**
 * A programmed glass block and its forward and cost faces.
 *
 * <p>Forward, per sample: input modulators set intensities from v = q(x / range) in [-1, 1] (q the DAC,
 * clipped to [-1, 1] because a modulator cannot pass more than the laser's light); each voxel passes the
 * fraction T of the light reaching it; detector j collects sum_i intensity_i T_ij. The photon budget
 * phi (detected photons per MAC at full scale) makes the mean count phi sum_i intensity_i T_ij, plus the
 * dark counts; {@link Photodetection} draws the Poisson counts, adds read noise, digitizes, and returns
 * model units. The optics is linear, so the means of every detector come from one or two float gemms of
 * the stacked batch (see {@link TransmissionProgrammer} for the identities).
 *
 * <p>Cost of the measured samples (CW laser and intensity modulators: every channel carries full-scale
 * light whatever its value, the conservative assumption for modulator-based systems):
 * <ul>
 *   <li>laser: optical MACs x phi x h nu / (wall plug x coupling x loss x quantum efficiency), with
 *       4 R C optical MACs per sample for the differential encoding (two input channels, each through T+
 *       and T-) and R C for the offset encoding;</li>
 *   <li>modulators: one conversion per input channel per sample (2R or R), always (the modulator is what
 *       encodes the input; the DAC switch only idealizes its resolution);</li>
 *   <li>ADC: FOM 2^bits per output per sample; offset encoding: R + 2C digital adds per sample for the
 *       offset correction.</li>
 * </ul>
 * Latency: time of flight n L / c plus one detector read per sample. Area: the voxel footprint
 * (R C or 2 R C voxels at the lateral pitch); volume: footprint x path length.
 */
public final class OpticalMvmTile implements PhysicalTile {
    private final OpticalMvmSpec spec;
    private final int rows;
    private final int cols;
    private final TileMatrix signed;
    private final TileMatrix total;
    private final Photodetection detection;
    private long samplesRead;

    OpticalMvmTile(OpticalMvmSpec spec, int rows, int cols, TransmissionProgrammer.Transmissions t,
                   Photodetection detection) {
        this.spec = spec;
        this.rows = rows;
        this.cols = cols;
        this.detection = detection;
        this.signed = TileMatrix.adopt(t.signed(), rows, cols);
        this.total = t.total() == null ? null : TileMatrix.adopt(t.total(), rows, cols);
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
        return 0;
    }

    @Override
    public Readout forward(ReadRequest request) {
        int samples = request.samples();
        if (request.inputs().length != (long) samples * rows) {
            throw new IllegalArgumentException("inputs have " + request.inputs().length + " values, expected "
                    + samples + " x " + rows);
        }
        float[] v = new float[samples * rows];
        long inputsClipped = modulate(request, v);
        float[] signedMean = signed.multiply(v, samples);
        Photodetection.Detected out;
        if (differential()) {
            // The total light P + N = |v| S sets the shot-noise variance; without shot noise only P - N matters.
            float[] totalMean = null;
            if (spec.shotNoise()) {
                for (int k = 0; k < v.length; k++) {
                    v[k] = Math.abs(v[k]);
                }
                totalMean = total.multiply(v, samples);
            }
            out = detection.balanced(signedMean, totalMean, samples, samplesRead, request);
        } else {
            double[] inputSums = new double[samples];
            for (int s = 0; s < samples; s++) {
                inputSums[s] = sum(v, s * rows, (s + 1) * rows);
            }
            out = detection.offset(signedMean, inputSums, samples, samplesRead, request);
        }
        samplesRead += samples;
        int measured = request.measuredSamples();
        return new Readout(out.outputs(), energyJoules(measured), latencySeconds(measured), inputsClipped,
                out.clipped());
    }

    /**
     * v[from] + ... + v[to - 1] in double, as four interleaved running sums added pairwise (one running sum
     * was a serial chain of 512 dependent additions per sample). With a b-bit DAC every v is a float
     * multiple of 2^-(b + 22) of magnitude at most 1, so every partial sum of a row of up to 2^(30 - b)
     * values (2^22 at 8 bits) is exact in a double and the order cannot change the result.
     */
    static double sum(float[] v, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < to; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Modulator settings v in [-1, 1] (DAC quantized when enabled); returns measured inputs clipped. */
    private long modulate(ReadRequest request, float[] v) {
        float[] x = request.inputs();
        float range = request.inputRange();
        if (spec.dac().enabled()) {
            float levels = Converters.levelsPerPolarity(spec.dac().bits());
            Converters.convert(x, v, 0, x.length, levels / range, levels, 1f / levels);
        } else {
            float perUnit = 1f / range;
            for (int k = 0; k < x.length; k++) {
                v[k] = Math.max(-1f, Math.min(1f, x[k] * perUnit));
            }
        }
        return Converters.clipped(x, 0, request.measuredSamples() * rows, range);
    }

    private boolean differential() {
        return spec.encoding() == OpticalMvmSpec.Encoding.DIFFERENTIAL;
    }

    /** Multiply-accumulates the light performs per sample: 4 R C (differential) or R C (offset). */
    public double opticalMacsPerSample() {
        return (differential() ? 4.0 : 1.0) * rows * cols;
    }

    /** Input channels (modulators): 2R (differential) or R (offset). */
    public int inputChannels() {
        return differential() ? 2 * rows : rows;
    }

    /** Energy of reading {@code measured} samples, J. */
    public double energyJoules(int measured) {
        OpticalCostSpec c = spec.cost();
        double laser = opticalMacsPerSample() * spec.photonsPerMac() * c.laserJoulesPerDetectedPhoton(
                spec.lossTransmission()) * spec.drift().laserEnergyGain();
        double modulators = (double) inputChannels() * c.modulatorEnergyJoules();
        double adc = spec.adc().enabled() ? cols * c.adcFomJoulesPerStep() * Math.pow(2, spec.adc().bits()) : 0;
        double offsetCorrection = differential() ? 0 : (rows + 2.0 * cols) * c.digitalAddEnergyJoules();
        return measured * (laser + modulators + adc + offsetCorrection);
    }

    /** Time of flight plus one detector read per sample, s. */
    public double latencySeconds(int measured) {
        return spec.cost().flightSeconds() + measured / spec.detector().rateHertz();
    }

    @Override
    public double areaSquareMeters() {
        double pitch = spec.cost().voxelPitchMeters();
        return (differential() ? 2.0 : 1.0) * rows * cols * pitch * pitch;
    }

    /** The glass block: voxel footprint x optical path length, m^3. */
    public double volumeCubicMeters() {
        return areaSquareMeters() * spec.cost().pathLengthMeters();
    }

    @Override
    public void close() {
        signed.close();
        if (total != null) {
            total.close();
        }
    }
}
