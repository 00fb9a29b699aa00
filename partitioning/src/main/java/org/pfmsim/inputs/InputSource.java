package org.pfmsim.inputs;

import java.io.Serializable;

/**
 * Where a run's input batch comes from ({@code inputs.source}): synthetic Gaussian vectors, or feature
 * vectors read from a file and validated when the config is bound.
 */
public interface InputSource extends Serializable {
    /** The batch, {@code batch x width} float32, row-major. */
    float[] batch(int batch, int width);
}
