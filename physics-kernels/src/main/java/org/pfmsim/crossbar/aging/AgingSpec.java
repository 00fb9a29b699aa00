package org.pfmsim.crossbar.aging;

import java.io.Serializable;
import java.util.Objects;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.config.ConfigView;

/**
 * The crossbar's time axis: which aging model its devices follow and the age, in seconds after
 * programming, at which they are read. Keys {@code platform.crossbar.aging.*}; each model's parameters in
 * its own block ({@code pcm}, {@code hermes}, {@code rram-cmo}), of which only the chosen one is read.
 *
 * @param model   the devices' aging law
 * @param seconds age at which the tile is read, s (&ge; 0; 0 = right after programming)
 */
public record AgingSpec(AgingModel model, double seconds) implements Serializable {
    public static final String KEY = "platform.crossbar.aging.";

    public AgingSpec {
        Objects.requireNonNull(model);
        Checks.nonNegative(KEY + "seconds", seconds);
        model.checkAge(seconds);
    }

    /** No aging: today's fabricated devices at every age. */
    public static AgingSpec none() {
        return new AgingSpec(NoAging.INSTANCE, 0);
    }

    /** The same devices at another age. */
    public AgingSpec atAge(double ageSeconds) {
        return new AgingSpec(model, ageSeconds);
    }

    /** Binds {@code platform.crossbar.aging.*}. */
    public static AgingSpec bind(ConfigView c) {
        String name = c.string(KEY + "model");
        AgingModel model = switch (name) {
            case "none" -> NoAging.INSTANCE;
            case PcmAging.NAME -> {
                String p = KEY + PcmAging.NAME + ".";
                yield new PcmAging(c.number(p + "t0-seconds"), c.number(p + "t-read-seconds"),
                        c.number(p + "prog-noise-scale"), c.number(p + "read-noise-scale"),
                        c.number(p + "drift-scale"));
            }
            case HermesAging.NAME -> {
                String p = KEY + HermesAging.NAME + ".";
                yield new HermesAging(c.integer(p + "num-devices"), c.number(p + "t-read-seconds"),
                        c.number(p + "prog-noise-scale"), c.number(p + "read-noise-scale"),
                        c.number(p + "drift-scale"));
            }
            case CmoReRamAging.NAME -> {
                String p = KEY + CmoReRamAging.NAME + ".";
                yield new CmoReRamAging(c.number(p + "acceptance-range-percent"), c.number(p + "t-read-seconds"),
                        c.number(p + "prog-noise-scale"), c.number(p + "read-noise-scale"),
                        c.number(p + "drift-scale"));
            }
            default -> throw ConfigException.of(KEY + "model", name, "one of none pcm hermes rram-cmo");
        };
        return new AgingSpec(model, c.number(KEY + "seconds"));
    }
}
