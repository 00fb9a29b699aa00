package org.pfmsim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pfmsim.config.ConfigException;
import org.pfmsim.platform.Media;
import org.pfmsim.platform.Medium;

/**
 * Reads HOCON once, at the edge: the user's file and {@code --set} overrides over the documented defaults
 * ({@code pfm-defaults.conf}). Refuses unknown keys (suggesting the nearest known one) and values of the
 * wrong type, each with a one-line message naming the key, the value and what is allowed.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "pfm-defaults.conf";

    private ConfigLoader() {
    }

    public static RunConfig load(String path, List<String> overrides) {
        return resolve(parseFile(path), overrides);
    }

    /** The user's settings (overrides first) over the defaults, checked and typed. */
    public static RunConfig resolve(Config user, List<String> overrides) {
        Config full = merge(user, overrides, DEFAULTS_RESOURCE);
        return ConfigBinder.bind(new TypedConfig(full), json(full), hash(full.withoutPath("output")));
    }

    /**
     * Another command's config: the file and overrides over the documented defaults in
     * {@code defaultsResource}, with the same checks (unknown keys, lists for single values).
     */
    static Config loadAgainst(String path, List<String> overrides, String defaultsResource) {
        return merge(parseFile(path), overrides, defaultsResource);
    }

    private static Config parseFile(String path) {
        File file = new File(path);
        if (!file.isFile()) {
            throw new ConfigException("config file " + path + " does not exist or is not a file");
        }
        try {
            return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("config file " + path + " is not valid HOCON: " + oneLine(e.getMessage()));
        }
    }

    private static Config merge(Config user, List<String> overrides, String defaultsResource) {
        Config merged = user;
        for (String o : overrides) {
            merged = parseOverride(o).withFallback(merged);
        }
        Config defaults = defaults(defaultsResource);
        try {
            merged = merged.resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("config cannot be resolved: " + oneLine(e.getMessage()));
        }
        rejectUnknownKeys(merged, defaults, defaultsResource);
        return merged.withFallback(defaults).resolve();
    }

    static Config defaults() {
        return defaults(DEFAULTS_RESOURCE);
    }

    /**
     * The documented defaults of a command: its own resource, over every registered medium's fragment
     * ({@code platform.<kind>.*}) of that command (run keys under {@value #DEFAULTS_RESOURCE}, scaling keys
     * under {@code scaling-defaults.conf}).
     */
    private static Config defaults(String resource) {
        Config defaults = resource(resource);
        for (Medium medium : Media.all()) {
            defaults = defaults.withFallback(resource(mediumResource(medium, resource)));
        }
        return defaults;
    }

    private static String mediumResource(Medium medium, String commandResource) {
        return commandResource.equals(DEFAULTS_RESOURCE) ? medium.runDefaultsResource()
                : medium.scalingDefaultsResource();
    }

    private static Config resource(String name) {
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), name,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** The file that lists {@code key} with its default: its medium's fragment, else the command's own. */
    private static String listedIn(String key, String commandResource) {
        for (Medium medium : Media.all()) {
            if (key.startsWith(medium.keyPrefix())) {
                String r = mediumResource(medium, commandResource);
                return r.substring(r.lastIndexOf('/') + 1);
            }
        }
        return commandResource;
    }

    static Config parseOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + override + ": allowed key=value");
        }
        String key = override.substring(0, eq).trim();
        String value = override.substring(eq + 1).trim();
        try {
            return ConfigFactory.parseString(key + " = " + value,
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF));
        } catch (com.typesafe.config.ConfigException e) {
            // Not a HOCON value (e.g. a path with ':'): take it as a quoted string.
            return ConfigFactory.parseMap(Map.of(key, value));
        }
    }

    private static void rejectUnknownKeys(Config user, Config defaults, String defaultsResource) {
        Set<String> known = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : defaults.entrySet()) {
            known.add(e.getKey());
        }
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String key = e.getKey();
            if (!known.contains(key)) {
                String nearest = Nearest.of(key, known);
                throw new ConfigException("unknown config key " + key
                        + (nearest == null ? "" : " (did you mean " + nearest + "?)")
                        + ": every key is listed with its default in "
                        + listedIn(nearest == null ? key : nearest, defaultsResource));
            }
            ConfigValueType expected = defaults.getValue(key).valueType();
            ConfigValueType actual = e.getValue().valueType();
            if (actual == ConfigValueType.LIST && expected != ConfigValueType.LIST) {
                throw ConfigException.of(key, e.getValue().render(ConfigRenderOptions.concise()),
                        "a single " + expected.name().toLowerCase(java.util.Locale.ROOT) + " value");
            }
        }
    }

    private static String json(Config c) {
        return c.root().render(ConfigRenderOptions.concise().setFormatted(false));
    }

    static String hash(Config c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json(c).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
