package org.pfmsim.glass;

import java.io.Serializable;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;

/**
 * The optics of a voxelized glass volume and of its beam propagation (SI units throughout).
 *
 * <p>Voxels are {@code pitchMeters} wide laterally and {@code sliceMeters} long along the optical axis z
 * (femtosecond-written voxels are elongated axially); one split-step of the propagation crosses one voxel
 * slice. {@code numericalAperture} is the angular content of the light, n0 sin(theta_max): what the input spots
 * launch (a Gaussian spot of waist w has angular spectrum exp(-kt^2 w^2 / 4), below 1e-6 at kt = k0 NA when
 * w &gt;= {@link #minimumWaistMeters()}) and what a smooth volume scatters into. It bounds how far light moves
 * sideways over a depth segment (the halo width) and sets the absorber's strength. The propagator itself is not
 * band-limited (see {@link SliceStepper} for why), so light the volume scatters beyond this aperture (white
 * fabrication noise, index features finer than the wavelength) is propagated exactly but may cross a halo:
 * the tiled-against-untiled test measures the effect. {@code numericalAperture == backgroundIndex} means no
 * bound (halos unbounded: the volume cannot be tiled).
 *
 * <p>The absorbing boundary is a band of {@code absorberVoxels} around the lateral edges of the simulated
 * window, outside the glass, with an imaginary index rising quadratically from 0 at its inner edge to
 * {@code absorberKappa} at the outer edge: each slice multiplies the field by
 * {@code exp(-k0 kappa(s) dz)}, {@code kappa(s) = absorberKappa s^2}, s in [0, 1]. A ray at angle theta to z crossing
 * the band sees the power attenuation {@code exp(-2 k0 absorberKappa w / (3 tan theta))}, w = band width in m;
 * light can only wrap around the periodic window after crossing both bands, so the wrapped fraction is at most
 * the square of that at the steepest angle the band limit passes ({@link #wrappedPowerBound()}). The quadratic
 * onset is continuous with its first derivative, so the band scatters almost nothing back (reflection measured
 * below 1e-6 in {@code GlassAbsorberTest}).
 *
 * @param wavelengthMeters   vacuum wavelength, m
 * @param backgroundIndex    refractive index n0 of the unwritten glass
 * @param pitchMeters        lateral voxel pitch (grid spacing in x and y), m
 * @param sliceMeters        axial voxel length = propagation step dz, m
 * @param numericalAperture  band limit n0 sin(theta_max), in (0, n0]
 * @param absorberVoxels     width of the absorbing band on each lateral side, voxels (0 = none)
 * @param absorberKappa      extinction coefficient (imaginary index) at the outer edge of the band
 */
public record BeamOptics(double wavelengthMeters, double backgroundIndex, double pitchMeters, double sliceMeters,
                         double numericalAperture, int absorberVoxels, double absorberKappa) implements Serializable {
    private static final String P = "platform.glass-volume.";

    public BeamOptics {
        Checks.positive(P + "wavelength-meters", wavelengthMeters);
        if (!(backgroundIndex >= 1 && backgroundIndex <= 5)) {
            throw ConfigException.of(P + "background-index", backgroundIndex, "a number from 1 to 5");
        }
        Checks.positive(P + "pitch-meters", pitchMeters);
        Checks.positive(P + "slice-meters", sliceMeters);
        if (!(numericalAperture > 0 && numericalAperture <= backgroundIndex)) {
            throw ConfigException.of(P + "numerical-aperture", numericalAperture,
                    "a number > 0 and at most background-index " + backgroundIndex);
        }
        Checks.intRange(P + "absorber-voxels", absorberVoxels, 0, 1 << 16);
        Checks.nonNegative(P + "absorber-kappa", absorberKappa);
    }

    /** Vacuum wavenumber 2 pi / lambda, rad/m. */
    public double k0() {
        return 2 * Math.PI / wavelengthMeters;
    }

    /** The smallest input spot waist whose angular spectrum is below 1e-6 of its peak at the aperture, m. */
    public double minimumWaistMeters() {
        return 2 * Math.sqrt(Math.log(1e6)) / (k0() * numericalAperture);
    }

    /** Whether the angular content is bounded (NA below n0). */
    public boolean bandLimited() {
        return numericalAperture < backgroundIndex;
    }

    /** tan(theta_max) of the steepest ray the band limit passes; infinite without a band limit. */
    public double maxSlope() {
        if (!bandLimited()) {
            return Double.POSITIVE_INFINITY;
        }
        return numericalAperture / Math.sqrt(backgroundIndex * backgroundIndex - numericalAperture * numericalAperture);
    }

    /**
     * Voxels light can move sideways over {@code slices} slices: the geometric-optics bound
     * {@code L tan(theta_max)} (L = slices x sliceMeters) plus 2 lambda / NA, the diffraction-limited width
     * of a feature of the aperture's angular content. A tile's halo is twice this (see {@code SegmentStage}).
     */
    public int spreadVoxels(int slices) {
        if (!bandLimited()) {
            throw ConfigException.of(P + "numerical-aperture", numericalAperture,
                    "below background-index " + backgroundIndex + " for a tiled volume (the halo is L tan(theta_max))");
        }
        double meters = slices * sliceMeters * maxSlope() + 2 * wavelengthMeters / numericalAperture;
        return (int) Math.ceil(meters / pitchMeters);
    }

    /**
     * Upper bound on the fraction of power that wraps around the periodic window: the attenuation through both
     * absorbing bands along the steepest ray the band limit passes (1 without absorber or band limit).
     */
    public double wrappedPowerBound() {
        if (absorberVoxels == 0 || !bandLimited()) {
            return 1.0;
        }
        double oneBand = 2 * k0() * absorberKappa * absorberVoxels * pitchMeters / (3 * maxSlope());
        return Math.exp(-2 * oneBand);
    }

    /** Refuses an absorber too weak for the band limit (wrapped power above {@code limit}). */
    public BeamOptics requireAbsorbing(double limit) {
        double bound = wrappedPowerBound();
        if (bound > limit) {
            throw ConfigException.of(P + "absorber-kappa", absorberKappa, String.format(java.util.Locale.ROOT,
                    "a value with absorber-voxels %d that keeps wrapped power below %.0e at the band limit"
                            + " (now %.2e); raise either", absorberVoxels, limit, bound));
        }
        return this;
    }
}
