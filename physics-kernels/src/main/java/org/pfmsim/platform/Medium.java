package org.pfmsim.platform;

import org.pfmsim.config.ConfigView;
import org.pfmsim.scaling.CostModel;

/**
 * A physical medium a model can be written into: the one unit of extension. A medium's package owns its
 * spec, its defaults, its binding and its closed-form cost model; {@link Media} finds every medium on the
 * class path (Java's {@link java.util.ServiceLoader}, file {@code META-INF/services/org.pfmsim.platform.Medium}),
 * so the engine names none of them. Adding a platform is one package plus one line in that file.
 *
 * <p>Keys: a medium owns {@code platform.<kind>.*}. Its run keys, each with its default and a comment
 * giving its unit and range, are a HOCON fragment on the class path ({@link #runDefaultsResource()}); the
 * keys of the analytic scaling model ({@code pfm scale}) are another ({@link #scalingDefaultsResource()}).
 * Config files are parsed once, at the edge; a medium reads them only through {@link ConfigView}, and its
 * records check ranges, naming the key on failure.
 */
public interface Medium {
    /** The config name, {@code platform.kind}: {@code crossbar}, {@code optical-mvm}, ... */
    String kind();

    /** Class-path resource of the run keys {@code platform.<kind>.*} with their defaults. */
    String runDefaultsResource();

    /**
     * Class-path resource of this medium's keys of the scaling model ({@code pfm scale}), rooted at
     * {@code platform.<kind>}.
     */
    String scalingDefaultsResource();

    /** Binds the scaling keys ({@link #scalingDefaultsResource()}) to the medium's closed-form cost model. */
    CostModel scalingModel(ConfigView config);

    /**
     * Whether this medium is the digital baseline every other medium's scaling rows are compared with
     * (exactly one registered medium is).
     */
    default boolean baseline() {
        return false;
    }

    /**
     * Classes this medium's stages send between tasks (stage inputs and unit results), which the engine
     * registers with its serializer in registry order; none for a tile medium (the engine's own classes).
     */
    default java.util.List<Class<?>> wireClasses() {
        return java.util.List.of();
    }

    /** The common prefix of this medium's keys, {@code platform.<kind>.}. */
    default String keyPrefix() {
        return "platform." + kind() + ".";
    }
}
