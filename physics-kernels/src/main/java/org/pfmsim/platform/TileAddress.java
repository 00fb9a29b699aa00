package org.pfmsim.platform;

import java.io.Serializable;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * Where a tile sits: the run's seed, the layer, and the tile's row and column in the layer's tile grid.
 * Every random number a tile uses comes from a stream keyed by this address, which is what makes results
 * independent of partitioning, executor count and task retries.
 */
public record TileAddress(long seed, int layer, long tileRow, long tileCol) implements Serializable {
    public CounterRng stream(Purpose purpose) {
        return CounterRng.stream(seed, purpose, layer, tileRow, tileCol);
    }
}
