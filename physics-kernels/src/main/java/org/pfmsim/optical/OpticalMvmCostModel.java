package org.pfmsim.optical;

import org.pfmsim.photonics.Photon;
import org.pfmsim.scaling.CostModel;
import org.pfmsim.scaling.ScalingPoint;
import org.pfmsim.scaling.Workload;
import org.pfmsim.scaling.PhotonBudget;
import org.pfmsim.scaling.ConverterCost;
import org.pfmsim.config.Checks;

/**
 * Optical matrix-vector multiplier: weights as transmissions of a pixelated mask, inputs as the
 * intensities of modulated light, each output the photocurrent of one detector summing its row of
 * products. Per MAC:
 * <ul>
 *   <li>optical: SNR^2 / d detected photons (shot-noise limit, {@link PhotonBudget}) at the wall-plug
 *       cost of a detected photon; d is the layer width: row tiles summed digitally still add up to
 *       d x photons per MAC detected photons per output, so the Poisson SNR is the same;</li>
 *   <li>converters: one DAC conversion per input per tile, shared by the tile's columns, and one ADC
 *       conversion per output per tile, shared by its rows: E_DAC / cols + FOM 2^bits / rows.</li>
 * </ul>
 * Latency of a layer: the optical path n L / c plus one DAC and one ADC sample; layers in sequence.
 * Throughput: one token per conversion period per layer (light in flight is pipelined). Area: one mask
 * pixel of pitch^2 per weight. Tiles: ceil(d/rows) x ceil(d/cols) per layer (the optics' field size).
 *
 * @param photons          photon budget at the detectors
 * @param converters       electronic edge
 * @param tileRows         inputs one optical tile accepts
 * @param tileCols         outputs one optical tile produces
 * @param pixelPitchMeters pitch of one weight pixel, m
 * @param pathLengthMeters optical path through one layer, m
 * @param refractiveIndex  group index along the path
 */
public record OpticalMvmCostModel(PhotonBudget photons, ConverterCost converters, int tileRows, int tileCols,
                                  double pixelPitchMeters, double pathLengthMeters, double refractiveIndex)
        implements CostModel {
    private static final String P = "platform.optical-mvm.";

    public OpticalMvmCostModel {
        Checks.intRange(P + "tile-rows", tileRows, 1, 1 << 30);
        Checks.intRange(P + "tile-cols", tileCols, 1, 1 << 30);
        Checks.positive(P + "pixel-pitch-meters", pixelPitchMeters);
        Checks.nonNegative(P + "path-length-meters", pathLengthMeters);
        if (!(refractiveIndex >= 1) || !Double.isFinite(refractiveIndex)) {
            throw org.pfmsim.config.ConfigException.of(P + "refractive-index", refractiveIndex, "a finite number >= 1");
        }
    }

    @Override
    public String platform() {
        return OpticalMvmPlatform.KIND;
    }

    /** Optical (laser wall-plug) energy per MAC at fan-in {@code width}, J. */
    public double opticalEnergyPerMacJoules(long width) {
        return photons.photonsPerMac(width) * photons.wallPlugJoulesPerDetectedPhoton();
    }

    @Override
    public ScalingPoint cost(Workload w) {
        double rows = Math.min(tileRows, w.width());
        double cols = Math.min(tileCols, w.width());
        double energy = opticalEnergyPerMacJoules(w.width())
                + converters.dacEnergyJoules() / cols + converters.adcEnergyJoules() / rows;
        double layerSeconds = Photon.transitSeconds(pathLengthMeters, refractiveIndex) + converters.conversionSeconds();
        long tiles = w.tilesPerLayer(tileRows, tileCols) * w.depth();
        double area = (double) w.parameters() * pixelPitchMeters * pixelPitchMeters;
        return new ScalingPoint(platform(), w, tiles, area, Double.NaN, energy, w.depth() * layerSeconds,
                converters.sampleRateHertz());
    }
}
