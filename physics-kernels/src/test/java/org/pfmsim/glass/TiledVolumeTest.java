package org.pfmsim.glass;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfmsim.fidelity.FidelityStats;
import org.pfmsim.stage.LocalStageExecutor;

/** Tiles with halos and depth segments reproduce the untiled propagation of the same random volume. */
class TiledVolumeTest {
    private static GlassVolumePass.Result untiled;

    @BeforeAll
    static void untiledReference() {
        untiled = GlassVolumePass.run(GlassVolumes.untiled(), new LocalStageExecutor(), 1, (o, n) -> { });
    }

    @Test
    void tiledHaloExchangedRunEqualsTheUntiledRun() {
        int segment = 10;
        int halo = SegmentStage.haloVoxels(GlassVolumes.OPTICS, segment);
        GlassVolume tiledSim = GlassVolumes.sim(37, halo, segment);
        assertTrue(tiledSim.grid().tileCount() == 16 && tiledSim.grid().segments() == 3, "ragged 4 x 4 tiles, 3 segments");
        GlassVolumePass.Result tiled = GlassVolumePass.run(tiledSim, new LocalStageExecutor(), 1, (o, n) -> { });
        double ideal = new FidelityStats().add(untiled.idealExit(), tiled.idealExit()).relativeL2Error();
        double physical = new FidelityStats().add(untiled.physicalExit(), tiled.physicalExit()).relativeL2Error();
        assertTrue(ideal < 1e-4, "ideal chain, tiled vs untiled: " + ideal);
        assertTrue(physical < 1e-4, "physical chain, tiled vs untiled: " + physical);
        double written = new FidelityStats().add(untiled.idealExit(), untiled.physicalExit()).relativeL2Error();
        assertTrue(written > 100 * physical, "the fabrication error (" + written + ") dwarfs the tiling error");
        System.out.printf("tiled vs untiled: ideal %.3g, physical %.3g (halo %d voxels); fabrication effect %.3g%n",
                ideal, physical, halo, written);
    }

    @Test
    void aHaloNarrowerThanTheSpreadIsVisiblyWrong() {
        int segment = 10;
        GlassVolumePass.Result thin = GlassVolumePass.run(GlassVolumes.sim(37, 2, segment), new LocalStageExecutor(), 1,
                (o, n) -> { });
        double error = new FidelityStats().add(untiled.idealExit(), thin.idealExit()).relativeL2Error();
        assertTrue(error > 1e-3, "a 2-voxel halo must not pass the 1e-4 test: " + error);
    }
}
