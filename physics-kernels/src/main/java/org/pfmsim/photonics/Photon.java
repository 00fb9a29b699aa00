package org.pfmsim.photonics;

/**
 * Photon energy E = h c / lambda (Planck-Einstein relation), with h and c at their exact SI 2019 values
 * (BIPM, The International System of Units, 9th edition, 2019). One photon at 1550 nm carries
 * 1.2816e-19 J.
 */
public final class Photon {
    /** Planck constant h, J s (exact). */
    public static final double PLANCK_JOULE_SECONDS = 6.62607015e-34;
    /** Speed of light in vacuum c, m/s (exact). */
    public static final double LIGHT_SPEED_METERS_PER_SECOND = 299_792_458.0;

    private Photon() {
    }

    /** Energy of one photon of vacuum wavelength {@code wavelengthMeters}, J. */
    public static double energyJoules(double wavelengthMeters) {
        return PLANCK_JOULE_SECONDS * LIGHT_SPEED_METERS_PER_SECOND / wavelengthMeters;
    }

    /** Time light takes to cross {@code lengthMeters} of a medium of group index {@code index}, s (n L / c). */
    public static double transitSeconds(double lengthMeters, double index) {
        return index * lengthMeters / LIGHT_SPEED_METERS_PER_SECOND;
    }
}
