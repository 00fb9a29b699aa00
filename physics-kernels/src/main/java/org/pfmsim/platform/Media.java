package org.pfmsim.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.pfmsim.config.ConfigException;

/**
 * The registry of media: every {@link Medium} on the class path, found by {@link ServiceLoader} and listed
 * in kind order (so defaults merge and scaling rows come out in the same order on every machine).
 */
public final class Media {
    private static final List<Medium> ALL = load();

    private Media() {
    }

    private static List<Medium> load() {
        List<Medium> media = new ArrayList<>();
        ServiceLoader.load(Medium.class, Media.class.getClassLoader()).forEach(media::add);
        media.sort(Comparator.comparing(Medium::kind));
        for (int k = 1; k < media.size(); k++) {
            if (media.get(k).kind().equals(media.get(k - 1).kind())) {
                throw new IllegalStateException("two media registered as " + media.get(k).kind() + ": "
                        + media.get(k - 1).getClass().getName() + " and " + media.get(k).getClass().getName());
            }
        }
        if (media.stream().filter(Medium::baseline).count() != 1) {
            throw new IllegalStateException("exactly one registered medium must be the digital baseline, found "
                    + media.stream().filter(Medium::baseline).map(Medium::kind).toList());
        }
        return List.copyOf(media);
    }

    /** Every registered medium, in kind order. */
    public static List<Medium> all() {
        return ALL;
    }

    /** The medium of {@code platform.kind = kind}, or a one-line refusal listing the registered kinds. */
    public static Medium of(String kind) {
        for (Medium m : ALL) {
            if (m.kind().equals(kind)) {
                return m;
            }
        }
        throw ConfigException.of("platform.kind", kind, "one of " + kinds());
    }

    /** The digital baseline of the scaling model. */
    public static Medium baseline() {
        return ALL.stream().filter(Medium::baseline).findFirst().orElseThrow();
    }

    /** The registered kinds, space separated, in kind order. */
    public static String kinds() {
        return ALL.stream().map(Medium::kind).collect(Collectors.joining(" "));
    }
}
