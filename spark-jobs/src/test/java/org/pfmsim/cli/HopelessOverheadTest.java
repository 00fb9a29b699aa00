package org.pfmsim.cli;

import static org.pfmsim.cli.Hostile.assertNothingPartial;
import static org.pfmsim.cli.Hostile.assertRefused;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tilings legal piece by piece whose fixed costs dwarf their work (no progress in minutes before this check):
 * refused before Spark starts with the estimate, exit 2, nothing written.
 */
class HopelessOverheadTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingWritten() throws IOException {
        assertNothingPartial(dir.resolve("results"));
    }

    @Test
    void oneByOneTilesOnAn8192WideLayerAreRefusedWithTheTileCount() throws IOException {
        Path conf = Hostile.config(dir, "model { width = 8192, depth = 1 }\ntiling { tile-rows = 1, tile-cols = 1 }\n");
        assertRefused(2, "pfm: tiling.tile-rows = 1, tiling.tile-cols = 1: allowed tiles that cut each layer into at"
                + " most 16,777,216 tiles (layer 0, 8192 x 8192, would be 67,108,864 tiles, each with a fixed set-up"
                + " cost dwarfing its 1 devices)", "run", conf.toString());
    }

    @Test
    void aMillionPartitionsOnSixteenTilesAreRefusedWithTheEmptyTasksCost() throws IOException {
        Path conf = Hostile.config(dir, Hostile.SMALL.replace("32", "16") + "tiling.row-tiles-per-unit = 4\n");
        assertRefused(2, "pfm: tiling.partitions = 1000000: allowed at most 1024 or the work units of the widest"
                + " layer (4): each partition beyond them is an empty Spark task of about 5 ms, 5000 s per layer"
                + " here", "run", conf.toString(), "--set", "tiling.partitions=1000000");
    }
}
