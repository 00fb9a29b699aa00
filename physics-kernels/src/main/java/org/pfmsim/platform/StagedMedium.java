package org.pfmsim.platform;

import org.pfmsim.config.ConfigView;
import org.pfmsim.stage.StagedModel;

/**
 * A medium whose model is not a stack of matrices but runs as its own sequence of stages (the glass volume:
 * depth segments of a wave propagation). It binds the whole model from the config, and the engine runs its
 * stages on the common {@link org.pfmsim.stage.StageExecutor}.
 */
public interface StagedMedium extends Medium {
    /** Binds the run keys {@code platform.<kind>.*} (and the common seed, batch and tiling keys) to the model. */
    StagedModel bind(ConfigView config);
}
