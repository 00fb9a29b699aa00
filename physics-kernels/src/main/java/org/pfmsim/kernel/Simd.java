package org.pfmsim.kernel;

/**
 * Whether the hot loops may use Java's incubating Vector API (jdk.incubator.vector): only when the JVM was
 * started with the module (Spark's launcher adds it to every driver and executor, and so do the test
 * argLine and scripts/pfm) and {@code -Dpfm.simd=false} is not set. Every vector kernel has a scalar twin
 * computing the same IEEE operations in the same order, so results are identical either way; tests
 * check each pair bit for bit.
 */
public final class Simd {
    public static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("pfm.simd"));

    private Simd() {
    }
}
