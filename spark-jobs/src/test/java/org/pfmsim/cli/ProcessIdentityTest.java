package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/lib/pids.sh, with which scripts/cluster tells its own processes from whatever now holds a recorded PID:
 * a PID recorded with another start time (the PID was reused since) is not ours, so {@code stop} never signals it
 * and {@code status} never reports it as running.
 */
class ProcessIdentityTest {
    @Test
    void aPidRecordedWithAnotherStartTimeIsNotOursAndOneWithItsOwnIs() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            long pid = sleeper.pid();
            String lib = Path.of("..", "scripts", "lib", "pids.sh").toAbsolutePath().normalize().toString();
            String script = "source " + lib + "; s=$(started " + pid + "); [[ $s =~ ^[0-9]+$ ]] && echo numeric; "
                    + "ours " + pid + " \"$s\" && echo recorded-start; "
                    + "ours " + pid + " $((s - 1)) || echo reused-pid; "
                    + "ours " + pid + " '' && echo no-start-recorded; "
                    + "ours 999999999 '' || echo gone";
            Process check = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
            assertEquals(true, check.waitFor(30, TimeUnit.SECONDS));
            String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("numeric\nrecorded-start\nreused-pid\nno-start-recorded\ngone\n", out);
        } finally {
            sleeper.destroy();
        }
    }
}
