package org.pfmsim.config;

import java.util.List;

/**
 * The typed, read-only view of a resolved config that the physics modules bind their specs from. HOCON is
 * parsed once, at the edge (spark-jobs); platforms see only this interface, so a platform package owns its
 * keys without depending on the config library. Every getter refuses a wrong type with a
 * {@link ConfigException} naming the key, the value and what is allowed.
 */
public interface ConfigView {
    /** Whether {@code key} is present (defaults included). */
    boolean has(String key);

    String string(String key);

    boolean bool(String key);

    /** A whole number that an int holds. */
    int integer(String key);

    /** A whole number that a long holds. */
    long longInteger(String key);

    /** A number other than NaN. */
    double number(String key);

    /** A list of strings. */
    List<String> strings(String key);

    /** A finite number &gt; 0, or the word {@code word} (returned as 0). */
    double numberOr(String key, String word, String allowed);

    /** One of the named choices (config spelling: lower case with hyphens). */
    <E extends Enum<E>> E choice(String key, Class<E> type);
}
