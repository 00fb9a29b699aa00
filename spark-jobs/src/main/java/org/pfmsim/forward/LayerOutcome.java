package org.pfmsim.forward;

import org.pfmsim.platform.Characterization;
import java.util.List;
import org.pfmsim.fidelity.FidelityStats;
import org.pfmsim.grid.TileGrid;
import org.pfmsim.model.LayerSpec;

/**
 * One layer's results on the driver: its output on both chains (batch x cols, after the digital
 * periphery), the local and chain fidelity, and the layer's cost.
 *
 * @param kind            the matrix's name in results: {@code linear} in an MLP, {@code block3.attn.q} ...
 * @param local           physical layer fed the ideal input, against the ideal output
 * @param chain           physical chain against the ideal chain
 * @param energyJoules    all tile reads plus the digital additions of row-tile partials, J
 * @param latencySeconds  slowest tile read of the batch (tiles of a layer work in parallel), s
 * @param calibration     the layer's tiles' characterization before use (tiles probed in parallel)
 */
public record LayerOutcome(LayerSpec spec, String kind, TileGrid grid, float[] physical, float[] ideal,
                           FidelityStats local, FidelityStats chain, double energyJoules, double latencySeconds,
                           double areaSquareMeters, long inputsClipped, long outputsClipped,
                           List<TileSample> tileSamples, double wallSeconds, Characterization calibration) {
    private static final float[] NONE = new float[0];

    /** An outcome of tiles used as fabricated. */
    public LayerOutcome(LayerSpec spec, String kind, TileGrid grid, float[] physical, float[] ideal,
                        FidelityStats local, FidelityStats chain, double energyJoules, double latencySeconds,
                        double areaSquareMeters, long inputsClipped, long outputsClipped,
                        List<TileSample> tileSamples, double wallSeconds) {
        this(spec, kind, grid, physical, ideal, local, chain, energyJoules, latencySeconds, areaSquareMeters,
                inputsClipped, outputsClipped, tileSamples, wallSeconds, Characterization.NONE);
    }

    /**
     * The same outcome without its activations (empty arrays): what the driver keeps of layers it has moved
     * past, so that a 10^12-parameter run holds two layers' activations, not every layer's.
     */
    public LayerOutcome withoutActivations() {
        return new LayerOutcome(spec, kind, grid, NONE, NONE, local, chain, energyJoules, latencySeconds,
                areaSquareMeters, inputsClipped, outputsClipped, tileSamples, wallSeconds, calibration);
    }
}
