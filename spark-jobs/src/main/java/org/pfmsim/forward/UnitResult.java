package org.pfmsim.forward;

import java.util.List;
import org.pfmsim.platform.Characterization;

/**
 * The partial sums of one work unit (batch x cols each, float64: the digital accumulation of row-tile
 * partials) and its costs. Units of one column block are added in ascending {@link #rowTileStart}.
 */
public final class UnitResult {
    final long colTile;
    final long rowTileStart;
    final int cols;
    /** Physical chain: physical tiles fed the physical activations. */
    final double[] physical;
    /** Local: physical tiles fed the ideal activations. */
    final double[] local;
    /** Ideal chain: the digital product on the ideal activations. */
    final double[] ideal;
    final long tiles;
    final double energyJoules;
    final double latencySeconds;
    final double areaSquareMeters;
    final long inputsClipped;
    final long outputsClipped;
    final TileSample[] samples;
    /** The unit's tiles' characterization before use (probe reads, their cost, the fitted parameters). */
    final Characterization calibration;

    UnitResult(long colTile, long rowTileStart, int cols, double[] physical, double[] local, double[] ideal,
               long tiles, double energyJoules, double latencySeconds, double areaSquareMeters,
               long inputsClipped, long outputsClipped, List<TileSample> samples) {
        this(colTile, rowTileStart, cols, physical, local, ideal, tiles, energyJoules, latencySeconds,
                areaSquareMeters, inputsClipped, outputsClipped, samples, Characterization.NONE);
    }

    UnitResult(long colTile, long rowTileStart, int cols, double[] physical, double[] local, double[] ideal,
               long tiles, double energyJoules, double latencySeconds, double areaSquareMeters,
               long inputsClipped, long outputsClipped, List<TileSample> samples, Characterization calibration) {
        this.colTile = colTile;
        this.rowTileStart = rowTileStart;
        this.cols = cols;
        this.physical = physical;
        this.local = local;
        this.ideal = ideal;
        this.tiles = tiles;
        this.energyJoules = energyJoules;
        this.latencySeconds = latencySeconds;
        this.areaSquareMeters = areaSquareMeters;
        this.inputsClipped = inputsClipped;
        this.outputsClipped = outputsClipped;
        this.samples = samples.toArray(new TileSample[0]);
        this.calibration = calibration;
    }

    /**
     * Sums the units of one column block in ascending row-tile order: the one fixed order of the digital
     * accumulation, whichever task computed which unit.
     */
    static UnitResult sumColumnBlock(List<UnitResult> units) {
        List<UnitResult> ordered = units.stream()
                .sorted(java.util.Comparator.comparingLong(u -> u.rowTileStart)).toList();
        UnitResult first = ordered.get(0);
        double[] physical = first.physical.clone();
        double[] local = first.local.clone();
        double[] ideal = first.ideal.clone();
        long tiles = 0;
        long inClipped = 0;
        long outClipped = 0;
        double energy = 0;
        double latency = 0;
        double area = 0;
        List<TileSample> samples = new java.util.ArrayList<>();
        Characterization calibration = Characterization.NONE;
        for (int k = 0; k < ordered.size(); k++) {
            UnitResult u = ordered.get(k);
            if (u.colTile != first.colTile) {
                throw new IllegalArgumentException("units of column blocks " + first.colTile + " and " + u.colTile);
            }
            if (k > 0) {
                addInto(physical, u.physical);
                addInto(local, u.local);
                addInto(ideal, u.ideal);
            }
            tiles += u.tiles;
            energy += u.energyJoules;
            latency = Math.max(latency, u.latencySeconds);
            area += u.areaSquareMeters;
            inClipped += u.inputsClipped;
            outClipped += u.outputsClipped;
            samples.addAll(List.of(u.samples));
            calibration = calibration.beside(u.calibration);
        }
        return new UnitResult(first.colTile, first.rowTileStart, first.cols, physical, local, ideal, tiles, energy,
                latency, area, inClipped, outClipped, samples, calibration);
    }

    static void addInto(double[] acc, double[] x) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] += x[k];
        }
    }
}
