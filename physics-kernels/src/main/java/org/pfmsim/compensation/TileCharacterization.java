package org.pfmsim.compensation;

import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;

/**
 * One tile characterized as a lab would: the matrix's probes (this tile's slice of them) read through the
 * programmed device twice, with all its per-read noise and converters (ranges calibrated on the probes
 * themselves), beside the digital model's answers to the same probes. From those reads only, never from the
 * device's hidden state: the tile's per-column correction, its departure and read-noise floor for
 * verification, and what the probing cost.
 *
 * @param correction     the fitted per-column correction (null for kinds that are not per column)
 * @param departure      relative residual power of the first read against the model ({@link Verification})
 * @param noiseFloor     read-noise floor from the two reads
 * @param probeReads     tile reads spent (2 x probes)
 * @param energyJoules   energy of those reads, J
 * @param latencySeconds time of those reads, s
 */
public record TileCharacterization(ColumnCorrection correction, double departure, double noiseFloor,
                                   long probeReads, double energyJoules, double latencySeconds) {

    /**
     * Characterizes {@code tile}, which holds {@code weights} (rows x cols, the digital model's) at rows
     * {@code [rowStart, rowStart + rows)} of matrix {@code matrix} of {@code width} inputs, with the matrix's probes.
     */
    public static TileCharacterization of(CompensationSpec spec, PhysicalTile tile, float[] weights, int rows, int cols,
                                          int rowStart, int width, long seed, int matrix) {
        return of(spec, tile, weights, rows, cols,
                Probes.slice(spec.probeKind(), 0, spec.probes(), width, rowStart, rows, seed, matrix));
    }

    /** Characterizes {@code tile} (holding {@code weights}, rows x cols) with its own probes ({@link Probes#forTile}). */
    public static TileCharacterization of(CompensationSpec spec, PhysicalTile tile, float[] weights, int rows, int cols,
                                          TileAddress address) {
        return of(spec, tile, weights, rows, cols, Probes.forTile(spec.probeKind(), spec.probes(), rows, address));
    }

    /**
     * aihwkit's drift compensation on {@code now}, the tile at the evaluation age: its own probes read through
     * {@code baseline} (the same devices at the characterization age) and through {@code now}; alpha is the
     * ratio of their mean |read| ({@link ColumnCorrection#driftGain}). No digital model is involved, so there is
     * no departure to verify (NaN); the cost counts both reads.
     */
    public static TileCharacterization drift(CompensationSpec spec, PhysicalTile baseline, PhysicalTile now, int rows,
                                             int cols, TileAddress address) {
        int p = spec.probes();
        float[] x = Probes.forTile(spec.probeKind(), p, rows, address);
        Readout before = baseline.forward(ReadRequest.of(x, p, 1f));
        Readout after = now.forward(ReadRequest.of(x, p, 1f));
        return new TileCharacterization(ColumnCorrection.driftGain(spec.kind(), before.outputs(), after.outputs(), p,
                cols), Double.NaN, Double.NaN, 2L * p, before.energyJoules() + after.energyJoules(),
                before.latencySeconds() + after.latencySeconds());
    }

    private static TileCharacterization of(CompensationSpec spec, PhysicalTile tile, float[] weights, int rows,
                                           int cols, float[] x) {
        int p = spec.probes();
        float range = 1f; // every probe entry is -1, 0 or 1
        Readout first = tile.forward(ReadRequest.of(x, p, range));
        Readout second = tile.forward(ReadRequest.of(x, p, range));
        float[] model = IdealKernel.multiply(x, p, rows, weights, cols);
        ColumnCorrection correction = null;
        if (spec.kind() == CorrectionKind.GLOBAL_GAIN || spec.kind() == CorrectionKind.COLUMN_GAIN
                || spec.kind() == CorrectionKind.COLUMN_AFFINE) {
            ColumnStats stats = new ColumnStats(cols).add(first.outputs(), model, Probes.inputSums(x, p, rows), p);
            correction = ColumnCorrection.fit(spec.kind(), stats);
        }
        return new TileCharacterization(correction, Verification.departure(first.outputs(), model),
                Verification.readNoiseFloor(first.outputs(), second.outputs(), model), 2L * p,
                first.energyJoules() + second.energyJoules(), first.latencySeconds() + second.latencySeconds());
    }
}
