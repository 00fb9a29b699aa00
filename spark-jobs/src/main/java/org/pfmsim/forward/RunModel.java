package org.pfmsim.forward;

/**
 * What a run computes, exactly one of: an MLP stack ({@link Simulation}), a decoder
 * ({@link DecoderSimulation}), both matrix models whose layers are matrix stages, or a model that a staged
 * medium runs as its own stages ({@link StagedRun}).
 */
public sealed interface RunModel permits Simulation, DecoderSimulation, StagedRun {
}
