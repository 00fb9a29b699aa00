package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/sweep} stopped by a scheduler's SIGTERM forwards it to the {@code pfm} it runs, waits for it and
 * exits with its status; before, the wrapper died alone and the sweep ran on as an orphan holding its lock. The
 * script runs here against a stand-in {@code scripts/pfm} (a shell that exits 143 on SIGTERM, as pfm does), so
 * the test needs no build.
 */
class SweepScriptSignalTest {
    @TempDir
    Path dir;

    @Test
    void sigtermToTheWrapperStopsThePfmChildAndExits143() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path sweep = Files.copy(Path.of("..", "scripts", "sweep").toAbsolutePath().normalize(),
                scripts.resolve("sweep"), StandardCopyOption.COPY_ATTRIBUTES);
        Path childPid = dir.resolve("child.pid");
        Path pfm = Files.writeString(scripts.resolve("pfm"), "#!/usr/bin/env bash\n"
                + "trap 'echo \"pfm: sweep interrupted by SIGTERM\"; exit 143' TERM\n"
                + "echo $$ > " + childPid + "\n"
                + "for i in $(seq 1 600); do sleep 0.1; done\n");
        Files.setPosixFilePermissions(pfm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = Files.writeString(dir.resolve("s.conf"), "sweep {}\n");
        ProcessBuilder builder = new ProcessBuilder(sweep.toString(), conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("PFM_LOG_DIR", dir.resolve("logs").toString());
        Process wrapper = builder.start();
        for (int i = 0; i < 300 && !(Files.exists(childPid) && Files.size(childPid) > 0); i++) {
            Thread.sleep(50);
        }
        long child = Long.parseLong(Files.readString(childPid).trim());
        assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "pfm is running");

        wrapper.destroy(); // SIGTERM, as a scheduler's timeout sends
        assertTrue(wrapper.waitFor(30, TimeUnit.SECONDS), "the wrapper ends");
        assertEquals(143, wrapper.exitValue(), Files.readString(dir.resolve("out.txt")));
        for (int i = 0; i < 100 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "no orphan pfm left");
        assertTrue(Files.readString(dir.resolve("out.txt")).contains(
                "sweep: exit status 143 (interrupted by a signal; rerun to resume)"), Files.readString(dir.resolve("out.txt")));
    }
}
