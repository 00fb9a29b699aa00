package org.pfmsim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pfmsim.config.ConfigException;

/**
 * Parses the user's HOCON files with what HOCON itself would let through closed off: an {@code include} must
 * name an existing file in the directory of the config that the user named (or below it), resolved against that
 * directory, never a URL, a classpath resource or a path outside (HOCON would skip a missing include silently,
 * read {@code /etc/passwd}, or fetch {@code url("http://...")}); and a file or {@code --set} value may nest at
 * most {@value #MAX_DEPTH} objects or lists deep, since the parser recurses once per level (a 2,000-deep file
 * overflows its stack).
 */
final class ConfigFiles {
    /** Deepest nesting of objects and lists accepted; pfm's deepest key path has 5 levels. */
    static final int MAX_DEPTH = 64;

    private ConfigFiles() {
    }

    /**
     * Parses {@code file}, which exists, as HOCON.
     *
     * @param what how messages name it ("config file", "sweep config file", "sweep.base")
     */
    static Config parse(File file, String what) {
        Path dir;
        try {
            dir = file.getAbsoluteFile().toPath().getParent().toRealPath();
        } catch (IOException e) {
            throw new ConfigException(what + " " + file + " cannot be read: " + ConfigLoader.oneLine(e.getMessage()));
        }
        String text = read(file.toPath(), what);
        checkDepth(text, what + " " + file);
        try {
            return ConfigFactory.parseString(text, options(new Includer(dir, what + " " + file))
                    .setOriginDescription(file.getPath()));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(what + " " + file + " is not valid HOCON: "
                    + ConfigLoader.oneLine(e.getMessage()));
        }
    }

    /** Parses one {@code --set key=value} text; includes are refused there (no file to be next to). */
    static Config parseOverride(String text, String what) {
        checkDepth(text, what);
        return ConfigFactory.parseString(text, options(new Includer(null, what)));
    }

    private static ConfigParseOptions options(Includer includer) {
        return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)
                .setIncluder(includer);
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) { // MalformedInputException for non-UTF-8 bytes
            throw new ConfigException(what + " " + file + " cannot be read as UTF-8 text: "
                    + ConfigLoader.oneLine(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Refuses text nesting deeper than {@value #MAX_DEPTH}, counting the brackets HOCON would (outside quoted
     * strings, triple-quoted strings and comments), before the recursive parser sees it.
     */
    static void checkDepth(String text, String what) {
        int depth = 0;
        int deepest = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (text.startsWith("\"\"\"", i)) {
                    int end = text.indexOf("\"\"\"", i + 3);
                    i = end < 0 ? n : end + 2;
                } else {
                    for (i++; i < n && text.charAt(i) != '"' && text.charAt(i) != '\n'; i++) {
                        if (text.charAt(i) == '\\') {
                            i++;
                        }
                    }
                }
            } else if (c == '#' || (c == '/' && text.startsWith("//", i))) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        if (deepest > MAX_DEPTH) {
            throw new ConfigException(what + " nests objects or lists " + deepest + " levels deep: allowed at most "
                    + MAX_DEPTH);
        }
    }

    /** Resolves every kind of include against one directory, or refuses it. */
    private record Includer(Path dir, String what)
            implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {

        @Override
        public ConfigIncluder withFallback(ConfigIncluder fallback) {
            return this; // HOCON's own resolution (URLs, classpath, silently missing files) never applies
        }

        @Override
        public ConfigObject include(ConfigIncludeContext context, String name) {
            return includeFile(context, new File(name));
        }

        @Override
        public ConfigObject includeFile(ConfigIncludeContext context, File name) {
            if (dir == null) {
                throw refused(name, "no include in a --set value");
            }
            Path file = dir.resolve(name.toPath());
            if (!Files.isRegularFile(file)) {
                throw refused(name, "an existing file in " + dir + " (there is none)");
            }
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                throw refused(name, "a readable file in " + dir + " (" + ConfigLoader.oneLine(e.getMessage()) + ")");
            }
            if (!real.startsWith(dir)) {
                throw refused(name, "a file in " + dir + ", the config's directory, or below it (" + real
                        + " is outside)");
            }
            String text = read(real, "included file");
            checkDepth(text, "included file " + real);
            return ConfigFactory.parseString(text, options(this).setOriginDescription(real.toString())).root();
        }

        @Override
        public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
            throw refused(url, "a file next to the config, never a URL");
        }

        @Override
        public ConfigObject includeResources(ConfigIncludeContext context, String name) {
            throw refused(name, "a file next to the config, never a classpath resource");
        }

        private ConfigException refused(Object name, String allowed) {
            return ConfigException.of("include in " + what, name, allowed);
        }
    }
}
