package org.pfmsim.platform;

/**
 * A programmed tile: its physical state is fixed (fabrication effects included); each {@link #forward}
 * is one read with fresh per-read noise. Holds native memory: close it.
 */
public interface PhysicalTile extends AutoCloseable {
    int rows();

    int cols();

    /** The forward face: inputs (samples x rows) to measured outputs (samples x cols). */
    Readout forward(ReadRequest request);

    /** The tile's footprint (cells plus periphery), m^2. */
    double areaSquareMeters();

    /** Devices stuck at their on and off states (0 for platforms without defects). */
    long stuckDevices();

    /** What was read through this tile before it served, and what was fitted from it ({@link Characterization#NONE}: nothing). */
    default Characterization characterization() {
        return Characterization.NONE;
    }

    @Override
    void close();
}
