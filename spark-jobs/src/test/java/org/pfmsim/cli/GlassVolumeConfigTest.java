package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.forward.StagedRun;
import org.pfmsim.glass.GlassVolume;
import org.pfmsim.volumes.NpyVolume;

/** Binding of platform.glass-volume.*: defaults, the computed halo, a volume from a .npy file. */
class GlassVolumeConfigTest {
    @TempDir
    Path dir;

    /** The glass volume the config binds (a staged medium's model, run through no matrix pass). */
    private static GlassVolume resolve(String hocon) {
        RunConfig c = ConfigLoader.resolve(ConfigFactory.parseString(hocon), List.of());
        return (GlassVolume) ((StagedRun) c.model()).model();
    }

    @Test
    void defaultsBindWithAHaloOfTwiceTheSpreadPerSegment() {
        GlassVolume g = resolve("platform.kind = glass-volume");
        assertEquals(128L * 128 * 32, g.parameters());
        // spread over 32 slices of 2 um at NA 0.45 in n0 1.45: 64 um x 0.3265 + 2 x 1.03 um / 0.45 = 25.5 um
        assertEquals(2 * 51, g.grid().halo());
        assertEquals(160, g.grid().domainX(), "128 voxels plus 16 of absorber on each side");
    }

    @Test
    void aVolumeFromANpyFileTakesTheFilesShape() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (6, 20, 24), }";
        String header = dict + " ".repeat(118 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(128 + 6 * 20 * 24 * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) 118);
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        Path npy = dir.resolve("design.npy");
        Files.write(npy, b.array());
        GlassVolume g = resolve("platform { kind = glass-volume, glass-volume.volume { source = npy, path = \""
                + npy + "\" } }");
        assertTrue(g.design() instanceof NpyVolume);
        assertEquals(6L * 20 * 24, g.parameters());
        assertEquals(24 + 32, g.grid().domainX());
        assertEquals(6, g.grid().depth());
    }
}
