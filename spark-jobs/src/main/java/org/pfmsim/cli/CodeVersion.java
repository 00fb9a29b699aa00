package org.pfmsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version recorded with every run ({@code code_version}): the jar's Implementation-Version (or "dev"
 * outside a jar) and the commit it was built from, e.g. {@code 0.1.0-SNAPSHOT+1a2b3c4}, with {@code -dirty}
 * when the build had uncommitted changes; the commit comes from {@code org/pfmsim/git.properties}, written
 * at build time, and is left out when the build had no git checkout.
 */
final class CodeVersion {
    private CodeVersion() {
    }

    static String get() {
        String v = CodeVersion.class.getPackage().getImplementationVersion();
        String version = v == null ? "dev" : v;
        Properties git = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("/org/pfmsim/git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            return version; // no commit to name
        }
        String commit = git.getProperty("git.commit.id.abbrev", "");
        if (commit.isEmpty()) {
            return version;
        }
        return version + "+" + commit + ("true".equals(git.getProperty("git.dirty")) ? "-dirty" : "");
    }
}
