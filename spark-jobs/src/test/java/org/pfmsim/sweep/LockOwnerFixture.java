package org.pfmsim.sweep;

/** Lock files as another driver would leave them, for tests outside this package. */
public final class LockOwnerFixture {
    private LockOwnerFixture() {
    }

    public static byte[] json(String host, long pid, String startedAt) {
        return new LockOwner(host, pid, null, startedAt, "fixture-token").toJson();
    }

    public static String localHost() {
        return LockOwner.localHost();
    }
}
