package org.pfmsim.glass;

/** A small random glass volume for the distributed tests. */
final class GlassVolumes {
    static final BeamOptics OPTICS = new BeamOptics(1.03e-6, 1.45, 0.5e-6, 2e-6, 0.45, 16, 0.2).requireAbsorbing(1e-6);
    static final int SIZE_X = 96;
    static final int SIZE_Y = 80;
    static final int DEPTH = 30;

    private GlassVolumes() {
    }

    /** The volume on a grid of tiles {@code tileVoxels} wide with segments of {@code segmentSlices}. */
    static GlassVolume sim(int tileVoxels, int halo, int segmentSlices) {
        return sim(tileVoxels, halo, segmentSlices, 2e-3);
    }

    static GlassVolume sim(int tileVoxels, int halo, int segmentSlices, double contrast) {
        SyntheticVolume design = new SyntheticVolume(11, SIZE_X, SIZE_Y, DEPTH, contrast, 3e-6, OPTICS);
        OpticalPorts ports = new OpticalPorts(9, 16, 3e-6, SIZE_X, SIZE_Y, OPTICS.absorberVoxels(),
                OPTICS.pitchMeters());
        DetectorSpec detector = new DetectorSpec(0.8, 1e-9, 20, 12, 1.0, OPTICS.wavelengthMeters());
        VolumeGrid grid = new VolumeGrid(ports.domainX(), ports.domainY(), DEPTH, tileVoxels, halo, segmentSlices);
        return new GlassVolume(4, 2, OPTICS, design, 2e-4, 3e-6, ports, detector, 1e-3, grid, 3);
    }

    /** The untiled reference: one window over the whole periodic domain, one segment. */
    static GlassVolume untiled() {
        return sim(1 << 16, 0, DEPTH);
    }
}
