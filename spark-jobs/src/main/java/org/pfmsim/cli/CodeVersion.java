package org.pfmsim.cli;

/** The version recorded with every run: the jar's Implementation-Version, or "dev" outside a jar. */
final class CodeVersion {
    private CodeVersion() {
    }

    static String get() {
        String v = CodeVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
