package org.pfmsim.platform;

import java.io.Serializable;

/**
 * A physical platform a model can be written into. Implementations are immutable specs, cheap to
 * serialize into Spark closures; the heavy state lives in the {@link PhysicalTile}s they program.
 */
public interface Platform extends Serializable {
    /** The config name: {@code crossbar}, {@code digital}, ... */
    String kind();

    /**
     * The program face: writes a tile of weights (rows x cols, row-major, rows = inputs) into the medium,
     * with the fabrication effects drawn from streams keyed by {@code address}.
     */
    PhysicalTile program(float[] weights, int rows, int cols, TileAddress address);

    /** Energy of the digital addition of one row-tile partial sum into the running total, J. */
    double partialSumAddEnergyJoules();

    /**
     * The input range (|x| mapped to full scale) fixed by the platform's config, or 0 when the range is
     * calibrated per layer on the ideal activations of the batch.
     */
    default double fixedInputRange() {
        return 0;
    }

    /**
     * Whether every read of this platform's tiles is the ideal product x W itself, bit for bit (the
     * digital baseline): then a model's physical chain is its ideal chain and one product per tile serves
     * both.
     */
    default boolean exact() {
        return false;
    }

    /** The age, s after programming, at which this platform's tiles are read (0 for media without a time axis). */
    default double ageSeconds() {
        return 0;
    }

    /**
     * The same fabricated devices read at another age (the fabrication streams are keyed by the tile's address,
     * so only the age changes). A medium without a time axis is the same at every age.
     */
    default Platform atAge(double seconds) {
        return this;
    }
}
