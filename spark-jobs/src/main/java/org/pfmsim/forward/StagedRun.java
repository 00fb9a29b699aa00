package org.pfmsim.forward;

import org.pfmsim.stage.StagedModel;

/**
 * A run of a model bound by a staged medium (the glass volume): the engine knows only its stages.
 *
 * @param model the bound model, which runs its stages on the engine's executor
 */
public record StagedRun(StagedModel model) implements RunModel {
}
