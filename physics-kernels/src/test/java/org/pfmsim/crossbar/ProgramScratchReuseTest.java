package org.pfmsim.crossbar;

import org.pfmsim.converters.DacSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;

/**
 * Programming and reading reuse per-thread scratch arrays: a tile must read the same whatever the thread
 * programmed or read before it (larger tiles, other shapes), bit for bit, as on a fresh thread.
 */
class ProgramScratchReuseTest {
    private static final CrossbarSpec EVERYTHING = new CrossbarSpec(0.5e-6, 20e-6, 0.2, 64,
            new CrossbarSpec.Variability(CrossbarSpec.Variability.Model.PROPORTIONAL, 0.03), 1e-3, 1e-3, 0.005,
            new DacSpec(true, 8, 0),
            new CrossbarSpec.WireSpec(CrossbarSpec.WireSpec.Model.FIRST_ORDER, 0.05),
            new CrossbarSpec.AdcSpec(true, 8, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 1.0),
            CrossbarCostSpec.defaults());

    private static Readout programAndRead(CrossbarPlatform platform, int rows, int cols, int batch, long seed) {
        float[] w = CrossbarIdealityTest.gaussian(rows * cols, 1.0, seed);
        float[] x = CrossbarIdealityTest.gaussian(batch * rows, 1.0, seed + 1);
        try (PhysicalTile tile = platform.program(w, rows, cols, new TileAddress(seed, 1, 2, 3))) {
            tile.forward(ReadRequest.of(x, batch, 3f)); // a first read advances the noise counter
            return tile.forward(ReadRequest.of(x, batch, 3f));
        }
    }

    @Test
    void aTileReadsTheSameAfterLargerTilesAsOnAFreshThread() throws Exception {
        CrossbarPlatform platform = new CrossbarPlatform(EVERYTHING);
        Readout fresh;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            fresh = pool.submit(() -> programAndRead(platform, 45, 29, 7, 11)).get();
        } finally {
            pool.shutdown();
        }
        programAndRead(platform, 300, 200, 40, 5); // grows every scratch array past the small tile
        programAndRead(platform, 29, 45, 3, 6);
        Readout reused = programAndRead(platform, 45, 29, 7, 11);
        assertArrayEquals(fresh.outputs(), reused.outputs(), 0f);
        assertEquals(fresh.energyJoules(), reused.energyJoules(), 0.0);
        assertEquals(fresh.outputsClipped(), reused.outputsClipped());
        assertEquals(fresh.inputsClipped(), reused.inputsClipped());
    }

    /** The platform's scratch path programs exactly what the allocating CrossbarProgrammer API returns. */
    @Test
    void scratchProgrammingEqualsTheAllocatingProgrammer() {
        float[] w = CrossbarIdealityTest.gaussian(33 * 21, 1.0, 3);
        TileAddress address = new TileAddress(9, 0, 1, 1);
        DevicePair direct = CrossbarProgrammer.conductances(EVERYTHING, w, 33, 21, address);
        float[] gp = new float[2000];
        float[] gn = new float[2000];
        DevicePair scratch = CrossbarProgrammer.conductances(EVERYTHING, w, 33, 21, address, gp, gn);
        assertArrayEquals(direct.positive(), java.util.Arrays.copyOf(scratch.positive(), 33 * 21), 0f);
        assertArrayEquals(direct.negative(), java.util.Arrays.copyOf(scratch.negative(), 33 * 21), 0f);
        assertEquals(direct.stuckOn(), scratch.stuckOn());
        assertEquals(direct.stuckOff(), scratch.stuckOff());
    }
}
