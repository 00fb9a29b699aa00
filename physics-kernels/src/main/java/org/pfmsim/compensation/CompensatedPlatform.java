package org.pfmsim.compensation;

import org.pfmsim.platform.Characterization;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;

/**
 * A medium with a per-tile tunable correction in its digital periphery: every tile, once programmed, is
 * characterized with its own probes read through the device at the characterization age
 * ({@code compensation.at-seconds}: the same fabricated devices, younger or as old), the correction is fitted
 * from those reads and the digital model's answers only, and every later read is corrected by it.
 *
 * <p>Cost: the correction's digital MACs are counted at the platform's digital addition energy each (a
 * multiply-add of the periphery costs about what the partial-sum addition does at these widths) and added to
 * each read's energy; its latency is pipelined behind the converters and not added. The probing is the tile's
 * {@link Characterization}.
 *
 * @param device        the medium read at the evaluation age
 * @param spec          the correction and its characterization
 */
public record CompensatedPlatform(Platform device, CompensationSpec spec) implements Platform {
    public CompensatedPlatform {
        if (!spec.characterizes() || spec.kind() == CorrectionKind.LOW_RANK) {
            throw new IllegalArgumentException("a per-tile correction is needed, got " + spec.kind());
        }
    }

    @Override
    public String kind() {
        return device.kind();
    }

    @Override
    public PhysicalTile program(float[] weights, int rows, int cols, TileAddress address) {
        PhysicalTile tile = device.program(weights, rows, cols, address);
        TileCharacterization c;
        if (spec.kind() == CorrectionKind.DRIFT_GLOBAL_GAIN || spec.kind() == CorrectionKind.DRIFT_COLUMN_GAIN) {
            // aihwkit's order: the baseline read at at-seconds (after programming), the drifted read now.
            try (PhysicalTile baseline = device.atAge(spec.atSeconds()).program(weights, rows, cols, address)) {
                c = TileCharacterization.drift(spec, baseline, tile, rows, cols, address);
            }
        } else if (spec.atSeconds() == device.ageSeconds()) {
            c = TileCharacterization.of(spec, tile, weights, rows, cols, address);
        } else {
            try (PhysicalTile younger = device.atAge(spec.atSeconds()).program(weights, rows, cols, address)) {
                c = TileCharacterization.of(spec, younger, weights, rows, cols, address);
            }
        }
        return new CompensatedTile(tile, c, partialSumAddEnergyJoules());
    }

    @Override
    public double partialSumAddEnergyJoules() {
        return device.partialSumAddEnergyJoules();
    }

    @Override
    public double fixedInputRange() {
        return device.fixedInputRange();
    }

    @Override
    public double ageSeconds() {
        return device.ageSeconds();
    }

    @Override
    public Platform atAge(double seconds) {
        return new CompensatedPlatform(device.atAge(seconds), spec);
    }

    /** A programmed tile whose reads are corrected digitally. */
    private static final class CompensatedTile implements PhysicalTile {
        private final PhysicalTile tile;
        private final TileCharacterization characterization;
        private final double macEnergyJoules;

        CompensatedTile(PhysicalTile tile, TileCharacterization characterization, double macEnergyJoules) {
            this.tile = tile;
            this.characterization = characterization;
            this.macEnergyJoules = macEnergyJoules;
        }

        @Override
        public int rows() {
            return tile.rows();
        }

        @Override
        public int cols() {
            return tile.cols();
        }

        @Override
        public Readout forward(ReadRequest request) {
            Readout read = tile.forward(request);
            ColumnCorrection correction = characterization.correction();
            float[] y = read.outputs();
            // Only the affine map reads the input sums: gains cost no pass over the inputs.
            double[] sums = correction.kind() == CorrectionKind.COLUMN_AFFINE
                    ? Probes.inputSums(request.inputs(), request.samples(), rows()) : null;
            correction.apply(y, sums, request.samples());
            double digital = (double) request.measuredSamples() * correction.digitalMacsPerSample(rows())
                    * macEnergyJoules;
            return new Readout(y, read.energyJoules() + digital, read.latencySeconds(), read.inputsClipped(),
                    read.outputsClipped());
        }

        @Override
        public double areaSquareMeters() {
            return tile.areaSquareMeters();
        }

        @Override
        public long stuckDevices() {
            return tile.stuckDevices();
        }

        @Override
        public Characterization characterization() {
            TileCharacterization c = characterization;
            return new Characterization(c.probeReads(), c.energyJoules(), c.latencySeconds(),
                    c.correction().tunableParameters(), c.departure(), c.noiseFloor());
        }

        @Override
        public void close() {
            tile.close();
        }
    }
}
