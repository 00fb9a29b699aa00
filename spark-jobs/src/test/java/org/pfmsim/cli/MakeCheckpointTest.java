package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.forward.ForwardPass;
import org.pfmsim.forward.LayerOutcome;
import org.pfmsim.stage.LocalStageExecutor;

/**
 * {@code pfm make-checkpoint} and the shipped conf/checkpoint-mlp.conf: the sample holds the synthetic
 * model of the same widths and seed, so the crossbar run from the checkpoint (every non-ideality on)
 * equals the synthetic run bit for bit: the reader, the [out, in] transposition and the tiling agree.
 */
class MakeCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void shippedCheckpointConfigOnTheSampleEqualsTheSyntheticModelBitForBit() {
        String file = dir.resolve("sample.safetensors").toString();
        PfmCli.Result made = PfmCli.run("make-checkpoint", file, "--widths", "72,80,80,40", "--seed", "7");
        assertEquals(0, made.status(), made.err());
        assertEquals("wrote " + file + ": 3 layers [72, 80, 80, 40], 15,560 parameters, F32\n", made.out());

        List<String> small = List.of("tiling.tile-rows=24", "tiling.tile-cols=16", "batch.size=3");
        RunConfig fromCheckpoint = ConfigLoader.load("../conf/checkpoint-mlp.conf", concat(small,
                "model.checkpoint.path=" + file));
        RunConfig synthetic = ConfigLoader.load("../conf/checkpoint-mlp.conf", concat(small, "model.source=synthetic",
                "model.input-width=72", "model.width=80", "model.output-width=40", "model.depth=3"));
        assertEquals(synthetic.simulation().model(), fromCheckpoint.simulation().model());
        List<LayerOutcome> a = ForwardPass.run(fromCheckpoint.simulation(), new LocalStageExecutor(), 1, (o, n) -> { });
        List<LayerOutcome> b = ForwardPass.run(synthetic.simulation(), new LocalStageExecutor(), 1, (o, n) -> { });
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(b.get(l).physical(), a.get(l).physical(), "layer " + l);
            assertTrue(a.get(l).chain().relativeL2Error() > 0, "the crossbar's non-idealities are on");
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        PfmCli.Result r = PfmCli.run("make-checkpoint", dir.resolve("x").toString(), "--dtype", "F64");
        assertEquals(2, r.status());
        assertEquals("pfm: --dtype F64: allowed F32 F16 BF16. usage: pfm make-checkpoint PATH "
                + "[--widths 256,512,512,10 | --decoder CONFIG] [--dtype F32|F16|BF16] [--seed N]\n", r.err());
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }
}
