package org.apache.hadoop.fs;

import java.io.IOException;

/** Hadoop's FSError, whose constructor is package-private: what its local streams throw on a full disk. */
public final class FsErrors {
    private FsErrors() {
    }

    public static Error noSpaceLeft() {
        return new FSError(new IOException("No space left on device"));
    }
}
