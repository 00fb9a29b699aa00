package org.pfmsim.cli;

/** A command line that does not parse; {@link Pfm} prints it with the command's usage and exits 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
