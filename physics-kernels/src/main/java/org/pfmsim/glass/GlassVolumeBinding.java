package org.pfmsim.glass;

import org.pfmsim.config.ConfigException;
import org.pfmsim.config.ConfigView;

/**
 * Maps the {@code platform.glass-volume.*} keys (and seed, batch, tiling.partitions) onto a glass-volume run.
 * Volume files are opened through the {@link VolumeFiles} found on the class path.
 */
final class GlassVolumeBinding {
    private static final String P = "platform.glass-volume.";
    /** Largest fraction of power allowed to wrap around the simulated domain through the absorber. */
    static final double WRAPPED_POWER_LIMIT = 1e-6;

    private GlassVolumeBinding() {
    }

    static GlassVolume bind(ConfigView c) {
        long seed = c.longInteger("seed");
        BeamOptics optics = new BeamOptics(c.number(P + "wavelength-meters"), c.number(P + "background-index"),
                c.number(P + "pitch-meters"), c.number(P + "slice-meters"), c.number(P + "numerical-aperture"),
                c.integer(P + "absorber-voxels"), c.number(P + "absorber-kappa"));
        if (!optics.bandLimited()) {
            throw ConfigException.of(P + "numerical-aperture", optics.numericalAperture(),
                    "a number below background-index " + optics.backgroundIndex() + " (it bounds the halo)");
        }
        optics.requireAbsorbing(WRAPPED_POWER_LIMIT);
        IndexVolume design = volume(c, seed, optics);
        double waist = c.number(P + "spot-waist-meters");
        if (waist < optics.minimumWaistMeters()) {
            throw ConfigException.of(P + "spot-waist-meters", waist, String.format(java.util.Locale.ROOT,
                    "at least %.3g m, so a spot's light stays inside numerical-aperture %s", optics.minimumWaistMeters(),
                    optics.numericalAperture()));
        }
        OpticalPorts ports = new OpticalPorts(c.integer(P + "inputs"), c.integer(P + "outputs"), waist,
                design.sizeX(), design.sizeY(), optics.absorberVoxels(), optics.pitchMeters());
        String d = P + "detector.";
        DetectorSpec detector = new DetectorSpec(c.number(d + "quantum-efficiency"),
                c.number(d + "integration-time-seconds"), c.number(d + "read-noise-electrons"),
                c.integer(d + "adc-bits"), c.number(d + "adc-headroom"), optics.wavelengthMeters());
        int tile = c.integer(P + "tile-voxels");
        if (tile < 1) {
            throw ConfigException.of(P + "tile-voxels", tile, "integers >= 1");
        }
        int segment = c.integer(P + "segment-slices");
        if (segment < 1) {
            throw ConfigException.of(P + "segment-slices", segment, "integers >= 1");
        }
        VolumeGrid grid = new VolumeGrid(ports.domainX(), ports.domainY(), design.sizeZ(), tile,
                SegmentStage.haloVoxels(optics, Math.min(segment, design.sizeZ())), segment);
        return new GlassVolume(seed, c.integer("batch.size"), optics, design, c.number(P + "fabrication.sigma"),
                c.number(P + "fabrication.correlation-meters"), ports, detector, c.number(P + "optical-power-watts"),
                grid, c.integer("tiling.partitions"));
    }

    private static IndexVolume volume(ConfigView c, long seed, BeamOptics optics) {
        String v = P + "volume.";
        String source = c.string(v + "source");
        return switch (source) {
            case "synthetic" -> new SyntheticVolume(seed, c.integer(v + "size-x"), c.integer(v + "size-y"),
                    c.integer(v + "size-z"), c.number(v + "contrast"), c.number(v + "correlation-meters"), optics);
            case "npy" -> VolumeFiles.installed().npy(v + "path", path(c, v, source));
            case "safetensors" -> {
                String path = path(c, v, source);
                String tensor = c.string(v + "tensor");
                if (tensor.isBlank()) {
                    throw ConfigException.of(v + "tensor", "\"\"", "the name of a 3-D tensor [z, y, x] in " + path);
                }
                yield VolumeFiles.installed().safetensors(v + "path", path, v + "tensor", tensor);
            }
            default -> throw ConfigException.of(v + "source", source, "one of synthetic npy safetensors");
        };
    }

    private static String path(ConfigView c, String v, String source) {
        String path = c.string(v + "path");
        if (path.isBlank()) {
            throw ConfigException.of(v + "path", "\"\"", "the volume file's local path or Hadoop URI when "
                    + v + "source = " + source);
        }
        return path;
    }
}
