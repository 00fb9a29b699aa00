package org.pfmsim.glass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** VolumeGrid geometry: interiors tile the domain exactly once, windows add the halo, segments cover the depth. */
class VolumeGridTest {
    @Test
    void interiorsCoverEveryDomainVoxelExactlyOnceOnRaggedShapes() {
        int[][] shapes = {{100, 37, 5, 16, 3, 2}, {64, 64, 8, 64, 0, 8}, {7, 130, 1, 9, 40, 1}, {300, 5, 97, 31, 2, 10}};
        for (int[] s : shapes) {
            VolumeGrid g = new VolumeGrid(s[0], s[1], s[2], s[3], s[4], s[5]);
            int[] covered = new int[s[0] * s[1]];
            for (int t = 0; t < g.tileCount(); t++) {
                assertEquals(g.interiorX(t) - s[4], g.windowX(t));
                assertTrue(g.windowHeight(t) >= g.interiorHeight(t) + 2 * s[4]);
                assertEquals(VolumeGrid.smooth(g.windowWidth(t)), g.windowWidth(t));
                for (int y = g.interiorY(t); y < g.interiorY(t) + g.interiorHeight(t); y++) {
                    for (int x = g.interiorX(t); x < g.interiorX(t) + g.interiorWidth(t); x++) {
                        covered[y * s[0] + x]++;
                    }
                }
            }
            for (int c : covered) {
                assertEquals(1, c);
            }
            int slices = 0;
            for (int seg = 0; seg < g.segments(); seg++) {
                assertEquals(slices, g.segmentStart(seg));
                slices += g.slicesIn(seg);
            }
            assertEquals(s[2], slices);
        }
    }

    @Test
    void windowsAreRoundedUpToSevenSmoothSizes() {
        assertEquals(84, VolumeGrid.smooth(83));
        assertEquals(63, VolumeGrid.smooth(62));
        assertEquals(1, VolumeGrid.smooth(1));
        assertEquals(120, VolumeGrid.smooth(113));
    }

    @Test
    void badSizesAndIndicesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VolumeGrid(10, 10, 10, 0, 1, 1));
        VolumeGrid g = new VolumeGrid(10, 10, 10, 4, 1, 3);
        assertEquals(9, g.tileCount());
        assertEquals(4, g.segments());
        assertThrows(IndexOutOfBoundsException.class, () -> g.interiorX(9));
        assertThrows(IndexOutOfBoundsException.class, () -> g.segmentStart(4));
    }
}
