package org.pfmsim.scaling;

import org.pfmsim.crossbar.CrossbarCostModel;
import org.pfmsim.glass.GlassVolumeCostModel;
import org.pfmsim.optical.OpticalMvmCostModel;
import org.pfmsim.photonics.Photon;
import org.pfmsim.digital.DigitalCostModel;
import org.pfmsim.crossbar.CrossbarScalingSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pfmsim.crossbar.CrossbarCostSpec;
import org.pfmsim.digital.DigitalSpec;

/** The literature reference points the closed-form scaling model must reproduce (issue 5). */
class ScalingReferencePointsTest {
    static final PhotonBudget BUDGET = new PhotonBudget("p.", 1550e-9, 100, 0.8, 0.25, 0.2);

    static OpticalMvmCostModel optical(ConverterCost converters, int tile) {
        return new OpticalMvmCostModel(BUDGET, converters, tile, tile, 2e-6, 0.01, 1.45);
    }

    static GlassVolumeCostModel glass() {
        return new GlassVolumeCostModel(BUDGET, new ConverterCost("g.", 1e-12, 5e-15, 8, 10e9), 1e-6, 1.45, 0, 1e-3);
    }

    @Test
    void onePhotonAt1550nmCarries1point28e19Joules() {
        double e = Photon.energyJoules(1550e-9);
        assertEquals(1.28e-19, e, 0.005e-19, "h c / lambda to 3 digits");
        assertEquals(1.2816e-19, e, 0.0001e-19);
    }

    @Test
    void opticalEnergyPerMacAtFixedSnrFallsAsOneOverWidth() {
        // ConverterCost off: the shot-noise-limited regime, where only the photon budget costs energy.
        OpticalMvmCostModel model = optical(new ConverterCost("o.", 0, 0, 8, 10e9), 1 << 30);
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (long d = 100; d <= 1_000_000; d *= 3) {
            Workload w = Workload.of(d * d * 4, d, 1);
            double x = Math.log(d);
            double y = Math.log(model.cost(w).energyPerMacJoules());
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        assertEquals(-1, slope, 0.01, "log-log slope of optical energy per MAC against width");
        // and the level: SNR^2 / d photons, each costing h nu / efficiencies
        Workload w = Workload.of(1000L * 1000 * 4, 1000, 1);
        assertEquals(100.0 * 100 / 1000 * Photon.energyJoules(1550e-9) / (0.8 * 0.25 * 0.2),
                model.cost(w).energyPerMacJoules(), 1e-30);
    }

    @Test
    void convertersAddTheirEnergyAmortizedOverTheFanIn() {
        ConverterCost c = new ConverterCost("o.", 1e-12, 5e-15, 8, 10e9);
        OpticalMvmCostModel on = optical(c, 1 << 30);
        OpticalMvmCostModel off = optical(new ConverterCost("o.", 0, 0, 8, 10e9), 1 << 30);
        Workload w = Workload.of(4000L * 4000 * 10, 4000, 1);
        double converterPerMac = on.cost(w).energyPerMacJoules() - off.cost(w).energyPerMacJoules();
        assertEquals((1e-12 + 5e-15 * 256) / 4000, converterPerMac, 1e-22);
    }

    @Test
    void digitalBaselineIs300FemtojoulesPerMac() {
        DigitalCostModel digital = new DigitalCostModel(300e-15, 1e15, 80e9, 8, 0.05e-12);
        Workload w = Workload.of(1_000_000_000_000L, 0, 128);
        ScalingPoint p = digital.cost(w);
        assertEquals(300e-15, p.energyPerMacJoules(), 0);
        assertEquals(0.3, p.energyPerTokenJoules(), 1e-12, "1e12 MACs x 300 fJ");
        assertEquals(13, p.tiles(), "ceil(1e12 / 80e9) chips");
    }

    @Test
    void oneMicronVoxelsHold1e12PerCubicCentimetre1e15PerLitre1e18PerCubicMetre() {
        GlassVolumeCostModel g = glass();
        assertEquals(1e-6, g.volumeCubicMeters(1_000_000_000_000L), 1e-6 * 1e-12);
        assertEquals(1e-3, g.volumeCubicMeters(1_000_000_000_000_000L), 1e-3 * 1e-12);
        assertEquals(1.0, g.volumeCubicMeters(1_000_000_000_000_000_000L), 1e-12);
        Workload litre = Workload.of(1_000_000_000_000_000L, 0, 128);
        assertEquals(1e-3, g.cost(litre).volumeCubicMeters(), 1e-15);
        assertEquals(1, g.cost(litre).tiles(), "one 1-litre block");
    }

    @Test
    void lightCrossesOneCentimetreOfGlassIn48Picoseconds() {
        assertEquals(48e-12, Photon.transitSeconds(0.01, 1.45), 1e-12);
        assertEquals(0.01, glass().sideMeters(1_000_000_000_000L), 1e-12, "1e12 voxels of 1 um: a 1 cm cube");
    }

    @Test
    void glassVolumeLatencyIsTransitPlusOneConversionPerStage() {
        GlassVolumeCostModel g = glass();
        Workload w = Workload.of(1_000_000_000_000L, 0, 128);
        assertEquals(Photon.transitSeconds(0.01, 1.45) + w.depth() * 2 / 10e9, g.cost(w).latencyPerTokenSeconds(), 1e-18);
    }

    @Test
    void crossbarMatchesItsPerCellAccounting() {
        CrossbarCostSpec c = CrossbarCostSpec.defaults();
        CrossbarCostModel m = new CrossbarCostModel(new CrossbarScalingSpec(512, 512, 0.5e-6, 20e-6, 0.2, 8, 0.25, 0.1, c));
        Workload w = Workload.of(2048L * 2048 * 3, 2048, 1);
        ScalingPoint p = m.cost(w);
        double array = 10e-9 * 0.2 * 0.2 * 0.1 * (2 * 0.5e-6 + 0.25 * 19.5e-6);
        double expected = array + 50e-15 / 512 + 5e-15 * 256 / 512 + 30e-15 * 3 / 2048;
        assertEquals(expected, p.energyPerMacJoules(), expected * 1e-12);
        assertEquals(16 * 3, p.tiles());
        assertEquals(3 * (10e-9 + 64 / 1e9), p.latencyPerTokenSeconds(), 1e-18);
        assertEquals(48 * (2.0 * 512 * 512 * 4 * 400e-18 + 520 * 1e-10), p.areaSquareMeters(), 1e-15);
    }

    @Test
    void gridCoversTenDecadesAndEveryPlatformIsComparedWithTheBaseline() {
        ParameterGrid grid = new ParameterGrid(1e9, 1e18, 1);
        assertEquals(10, grid.counts().size());
        assertEquals(1_000_000_000L, grid.counts().get(0));
        assertEquals(1_000_000_000_000_000_000L, grid.counts().get(9));
        DigitalCostModel digital = new DigitalCostModel(300e-15, 1e15, 80e9, 8, 0.05e-12);
        List<ScalingRow> rows = new ScalingStudy(grid, 0, 128, List.of(glass()), digital, 64).rows();
        assertEquals(20, rows.size());
        for (ScalingRow r : rows) {
            assertEquals(r.point().workload().parameters() * 300e-15, r.digitalEnergyPerTokenJoules(),
                    r.digitalEnergyPerTokenJoules() * 1e-12);
            if (r.point().platform().equals("digital")) {
                assertEquals(1, r.advantage(), 1e-12);
            } else {
                assertTrue(r.advantage() > 1, "glass beats 300 fJ/MAC: " + r.advantage());
            }
        }
    }

    @Test
    void calibrationEffortIsProbesTimesTheForwardPassPerTile() {
        CrossbarCostModel crossbar = new CrossbarCostModel(new CrossbarScalingSpec(512, 512, 0.5e-6, 20e-6, 0.2, 8,
                0.25, 0.1, CrossbarCostSpec.defaults()));
        DigitalCostModel digital = new DigitalCostModel(300e-15, 1e15, 80e9, 8, 0.05e-12);
        List<ScalingRow> rows = new ScalingStudy(new ParameterGrid(1e12, 1e12, 1), 0, 128, List.of(crossbar),
                digital, 64).rows();
        ScalingRow cb = rows.get(0);
        ScalingPoint p = cb.point();
        // 1e12 parameters on 512 x 512 tiles: 3.8e6 full tiles (LIFETIME-ANCHORS.md: "3.8 x 10^6 tiles"), a
        // little more with the ragged edge tiles of layers whose width 512 does not divide.
        assertTrue(p.tiles() >= 1e12 / (512 * 512) && p.tiles() < 1.02e12 / (512 * 512), "tiles " + p.tiles());
        assertEquals(64.0 * p.tiles(), cb.calibration().probeReads());
        assertEquals(64 * 1e12 * p.energyPerMacJoules(), cb.calibration().energyJoules(), 1e-9);
        assertEquals(64 * p.latencyPerTokenSeconds() / p.workload().depth(), cb.calibration().deviceSeconds(), 1e-18);
        assertEquals(CalibrationEffort.NONE, rows.get(1).calibration(), "the digital baseline needs no probing");
    }
}
