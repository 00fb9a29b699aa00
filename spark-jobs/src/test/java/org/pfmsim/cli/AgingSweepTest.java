package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pfmsim.cli.Hostile.SMALL;
import static org.pfmsim.cli.Hostile.assertNothingPartial;
import static org.pfmsim.cli.Hostile.assertRefused;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.compensation.CompensatedPlatform;
import org.pfmsim.compensation.CorrectionKind;
import org.pfmsim.crossbar.CrossbarPlatform;
import org.pfmsim.crossbar.CrossbarProgrammer;
import org.pfmsim.crossbar.CrossbarSpec;
import org.pfmsim.crossbar.DevicePair;
import org.pfmsim.crossbar.aging.PcmAging;
import org.pfmsim.platform.TileAddress;

/**
 * Ages as a sweep axis: the example sweep conf/sweep-aging.conf expands into five points whose crossbars
 * differ only in their age, and the fabricated devices are the same at every point: each device's
 * conductance at age t is its age-0 conductance times ((t + t0) / t0)^-nu with one nu per device.
 */
class AgingSweepTest {
    @TempDir
    Path dir;

    @Test
    void ageSweepReadsTheSameFabricatedDevicesAtEveryPoint() throws IOException {
        Path conf = dir.resolve("sweep.conf");
        String text = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("conf/sweep-aging.conf"))
                .replace("results/sweep-aging", dir.resolve("results").toString());
        Files.writeString(conf, text);
        List<SweepPlan.Point> points = SweepPlan.expand(SweepConfig.load(conf.toString(), List.of()));
        double[] ages = {60, 3600, 86400, 2592000, 31536000};
        // Ages outermost, then without and with the drift compensation, which wraps the same device.
        assertEquals(2 * ages.length, points.size());
        List<CrossbarSpec> specs = new ArrayList<>();
        for (int a = 0; a < ages.length; a++) {
            CrossbarSpec spec = ((CrossbarPlatform) points.get(2 * a).config().simulation().platform()).spec();
            CompensatedPlatform compensated = (CompensatedPlatform) points.get(2 * a + 1).config().simulation()
                    .platform();
            assertEquals(CorrectionKind.DRIFT_GLOBAL_GAIN, compensated.spec().kind());
            assertEquals(spec, ((CrossbarPlatform) compensated.device()).spec(), "the same device, compensated");
            assertEquals(ages[a], spec.aging().seconds());
            assertEquals(PcmAging.NAME, spec.aging().model().configName());
            specs.add(spec);
        }
        CrossbarSpec young = specs.get(0).withAging(specs.get(0).aging().atAge(0));
        for (CrossbarSpec s : specs) {
            assertEquals(young.withAging(young.aging().atAge(s.aging().seconds())).toString(), s.toString(),
                    "the points differ in the age only");
        }
        int rows = 64, cols = 64;
        float[] w = new float[rows * cols];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) Math.sin(0.37 * k);
        }
        TileAddress address = new TileAddress(points.get(0).config().simulation().seed(), 1, 2, 3);
        DevicePair zero = CrossbarProgrammer.conductances(young, w, rows, cols, address);
        double[] nu = null;
        for (int a = 0; a < ages.length; a++) {
            DevicePair old = CrossbarProgrammer.conductances(specs.get(a), w, rows, cols, address);
            double l = Math.log((ages[a] + 20) / 20);
            double[] here = new double[rows * cols];
            for (int k = 0; k < here.length; k++) {
                here[k] = -Math.log((double) old.negative()[k] / zero.negative()[k]) / l;
            }
            if (nu == null) {
                nu = here;
            } else {
                for (int k = 0; k < here.length; k++) {
                    assertEquals(nu[k], here[k], 2e-3, "device " + k + " at " + ages[a] + " s");
                }
            }
        }
    }

    /** Bad aging input on the command line: exit 2, one line, nothing written. */
    @Test
    void negativeAgeAndUnknownModelAreRefusedBeforeSparkStarts() throws IOException {
        String config = Hostile.config(dir, SMALL).toString();
        assertRefused(2, "pfm: platform.crossbar.aging.seconds = -60.0: allowed a finite number >= 0", "run", config,
                "--set", "platform.crossbar.aging.seconds=-60");
        assertRefused(2, "pfm: platform.crossbar.aging.model = drift: allowed one of none pcm hermes rram-cmo", "run",
                config, "--set", "platform.crossbar.aging.model=drift");
        assertNothingPartial(dir.resolve("results"));
    }
}
