package org.pfmsim.crossbar.aging;

/**
 * No aging: the device keeps its fabricated conductance at every age and adds no read noise of its own
 * (the crossbar's state-independent {@code read-noise-sigma} still applies). The default; the crossbar
 * skips the aging pass entirely, so results are bit-identical to a crossbar without an aging model.
 */
public enum NoAging implements AgingModel {
    INSTANCE;

    @Override
    public String configName() {
        return "none";
    }

    @Override
    public boolean changesDevices() {
        return false;
    }

    @Override
    public void checkWindow(double gMinSiemens, double gMaxSiemens) {
    }

    @Override
    public void checkAge(double seconds) {
    }

    @Override
    public double conductance(double g, double zProgramming, double zDrift, double seconds, double gMin,
                              double gMax) {
        return g;
    }

    @Override
    public double readSigma(double g, double aged, double seconds, double gMin, double gMax) {
        return 0;
    }
}
