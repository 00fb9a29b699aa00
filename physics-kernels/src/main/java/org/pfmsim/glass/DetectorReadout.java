package org.pfmsim.glass;

import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * Detector readings (W) of the three runs at the volume's exit: the ideal chain noiseless, the physical chain
 * and the local run measured with noise (independent streams, per sample) through an ADC whose full scale is
 * calibrated on the ideal chain's largest reading.
 *
 * @param ideal     the ideal chain's readings, batch x detectors
 * @param physical  the physical chain's, with shot and read noise and the ADC
 * @param local     the written volume fed the ideal field, measured the same way
 * @param clipped   physical-chain readings clipped by the ADC
 */
record DetectorReadout(float[] ideal, float[] physical, float[] local, long clipped) {
    /** Each field is batch x domain, interleaved float, at the exit plane of the last segment. */
    static DetectorReadout of(GlassVolume sim, float[] ideal, float[] physical, float[] local) {
        OpticalPorts ports = sim.ports();
        DetectorSpec det = sim.detector();
        int batch = sim.batch();
        int m = ports.outputs();
        int domain = 2 * ports.domainX() * ports.domainY();
        double[] wi = new double[batch * m];
        double[] wp = new double[batch * m];
        double[] wl = new double[batch * m];
        float[] one = new float[domain];
        for (int s = 0; s < batch; s++) {
            System.arraycopy(ideal, s * domain, one, 0, domain);
            ports.detect(one, wi, s * m);
            System.arraycopy(physical, s * domain, one, 0, domain);
            ports.detect(one, wp, s * m);
            System.arraycopy(local, s * domain, one, 0, domain);
            ports.detect(one, wl, s * m);
        }
        double max = 0;
        for (double w : wi) {
            max = Math.max(max, w);
        }
        double fullScale = det.adcHeadroom() * det.electrons(max);
        float[] ri = new float[batch * m];
        float[] rp = new float[batch * m];
        float[] rl = new float[batch * m];
        long clipped = 0;
        int segment = sim.grid().segments() - 1;
        for (int s = 0; s < batch; s++) {
            for (int d = 0; d < m; d++) {
                ri[s * m + d] = (float) wi[s * m + d];
            }
            clipped += det.measure(wp, s * m, m, CounterRng.stream(sim.seed(), Purpose.DETECTOR_NOISE, segment, s, 0),
                    fullScale, rp);
            det.measure(wl, s * m, m, CounterRng.stream(sim.seed(), Purpose.DETECTOR_NOISE, segment, s, 1),
                    fullScale, rl);
        }
        return new DetectorReadout(ri, rp, rl, clipped);
    }
}
