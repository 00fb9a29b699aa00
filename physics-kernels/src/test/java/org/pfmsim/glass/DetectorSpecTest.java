package org.pfmsim.glass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/** Detector statistics (shot noise itself is Poisson.sample, tested in PoissonTest): read noise adds its variance, ports conserve power. */
class DetectorSpecTest {
    @Test
    void readingsAreUnbiasedWithShotPlusReadVariance() {
        DetectorSpec spec = new DetectorSpec(0.8, 1e-6, 30, 24, 2.0, 1e-6);
        double watts = spec.photonJoules() * 1000 / (1e-6 * 0.8); // 1000 photoelectrons
        int n = 100_000;
        double[] p = new double[n];
        java.util.Arrays.fill(p, watts);
        float[] out = new float[n];
        spec.measure(p, 0, n, CounterRng.stream(2, Purpose.DETECTOR_NOISE, 0, 0, 0), 2000, out);
        double s = 0;
        double s2 = 0;
        for (float o : out) {
            double e = spec.electrons(o);
            s += e;
            s2 += e * e;
        }
        double m = s / n;
        assertEquals(1000, m, 0.5);
        assertEquals(1000 + 900, s2 / n - m * m, 1900 * 0.03);
    }

    @Test
    void aSpotLaunchedWithUnitAmplitudeCarriesOneWattAndDetectorsTileThePlane() {
        OpticalPorts ports = new OpticalPorts(4, 9, 2e-6, 60, 60, 10, 0.5e-6);
        float[] field = new float[2 * ports.domainX() * ports.domainY()];
        ports.launch(new float[] {1, -2, 0, 0}, 0, 1.0, field);
        double total = 0;
        for (int i = 0; i < field.length; i += 2) {
            total += (double) field[i] * field[i] + (double) field[i + 1] * field[i + 1];
        }
        assertEquals(5.0, total, 1e-5);
        double[] detected = new double[9];
        ports.detect(field, detected, 0);
        assertEquals(5.0, java.util.Arrays.stream(detected).sum(), 1e-4, "detectors cover the volume's plane");
    }
}
