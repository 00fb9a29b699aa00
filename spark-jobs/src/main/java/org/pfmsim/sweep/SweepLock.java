package org.pfmsim.sweep;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;

/**
 * A lock file that lets one sweep at a time run on an output root, through the Hadoop {@link FileSystem} API
 * (local paths, {@code hdfs://}, ...).
 *
 * <ul>
 *   <li><b>Taking it</b> is an exclusive create ({@link ExclusiveFile}); the file holds its {@link LockOwner}
 *       (host, pid, process start, start time, a random token).</li>
 *   <li><b>Heartbeat</b>: while held, a daemon thread sets the file's modification time every
 *       {@code heartbeatSeconds}; it also notices when the file no longer holds its token (taken over), which
 *       {@link #lostTo()} reports so the sweep stops before its next point.</li>
 *   <li><b>Stale</b>: a lock whose modification time is older than {@code staleSeconds}, or whose owner ran on
 *       this host and is gone (pid not running, or reused by a process started at another time), is taken
 *       over with a message, so a killed driver never leaves a sweep stuck. Hosts must agree on the time to
 *       well within {@code staleSeconds}.</li>
 *   <li><b>Takeover race</b>: of several processes that find the same stale lock, the one that creates the
 *       marker {@code <lock>.takeover-<token>} exclusively deletes it; the others wait or refuse as for a held
 *       lock. The marker is removed at once, and one older than {@code staleSeconds} (its creator died) is
 *       cleared.</li>
 * </ul>
 * A held lock either refuses at once ({@link SweepLockedException}) or, when asked, is waited for, polling
 * every {@code pollSeconds}.
 */
public final class SweepLock implements AutoCloseable {

    /**
     * How the lock keeps time.
     *
     * @param heartbeatSeconds interval between heartbeats, s (> 0)
     * @param staleSeconds     a lock without heartbeat for longer than this is taken over, s (> 2 heartbeats)
     * @param pollSeconds      interval between attempts while waiting, s (> 0)
     */
    public record Timing(double heartbeatSeconds, double staleSeconds, double pollSeconds) {
        public Timing {
            Checks.positive("sweep.lock.heartbeat-seconds", heartbeatSeconds);
            Checks.positive("sweep.lock.poll-seconds", pollSeconds);
            if (!(staleSeconds > 2 * heartbeatSeconds) || !Double.isFinite(staleSeconds)) {
                throw ConfigException.of("sweep.lock.stale-seconds", staleSeconds,
                        "a finite number above twice sweep.lock.heartbeat-seconds (" + heartbeatSeconds + ")");
            }
        }
    }

    private final FileSystem fs;
    private final Path file;
    private final LockOwner owner;
    private final ScheduledExecutorService heartbeat;
    private final Thread releaseOnExit;
    private volatile String lostTo;

    private SweepLock(FileSystem fs, Path file, LockOwner owner, Timing timing) {
        this.fs = fs;
        this.file = file;
        this.owner = owner;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pfm-sweep-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long periodMillis = Math.max(1, Math.round(timing.heartbeatSeconds() * 1000));
        heartbeat.scheduleAtFixedRate(this::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        // A driver stopped by SIGTERM (a scheduler's timeout) frees the lock at once; SIGKILL leaves it to
        // the stale rules.
        this.releaseOnExit = new Thread(this::releaseQuietly, "pfm-sweep-lock-release");
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
    }

    /**
     * Takes the lock {@code file}.
     *
     * @param what     what the lock protects, for messages ("sweep s1 under /data/results")
     * @param wait     wait for a held lock to be released (or to go stale) instead of refusing
     * @param messages one-line notices: waiting, taking over a stale lock
     * @throws SweepLockedException when the lock is held by a live owner and {@code wait} is false
     */
    public static SweepLock acquire(FileSystem fs, Path file, String what, Timing timing, boolean wait,
            Consumer<String> messages) throws IOException {
        LockOwner me = LockOwner.current();
        boolean announced = false;
        while (true) {
            if (ExclusiveFile.create(fs, file, me.toJson())) {
                return new SweepLock(fs, file, me, timing);
            }
            Held held = Held.read(fs, file);
            if (held == null) {
                continue; // released between our create and our read: try again at once
            }
            String stale = held.staleness(timing);
            if (stale != null) {
                if (takeOver(fs, file, held, timing)) {
                    messages.accept("taking over the stale lock of " + held.describe() + ": " + stale);
                    continue;
                }
                if (!fs.exists(file)) {
                    continue; // another process removed it: race for it
                }
            }
            if (!wait) {
                throw new SweepLockedException(what + " is locked by " + held.describe()
                        + "; retry later or pass --wait");
            }
            if (!announced) {
                messages.accept("waiting for the lock held by " + held.describe());
                announced = true;
            }
            sleep(timing.pollSeconds());
        }
    }

    /** Null while the lock is ours; otherwise who (or what) took it. */
    public String lostTo() {
        return lostTo;
    }

    /** Stops the heartbeat and deletes the lock file if it still holds this owner's token. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it releases the lock itself
        }
        releaseQuietly();
    }

    private void releaseQuietly() {
        heartbeat.shutdownNow();
        try {
            Held held = Held.read(fs, file);
            if (held != null && held.isOwnedBy(owner)) {
                fs.delete(file, false);
            }
        } catch (IOException | RuntimeException e) {
            // An undeleted lock of a gone process is taken over by the next sweep.
        }
    }

    private void beat() {
        try {
            Held held = Held.read(fs, file);
            if (held == null || !held.isOwnedBy(owner)) {
                lostTo = held == null ? "nobody (the lock file was removed)" : held.describe();
                heartbeat.shutdown();
                return;
            }
            fs.setTimes(file, System.currentTimeMillis(), -1);
        } catch (IOException | RuntimeException e) {
            // A missed beat is harmless; only staleSeconds without one lets another sweep in.
        }
    }

    /** True when this process deleted the stale lock. */
    private static boolean takeOver(FileSystem fs, Path file, Held held, Timing timing) throws IOException {
        Path marker = new Path(file.getParent(), file.getName() + ".takeover-" + held.identity());
        if (!ExclusiveFile.create(fs, marker, LockOwner.current().toJson())) {
            clearIfOlder(fs, marker, timing.staleSeconds());
            return false;
        }
        try {
            // Still the holding judged stale (not a successor's): only then is it ours to delete.
            Held again = Held.read(fs, file);
            return again != null && again.identity().equals(held.identity()) && fs.delete(file, false);
        } finally {
            fs.delete(marker, false);
        }
    }

    private static void clearIfOlder(FileSystem fs, Path marker, double seconds) throws IOException {
        try {
            if (System.currentTimeMillis() - fs.getFileStatus(marker).getModificationTime() > seconds * 1000) {
                fs.delete(marker, false);
            }
        } catch (FileNotFoundException gone) {
            // the other taker finished
        }
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep(Math.max(1, Math.round(seconds * 1000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a sweep lock", e);
        }
    }

    /** A lock file as found: its owner (empty while being written) and its last heartbeat. */
    private record Held(Optional<LockOwner> owner, long modifiedMillis) {
        /**
         * Null when there is no lock file. The owner is read before the time stamp: if the file is replaced
         * in between (a takeover), the stamp is the newer file's, so the holding looks fresh, never a live
         * successor's owner with its stale predecessor's time (which would let a second taker delete it).
         */
        static Held read(FileSystem fs, Path file) throws IOException {
            try {
                byte[] bytes;
                try (InputStream in = fs.open(file)) {
                    bytes = in.readNBytes(64 * 1024);
                }
                FileStatus status = fs.getFileStatus(file);
                return new Held(LockOwner.parse(bytes), status.getModificationTime());
            } catch (FileNotFoundException gone) {
                return null;
            }
        }

        /** Why this lock may be taken over, or null while its owner may be alive. */
        String staleness(Timing timing) {
            double ageSeconds = (System.currentTimeMillis() - modifiedMillis) / 1000.0;
            if (ageSeconds > timing.staleSeconds()) {
                return String.format(Locale.ROOT, "no heartbeat for %.0f s (stale after %.0f s)", ageSeconds,
                        timing.staleSeconds());
            }
            if (owner.isPresent() && owner.get().isGoneFromThisHost()) {
                return "its process " + owner.get().pid() + " is no longer running on this host";
            }
            return null;
        }

        boolean isOwnedBy(LockOwner me) {
            return owner.isPresent() && owner.get().token().equals(me.token());
        }

        /** Names this holding; an unreadable lock file is named by its time stamp. */
        String identity() {
            return owner.map(LockOwner::token).orElse("unreadable-" + modifiedMillis);
        }

        String describe() {
            return owner.map(LockOwner::describe).orElse("an owner still being recorded");
        }
    }

    /** For messages: the file this lock lives in. */
    public Path file() {
        return file;
    }
}
