package org.pfmsim.platform;

import org.pfmsim.config.ConfigView;

/**
 * A medium whose model is a stack of matrices, each written into a grid of physical tiles (crossbar
 * arrays, optical MVM blocks, the digital baseline): the engine's matrix stages run any of them through
 * {@link Platform}, so such a medium needs nothing in the engine.
 */
public interface TileMedium extends Medium {
    /**
     * Binds the run keys {@code platform.<kind>.*} to the platform, checking each against its allowed range.
     *
     * @param tileRows  rows (inputs) of the run's tiles, for limits that depend on the tile size
     * @param tileCols  columns (outputs) of the run's tiles
     */
    Platform bind(ConfigView config, int tileRows, int tileCols);
}
