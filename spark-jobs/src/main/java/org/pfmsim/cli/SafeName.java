package org.pfmsim.cli;

import java.util.regex.Pattern;
import org.pfmsim.config.ConfigException;

/** Names that become directory names under the output root: no separators, no way out of the root. */
final class SafeName {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private SafeName() {
    }

    static String check(String key, String value) {
        if (!ALLOWED.matcher(value).matches() || value.contains("..")) {
            throw ConfigException.of(key, value, "1-128 letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit, without '..'");
        }
        return value;
    }
}
