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
        return new ConfigException(key + " = " + value + ": allowed " + allowed);
    }
}
