package org.pfmsim.glass;

import org.pfmsim.photonics.Photon;
import org.pfmsim.scaling.CostModel;
import org.pfmsim.scaling.ScalingPoint;
import org.pfmsim.scaling.Workload;
import org.pfmsim.scaling.PhotonBudget;
import org.pfmsim.scaling.ConverterCost;
import org.pfmsim.config.Checks;

/**
 * Glass-volume PFM: one voxel of refractive-index contrast per parameter, so the medium's volume is
 * parameters x pitch^3 (1 um voxels: 10^12 parameters in 1 cm^3, 10^15 in 1 litre, 10^18 in 1 m^3). The
 * volume is taken as a cube that light crosses once per token, in n s / c for side s (1 cm of n = 1.45
 * glass: 48 ps).
 *
 * <p>Light is detected, converted, passed through a digital nonlinearity and re-emitted at
 * {@code readoutStages} planes along the way (0 = after every model layer, as an optical MVM; fewer
 * stages need an optical nonlinearity, which this model does not cost). At every stage each of the d
 * outputs gets SNR^2 detected photons ({@link PhotonBudget}) and one ADC conversion, and each of the d
 * inputs one DAC conversion. Energy per token = stages x d x (SNR^2 x wall-plug energy per detected
 * photon + E_DAC + E_ADC); latency = n s / c + stages x (one DAC and one ADC sample); throughput = one
 * token per conversion period (stages pipelined). Tiles: glass blocks of at most {@code blockVolume}.
 *
 * @param photons              photon budget at the detectors
 * @param converters           electronic edge of each stage
 * @param voxelPitchMeters     voxel pitch, m
 * @param refractiveIndex      group index of the glass
 * @param readoutStages        optical-electronic-optical stages per token; 0 = one per model layer
 * @param blockVolumeCubicMeters largest volume one fabricated block can have, m^3
 */
public record GlassVolumeCostModel(PhotonBudget photons, ConverterCost converters, double voxelPitchMeters,
                                   double refractiveIndex, int readoutStages, double blockVolumeCubicMeters)
        implements CostModel {
    private static final String P = "platform.glass-volume.";

    public GlassVolumeCostModel {
        Checks.positive(P + "voxel-pitch-meters", voxelPitchMeters);
        if (!(refractiveIndex >= 1) || !Double.isFinite(refractiveIndex)) {
            throw org.pfmsim.config.ConfigException.of(P + "refractive-index", refractiveIndex, "a finite number >= 1");
        }
        Checks.intRange(P + "readout-stages", readoutStages, 0, 1 << 30);
        Checks.positive(P + "block-volume-m3", blockVolumeCubicMeters);
    }

    @Override
    public String platform() {
        return GlassVolumeMedium.KIND;
    }

    /** Volume of the medium for {@code parameters} voxels, m^3. */
    public double volumeCubicMeters(long parameters) {
        return parameters * voxelPitchMeters * voxelPitchMeters * voxelPitchMeters;
    }

    /** Side of the cube holding {@code parameters} voxels, m. */
    public double sideMeters(long parameters) {
        return Math.cbrt(parameters) * voxelPitchMeters;
    }

    @Override
    public ScalingPoint cost(Workload w) {
        long stages = readoutStages == 0 ? w.depth() : readoutStages;
        double perOutput = photons.photonsPerOutput() * photons.wallPlugJoulesPerDetectedPhoton()
                + converters.dacEnergyJoules() + converters.adcEnergyJoules();
        double energyPerToken = stages * (double) w.width() * perOutput;
        double volume = volumeCubicMeters(w.parameters());
        double latency = Photon.transitSeconds(sideMeters(w.parameters()), refractiveIndex)
                + stages * converters.conversionSeconds();
        long blocks = (long) Math.ceil(volume / blockVolumeCubicMeters * (1 - 1e-12));
        return new ScalingPoint(platform(), w, Math.max(1, blocks), Double.NaN, volume,
                energyPerToken / w.parameters(), latency, converters.sampleRateHertz());
    }
}
