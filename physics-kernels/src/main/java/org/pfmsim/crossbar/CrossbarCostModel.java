package org.pfmsim.crossbar;

import org.pfmsim.scaling.CostModel;
import org.pfmsim.scaling.ScalingPoint;
import org.pfmsim.scaling.Workload;
import org.pfmsim.crossbar.CrossbarCostSpec;

/**
 * Crossbar PFM in closed form, the same accounting as the simulator's {@code CrossbarTile} averaged over
 * a layer. Each layer of d x d weights is cut into ceil(d/rows) x ceil(d/cols) tiles, all read at once.
 * Per MAC (one device pair read for one input):
 * <ul>
 *   <li>array (Joule heating during integration, wire losses neglected):
 *       t_int &lt;V^2&gt; (G+ + G-) with &lt;V^2&gt; = V_read^2 x mean-input-square-fraction and, for the
 *       differential pair of the simulator's mapping (one device at gMin + |w|/s (gMax - gMin), the other
 *       at gMin), &lt;G+ + G-&gt; = 2 gMin + mean-weight-fraction (gMax - gMin);</li>
 *   <li>DAC: one conversion per row per tile, shared by the tile's columns: E_DAC / cols;</li>
 *   <li>ADC: one conversion per column per tile, shared by the tile's rows: FOM 2^bits / rows
 *       (Walden figure of merit);</li>
 *   <li>digital partial sums: ceil(d/rows) - 1 additions per output, i.e. E_add (ceil(d/rows) - 1) / d.</li>
 * </ul>
 * Rows and columns are capped at the width when a layer is smaller than a tile. Latency of a layer:
 * t_int + ceil(cols / ADCs per tile) / f_ADC; a token crosses the layers in sequence; each layer's tiles
 * take a new token once they finish the previous one. Area: tiles x (2 rows cols cellArea F^2 +
 * (rows + ADCs) x converter area); both faces from {@link CrossbarCostSpec}, the simulated tile's too.
 */
public record CrossbarCostModel(CrossbarScalingSpec spec) implements CostModel {

    @Override
    public String platform() {
        return CrossbarPlatform.KIND;
    }

    @Override
    public ScalingPoint cost(Workload w) {
        CrossbarCostSpec c = spec.cost();
        double rows = Math.min(spec.tileRows(), w.width());
        double cols = Math.min(spec.tileCols(), w.width());
        double meanPairSiemens = 2 * spec.gMinSiemens() + spec.meanWeightFraction() * (spec.gMaxSiemens() - spec.gMinSiemens());
        double meanVoltageSquare = spec.readVoltageVolts() * spec.readVoltageVolts() * spec.meanInputSquareFraction();
        double array = c.integrationTimeSeconds() * meanVoltageSquare * meanPairSiemens;
        double dac = c.dacEnergyJoules() / cols;
        double adc = c.adcFomJoulesPerStep() * Math.pow(2, spec.adcBits()) / rows;
        double adds = c.digitalAddEnergyJoules() * (Workload.ceilDiv(w.width(), spec.tileRows()) - 1) / (double) w.width();
        double layerSeconds = c.readSecondsPerSample(cols);
        long tiles = w.tilesPerLayer(spec.tileRows(), spec.tileCols()) * w.depth();
        double tileArea = c.tileAreaSquareMeters(spec.tileRows(), spec.tileCols());
        return new ScalingPoint(platform(), w, tiles, tiles * tileArea, Double.NaN, array + dac + adc + adds,
                w.depth() * layerSeconds, 1 / layerSeconds);
    }
}
