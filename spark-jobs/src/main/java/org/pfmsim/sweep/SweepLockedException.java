package org.pfmsim.sweep;

/** A sweep lock is held by a live owner (or was taken over from this process); the sweep did not run. */
public final class SweepLockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SweepLockedException(String message) {
        super(message);
    }
}
