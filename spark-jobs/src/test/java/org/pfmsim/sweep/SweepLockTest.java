package org.pfmsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep lock on the local Hadoop file system: exclusive, refuses or waits, heartbeats, takes over stale locks. */
class SweepLockTest {
    private static final SweepLock.Timing FAST = new SweepLock.Timing(0.1, 2, 0.05);
    private static final String SINCE = "2026-11-22T10:00:00Z";

    @TempDir
    java.nio.file.Path dir;
    private FileSystem fs;
    private Path lock;
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
        lock = new Path(dir.resolve("_sweep_locks").resolve("s1.lock").toUri());
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private SweepLock acquire(boolean wait) throws IOException {
        return SweepLock.acquire(fs, lock, "sweep s1", FAST, wait, messages::add);
    }

    /** A lock file as another driver would have left it, its heartbeat {@code ageSeconds} old. */
    private void foreignLock(String host, long pid, double ageSeconds) throws IOException {
        foreignLock(host, pid, ageSeconds, false);
    }

    private void foreignLock(String host, long pid, double ageSeconds, boolean overwrite) throws IOException {
        LockOwner owner = new LockOwner(host, pid, null, SINCE, "foreign-token");
        try (OutputStream out = fs.create(lock, overwrite)) {
            out.write(owner.toJson());
        }
        fs.setTimes(lock, System.currentTimeMillis() - Math.round(ageSeconds * 1000), -1);
    }

    /**
     * Eight threads try the lock at the same instant; returns the locks won. Every other attempt was refused:
     * any failure but {@link SweepLockedException} fails the test here.
     */
    private List<SweepLock> race() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SweepLock>> attempts = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            attempts.add(pool.submit(() -> {
                start.await();
                try {
                    return acquire(false);
                } catch (SweepLockedException e) {
                    return null;
                }
            }));
        }
        start.countDown();
        List<SweepLock> held = new ArrayList<>();
        for (Future<SweepLock> f : attempts) {
            SweepLock l = f.get(30, TimeUnit.SECONDS);
            if (l != null) {
                held.add(l);
            }
        }
        return held;
    }

    @Test
    void ofManyRacingProcessesExactlyOneTakesTheLock() throws Exception {
        for (int round = 0; round < 10; round++) {
            lock = new Path(dir.resolve("race-" + round + ".lock").toUri());
            List<SweepLock> held = race();
            assertEquals(1, held.size(), "round " + round + ": exactly one holder, the other 7 refused");
            held.get(0).close();
            assertFalse(fs.exists(lock), "closing releases the lock");
        }
        assertEquals(List.of(), messages, "a live holder is never taken over");
    }

    @Test
    void aHeldLockRefusesWithTheOwnerAndTheWayOut() throws IOException {
        foreignLock("other-host", 4242, 0);
        SweepLockedException e = assertThrows(SweepLockedException.class, () -> acquire(false));
        assertEquals("sweep s1 is locked by pid 4242 on other-host since " + SINCE + "; retry later or pass --wait",
                e.getMessage());
        assertTrue(fs.exists(lock), "the holder's lock is untouched");
    }

    @Test
    void aLockWithoutHeartbeatIsTakenOverWithAMessage() throws IOException {
        foreignLock("other-host", 4242, 30);
        try (SweepLock l = acquire(false)) {
            assertNull(l.lostTo());
            assertEquals(1, messages.size(), messages.toString());
            assertTrue(messages.get(0).startsWith("taking over the stale lock of pid 4242 on other-host since "
                    + SINCE + ": no heartbeat for 3"), messages.get(0));
            assertTrue(messages.get(0).endsWith(" s (stale after 2 s)"), messages.get(0));
        }
    }

    @Test
    void aLockWhoseProcessIsGoneFromThisHostIsTakenOverAtOnce() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        foreignLock(LockOwner.localHost(), finished.pid(), 0);
        try (SweepLock l = acquire(false)) {
            assertEquals(List.of("taking over the stale lock of pid " + finished.pid() + " on " + LockOwner.localHost()
                    + " since " + SINCE + ": its process " + finished.pid() + " is no longer running on this host"),
                    messages);
        }
    }

    @Test
    void ofManyProcessesFindingOneStaleLockOneTakesItOver() throws Exception {
        for (int round = 0; round < 5; round++) {
            lock = new Path(dir.resolve("stale-" + round).resolve("s1.lock").toUri());
            messages.clear();
            foreignLock("other-host", 4242, 30);
            List<SweepLock> held = race();
            // Released only once every attempt is over: a lock freed earlier could rightly be taken again.
            held.forEach(SweepLock::close);
            assertEquals(1, held.size(), "round " + round);
            assertEquals(1, messages.size(), "round " + round + ", one takeover: " + messages);
            assertEquals(0, fs.listStatus(lock.getParent()).length, "no takeover marker is left behind");
        }
    }

    @Test
    void theHeartbeatKeepsALiveLockFreshAndNoticesATakeover() throws Exception {
        try (SweepLock l = acquire(false)) {
            fs.setTimes(lock, System.currentTimeMillis() - 60_000, -1);
            Thread.sleep(500);
            long age = System.currentTimeMillis() - fs.getFileStatus(lock).getModificationTime();
            assertTrue(age < 1000, "heartbeat refreshed the lock; age " + age + " ms");
            // Another holder's file replaces ours in place (never absent, so the beat cannot catch a moment
            // with no file and report the lock as removed; a file still being written is waited for).
            foreignLock("other-host", 4242, 0, true);
            Thread.sleep(500);
            assertEquals("pid 4242 on other-host since " + SINCE, l.lostTo());
        }
        assertTrue(fs.exists(lock), "closing a lost lock leaves its new holder's file alone");
    }

    @Test
    void waitingTakesTheLockWhenItsHolderReleasesIt() throws Exception {
        SweepLock first = acquire(false);
        Future<SweepLock> second = pool.submit(() -> acquire(true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (messages.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).startsWith("waiting for the lock held by pid " + ProcessHandle.current().pid()),
                messages.get(0));
        assertFalse(second.isDone(), "still waiting while the lock is held and fresh");
        first.close();
        try (SweepLock l = second.get(20, TimeUnit.SECONDS)) {
            assertNull(l.lostTo());
        }
    }
}
