package org.pfmsim.glass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;

/** The absorbing boundary: what reaches it leaves, nothing wraps around the periodic window or comes back. */
class GlassAbsorberTest {
    private static final double LAMBDA = 1.0e-6;
    private static final double N0 = 1.5;
    private static final double PITCH = 0.5e-6;
    private static final int NX = 512;
    private static final int NY = 256;
    private static final int BAND = 40;

    /**
     * A beam steered at 17.5 degrees (n0 sin(theta) = 0.45) from the centre crosses the right band and would,
     * unabsorbed, wrap into the interior from the left; at the end its unbounded twin is 60 um beyond the
     * interior (3.7 beam radii), so whatever power the interior holds has wrapped or been sent back.
     */
    @Test
    void beamSteeredIntoTheBoundaryLeavesLessThanAMillionthWrappedOrReflected() {
        BeamOptics optics = new BeamOptics(LAMBDA, N0, PITCH, 2e-6, 0.75, BAND, 0.1);
        double leftInInterior = steeredBeamInteriorFraction(optics);
        assertTrue(leftInInterior < 1e-6, "power wrapped or reflected into the interior: " + leftInInterior);
        assertTrue(optics.wrappedPowerBound() < 1e-6);
    }

    @Test
    void withoutTheAbsorberTheSameBeamWrapsBackIntoTheInterior() {
        BeamOptics optics = new BeamOptics(LAMBDA, N0, PITCH, 2e-6, 0.75, BAND, 0);
        assertTrue(steeredBeamInteriorFraction(optics) > 0.5, "the geometry of the test above does wrap");
    }

    private static double steeredBeamInteriorFraction(BeamOptics optics) {
        SliceStepper stepper = new SliceStepper(optics, NX, NY, 0, 0, NX, NY);
        double kx = optics.k0() * 0.45;
        double slope = 0.45 / Math.sqrt(N0 * N0 - 0.45 * 0.45);
        double[] field = Beams.gaussian(NX, NY, PITCH, 8e-6, NX / 2, NY / 2, kx);
        double p0 = Beams.power(field);
        // The unbounded beam centre ends at 168 um from the centre: 40 um beyond the domain edge.
        int steps = (int) Math.ceil(168e-6 / slope / optics.sliceMeters());
        double[] t = new double[2 * NX * NY];
        stepper.uniformTransmission(t);
        for (int s = 0; s < steps; s++) {
            stepper.step(field, t);
        }
        return Beams.power(field, NX, BAND, NX - BAND, BAND, NY - BAND) / p0;
    }

    @Test
    void anAbsorberTooWeakForTheBandLimitIsRefusedNamingTheKey() {
        BeamOptics weak = new BeamOptics(LAMBDA, N0, PITCH, 2e-6, 0.75, 8, 0.01);
        ConfigException e = assertThrows(ConfigException.class, () -> weak.requireAbsorbing(1e-6));
        assertEquals("platform.glass-volume.absorber-kappa = 0.01: allowed a value with absorber-voxels 8 that keeps"
                + " wrapped power below 1e-06 at the band limit (now 5.60e-01); raise either", e.getMessage());
    }

    @Test
    void badOpticsAreRefusedNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new BeamOptics(LAMBDA, N0, PITCH, 2e-6, 1.6, 8, 0.1));
        assertEquals("platform.glass-volume.numerical-aperture = 1.6: allowed a number > 0 and at most"
                + " background-index 1.5", e.getMessage());
    }
}
