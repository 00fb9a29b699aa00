package org.pfmsim.config;

/**
 * Invalid user input, detected before any work starts. The message is one line naming the config key,
 * the offending value and what is allowed, e.g.
 * {@code platform.crossbar.adc.bits = 0: allowed integers 1 to 24}.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException of(String key, Object value, String allowed) {
        return new ConfigException(key + " = " + printable(value) + ": allowed " + allowed);
    }

    /** Longest value echoed whole; a longer one is cut and its length given. */
    static final int MAX_ECHO_CHARS = 100;

    /**
     * The value as it can be echoed on one line of a terminal: control characters (newline, NUL, escape...)
     * written as Java escapes, so a hostile value cannot break the one-line contract or the terminal, and
     * values longer than {@value #MAX_ECHO_CHARS} characters cut with their length.
     */
    static String printable(Object value) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < Math.min(s.length(), MAX_ECHO_CHARS); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (s.length() > MAX_ECHO_CHARS) {
            b.append("... (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }
}
