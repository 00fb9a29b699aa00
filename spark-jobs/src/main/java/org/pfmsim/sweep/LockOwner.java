package org.pfmsim.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a sweep lock: written once into the lock file when it is created.
 *
 * @param host         host name of the driver that holds it
 * @param pid          its process id
 * @param processStart when that process started (ISO-8601), to tell a live owner from a reused pid; may be null
 * @param startedAt    when the lock was taken (ISO-8601, UTC)
 * @param token        random identity of this holding, so a holder can tell its lock from a successor's
 */
public record LockOwner(String host, long pid, String processStart, String startedAt, String token) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** This process, taking a lock now. */
    static LockOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new LockOwner(localHost(), self.pid(), self.info().startInstant().map(Instant::toString).orElse(null),
                Instant.now().toString(), UUID.randomUUID().toString());
    }

    /** The name this host gives itself; compared with a lock's host to decide whether its pid can be checked. */
    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // Without a resolvable name the pid cannot be checked; the heartbeat timeout still applies.
            return "unknown-host";
        }
    }

    /**
     * Whether the owner is known to be gone: it ran on this host and its pid is not running, or the pid now
     * belongs to a process started at another time (pid reuse). False when that cannot be known (another host).
     */
    boolean isGoneFromThisHost() {
        if (!host.equals(localHost())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        // The kernel reports start times to clock ticks; a second apart is another process.
        return processStart != null && started.isPresent()
                && Duration.between(Instant.parse(processStart), started.get()).abs().toMillis() > 1000;
    }

    /** "pid 4242 on host-a since 2026-11-22T10:00:00Z". */
    String describe() {
        return "pid " + pid + " on " + host + " since " + startedAt;
    }

    byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The owner in a lock file's bytes, or empty when they do not parse (a lock file still being written). */
    static Optional<LockOwner> parse(byte[] json) {
        try {
            LockOwner o = JSON.readValue(new String(json, StandardCharsets.UTF_8), LockOwner.class);
            return o.host() == null || o.token() == null || o.startedAt() == null ? Optional.empty() : Optional.of(o);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
