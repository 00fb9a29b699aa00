package org.pfmsim.digital;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;

/** The digital baseline: exact products, energy and latency per MAC of the measured samples. */
class DigitalPlatformTest {
    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void forwardEqualsIdealKernel() {
        DigitalPlatform platform = new DigitalPlatform(DigitalSpec.defaults());
        int[][] shapes = {{9, 13, 5}, {64, 100, 37}, {1, 1, 1}};
        long seed = 10;
        for (int[] s : shapes) {
            int samples = s[0], rows = s[1], cols = s[2];
            float[] w = random(rows * cols, seed++);
            float[] x = random(samples * rows, seed++);
            float[] expected = IdealKernel.multiply(x, samples, rows, w, cols);
            try (PhysicalTile tile = platform.program(w, rows, cols, new TileAddress(1, 0, 0, 0))) {
                w[0] += 1f; // the tile holds its own copy of the weights
                Readout out = tile.forward(ReadRequest.of(x, samples, 1f));
                assertArrayEquals(expected, out.outputs(), 0f);
                assertEquals(0, out.inputsClipped());
                assertEquals(0, out.outputsClipped());
                assertEquals(0, tile.stuckDevices());
            }
        }
    }

    /** 5 measured of 8 samples on a 6 x 4 tile: 5 x 6 x 4 = 120 MACs. */
    @Test
    void energyAndLatencyAreMeasuredMacsTimesPerMacCost() {
        DigitalSpec spec = new DigitalSpec(250e-15, 2e11, 4, 0.03e-12);
        DigitalPlatform platform = new DigitalPlatform(spec);
        int rows = 6, cols = 4, samples = 8, measured = 5;
        try (PhysicalTile tile = platform.program(random(rows * cols, 1), rows, cols, new TileAddress(1, 2, 3, 4))) {
            Readout out = tile.forward(new ReadRequest(random(samples * rows, 2), samples, measured, measured, 1f));
            assertEquals(120 * 250e-15, out.energyJoules(), 1e-12 * 120 * 250e-15);
            assertEquals(120 / 2e11, out.latencySeconds(), 1e-12 * 120 / 2e11);
            assertEquals(samples * cols, out.outputs().length);
            assertEquals(rows * cols * 4 * 0.03e-12, tile.areaSquareMeters(), 1e-12 * rows * cols * 4 * 0.03e-12);
        }
        assertEquals(125e-15, platform.partialSumAddEnergyJoules(), 1e-27);
    }
}
