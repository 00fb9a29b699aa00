package org.pfmsim.glass;

import java.util.List;
import org.pfmsim.stage.Stage;

/**
 * One depth segment as a {@link Stage}: its units are the lateral tiles, its input the fields entering the
 * segment, each tile's result its own output block (the driver places the interiors by tile, so no two results
 * are ever added). Computing one tile is the body of a task. The tile's window (interior plus halo) is cut
 * from the assembled fields entering the segment (zero beyond the domain), the designed and the written index
 * blocks of the window are produced in place, and the segment's slices are stepped slice-outer, batch-inner:
 * each slice's two transmissions are computed once and applied to the batch on three runs (ideal chain,
 * physical chain, local). Only the interior is returned.
 *
 * <p>Why the interior is exact: the outer half of the halo is a frame where the cut field is tapered smoothly to
 * zero and which absorbs (the absorber's profile), so light leaving the window is absorbed instead of wrapping
 * around the periodic FFT window; the light the frame wrongly removes, and the light that should have entered from beyond the window, reach at most the spread
 * {@code BeamOptics.spreadVoxels} further in over the segment, which the inner half of the halo covers
 * ({@link #haloVoxels}).
 */
public final class SegmentStage implements Stage<Integer, SegmentFields, TileFields> {
    private static final long serialVersionUID = 1L;
    private final GlassVolume sim;
    private final int segment;

    public SegmentStage(GlassVolume sim, int segment) {
        this.sim = sim;
        this.segment = segment;
    }

    @Override
    public String label() {
        return "glass segment " + segment;
    }

    @Override
    public long blocks() {
        return sim.grid().tileCount();
    }

    @Override
    public long block(TileFields result) {
        return result.tile;
    }

    /** A tile is computed by exactly one unit: its block is that one result. */
    @Override
    public TileFields combine(List<TileFields> block) {
        if (block.size() != 1) {
            throw new IllegalArgumentException(label() + ": " + block.size() + " results for one tile");
        }
        return block.get(0);
    }

    /** The halo a segment of {@code slices} slices needs: the spread (inner half) plus an absorbing frame of the same width. */
    public static int haloVoxels(BeamOptics optics, int slices) {
        return 2 * optics.spreadVoxels(slices);
    }

    /** Cuts the tile's windows from the assembled fields entering the segment, then propagates them. */
    @Override
    public TileFields compute(Integer tile, SegmentFields in) {
        VolumeGrid g = sim.grid();
        int wx = g.windowX(tile);
        int wy = g.windowY(tile);
        int w = g.windowWidth(tile);
        int h = g.windowHeight(tile);
        int batch = in.batch;
        double[][] ideal = new double[batch][];
        double[][] physical = new double[batch][];
        for (int s = 0; s < batch; s++) {
            ideal[s] = cut(in.ideal, s, wx, wy, w, h);
            physical[s] = cut(in.physical, s, wx, wy, w, h);
        }
        return propagate(tile, ideal, physical);
    }

    /**
     * The tile's windows through the segment: the batch's tapered window fields (interleaved re/im, window
     * row-major) on the ideal and the physical chain, stepped in place, and the interiors of the three runs.
     * Where the windows come from (cut from an assembled field here) is the caller's business.
     */
    TileFields propagate(int tile, double[][] ideal, double[][] physical) {
        VolumeGrid g = sim.grid();
        int band = sim.optics().absorberVoxels();
        int wx = g.windowX(tile);
        int wy = g.windowY(tile);
        int w = g.windowWidth(tile);
        int h = g.windowHeight(tile);
        int z0 = g.segmentStart(segment);
        int d = g.slicesIn(segment);
        float[] design = indexBlock(sim.design(), wx - band, wy - band, z0, w, h, d);
        float[] written = indexBlock(sim.written(), wx - band, wy - band, z0, w, h, d);
        SliceStepper stepper = new SliceStepper(sim.optics(), w, h, wx, wy, g.domainX(), g.domainY(),
                g.halo() / 2);
        int batch = ideal.length;
        double[][] local = new double[batch][];
        for (int s = 0; s < batch; s++) {
            local[s] = ideal[s].clone();
        }
        double[] tDesign = new double[2 * w * h];
        double[] tWritten = new double[2 * w * h];
        for (int k = 0; k < d; k++) {
            stepper.transmission(design, k * w * h, tDesign);
            stepper.transmission(written, k * w * h, tWritten);
            for (int s = 0; s < batch; s++) {
                stepper.step(ideal[s], tDesign);
                stepper.step(physical[s], tWritten);
                stepper.step(local[s], tWritten);
            }
        }
        return new TileFields(tile, interiors(ideal, tile), interiors(physical, tile), interiors(local, tile));
    }

    private static float[] indexBlock(IndexVolume v, int x0, int y0, int z0, int w, int h, int d) {
        float[] out = new float[w * h * d];
        v.read(x0, y0, z0, w, h, d, out);
        return out;
    }

    /** Sample s's field on the window at (wx, wy), w x h, from the batch of domain fields (zero outside). */
    private double[] cut(float[] fields, int s, int wx, int wy, int w, int h) {
        int dx = sim.grid().domainX();
        int dy = sim.grid().domainY();
        long base = (long) s * 2 * dx * dy;
        double[] f = new double[2 * w * h];
        for (int r = 0; r < h; r++) {
            int y = wy + r;
            if (y < 0 || y >= dy) {
                continue;
            }
            double ty = taper(r, h);
            for (int c = Math.max(0, -wx); c < Math.min(w, dx - wx); c++) {
                int from = (int) (base + 2L * (y * dx + wx + c));
                double t = ty * taper(c, w);
                f[2 * (r * w + c)] = t * fields[from];
                f[2 * (r * w + c) + 1] = t * fields[from + 1];
            }
        }
        return f;
    }

    /**
     * The cut field's taper at position {@code j} of {@code n}: sin^2 rising over the frame (half the halo) from
     * the window's edge, 1 inside. A hard cut would put a step at the periodic window's edge, whose diffraction
     * spreads to every angle the grid holds and reaches the interior within a few slices; the smooth taper's
     * diffraction stays within a few lambda / frame width of the axis.
     */
    private double taper(int j, int n) {
        int frame = sim.grid().halo() / 2;
        int d = Math.min(j, n - 1 - j);
        if (frame == 0 || d >= frame) {
            return 1;
        }
        double s = Math.sin(0.5 * Math.PI * (d + 0.5) / frame);
        return s * s;
    }

    /** The interiors of the batch's window fields, batch x interior, interleaved float. */
    private float[] interiors(double[][] fields, int tile) {
        VolumeGrid g = sim.grid();
        int iw = g.interiorWidth(tile);
        int ih = g.interiorHeight(tile);
        int w = g.windowWidth(tile);
        int halo = g.halo();
        float[] out = new float[fields.length * 2 * iw * ih];
        for (int s = 0; s < fields.length; s++) {
            for (int r = 0; r < ih; r++) {
                for (int c = 0; c < 2 * iw; c++) {
                    out[(s * ih + r) * 2 * iw + c] = (float) fields[s][2 * ((r + halo) * w + halo) + c];
                }
            }
        }
        return out;
    }
}
