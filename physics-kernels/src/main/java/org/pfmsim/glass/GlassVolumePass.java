package org.pfmsim.glass;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.fidelity.FidelityStats;
import org.pfmsim.rng.SyntheticInputs;
import org.pfmsim.stage.StageExecutor;
import org.pfmsim.stage.StageOutcome;
import org.pfmsim.stage.StagedModel;

/**
 * The forward pass of a glass volume, segment by segment, on both chains: the ideal chain (designed volume,
 * noiseless detectors) and the physical chain (written volume with fabrication error, detectors with shot and
 * read noise and ADC), plus each written segment fed the ideal field (local error). Inputs are the model's
 * synthetic activations as spot amplitudes, scaled so the batch's mean input power is the configured optical
 * power. Each segment is one {@link SegmentStage} on the executor; interiors are reassembled here.
 *
 * <p>One {@code layers} row per segment (kind {@code glass-volume}). For every segment but the last the
 * compared quantity is the complex field at the segment's exit plane (re and im of every voxel of the domain);
 * for the last it is the detector readings ({@link DetectorReadout}). Rows and columns count field values
 * entering and leaving (re/im counted once per voxel), or detectors for the last segment's columns.
 */
public final class GlassVolumePass {
    private GlassVolumePass() {
    }

    /**
     * The segments' outcomes and the fields leaving the volume (batch x domain, interleaved float) on the ideal
     * and the physical chain.
     */
    public record Result(List<StageOutcome> segments, float[] idealExit, float[] physicalExit) {
    }

    /** @param partitions tasks per segment (tiles are spread over them; the result does not depend on it) */
    public static Result run(GlassVolume sim, StageExecutor executor, int partitions, StagedModel.Progress progress) {
        VolumeGrid g = sim.grid();
        int batch = sim.batch();
        int domain = g.domainX() * g.domainY();
        float[] ideal = launch(sim);
        float[] physical = ideal.clone();
        double[] inputWatts = powers(ideal, batch, domain);
        double batchWatts = 0;
        for (double p : inputWatts) {
            batchWatts += p;
        }
        double area = sim.design().sizeX() * sim.optics().pitchMeters() * sim.design().sizeY() * sim.optics().pitchMeters();
        List<List<Integer>> tiles = tilesByPartition(g.tileCount(), partitions);
        List<StageOutcome> outcomes = new ArrayList<>(g.segments());
        for (int seg = 0; seg < g.segments(); seg++) {
            long start = System.nanoTime();
            SegmentFields in = new SegmentFields(seg, batch, ideal, physical);
            List<TileFields> computed = executor.run(new SegmentStage(sim, seg), tiles, in);
            float[] nextIdeal = new float[ideal.length];
            float[] nextPhysical = new float[ideal.length];
            float[] local = new float[ideal.length];
            for (TileFields t : computed) {
                place(g, t.tile, t.ideal, nextIdeal, batch);
                place(g, t.tile, t.physical, nextPhysical, batch);
                place(g, t.tile, t.local, local, batch);
            }
            SegmentCost cost = SegmentCost.of(sim, seg, batchWatts);
            boolean last = seg == g.segments() - 1;
            FidelityStats localStats = new FidelityStats();
            FidelityStats chainStats = new FidelityStats();
            long clipped = 0;
            long cols = 2L * domain;
            if (last) {
                DetectorReadout d = DetectorReadout.of(sim, nextIdeal, nextPhysical, local);
                localStats.add(d.ideal(), d.local());
                chainStats.add(d.ideal(), d.physical());
                clipped = d.clipped();
                cols = sim.ports().outputs();
            } else {
                localStats.add(nextIdeal, local);
                chainStats.add(nextIdeal, nextPhysical);
            }
            StageOutcome o = new StageOutcome(seg, sim.kind(), 2L * domain, cols, g.tileCount(), localStats,
                    chainStats, cost.energyJoules(), cost.latencySeconds(), area, 0, clipped,
                    (System.nanoTime() - start) / 1e9);
            outcomes.add(o);
            progress.stageDone(o, g.segments());
            ideal = nextIdeal;
            physical = nextPhysical;
        }
        return new Result(outcomes, ideal, physical);
    }

    /** Tiles 0 .. count - 1 cut into at most {@code partitions} contiguous runs, one per task. */
    static List<List<Integer>> tilesByPartition(int count, int partitions) {
        int p = Math.max(1, Math.min(partitions, count));
        List<List<Integer>> out = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            List<Integer> run = new ArrayList<>();
            for (long t = (long) i * count / p; t < (long) (i + 1) * count / p; t++) {
                run.add((int) t);
            }
            out.add(run);
        }
        return out;
    }

    /** The batch's input fields: spots with the model's synthetic activations, scaled to the optical power. */
    static float[] launch(GlassVolume sim) {
        OpticalPorts ports = sim.ports();
        int batch = sim.batch();
        int n = ports.inputs();
        float[] x = SyntheticInputs.gaussian(sim.seed(), batch, n);
        double sumSquares = 0;
        for (float v : x) {
            sumSquares += (double) v * v;
        }
        double scale = sumSquares > 0 ? Math.sqrt(sim.opticalPowerWatts() * batch / sumSquares) : 0;
        int domain = 2 * ports.domainX() * ports.domainY();
        float[] fields = new float[batch * domain];
        float[] one = new float[domain];
        for (int s = 0; s < batch; s++) {
            java.util.Arrays.fill(one, 0f);
            ports.launch(x, s * n, scale, one);
            System.arraycopy(one, 0, fields, s * domain, domain);
        }
        return fields;
    }

    private static double[] powers(float[] fields, int batch, int domain) {
        double[] p = new double[batch];
        for (int s = 0; s < batch; s++) {
            for (int i = 2 * s * domain; i < 2 * (s + 1) * domain; i++) {
                p[s] += (double) fields[i] * fields[i];
            }
        }
        return p;
    }

    private static void place(VolumeGrid g, int tile, float[] interiors, float[] fields, int batch) {
        int iw = g.interiorWidth(tile);
        int ih = g.interiorHeight(tile);
        int x0 = g.interiorX(tile);
        int y0 = g.interiorY(tile);
        int domain = g.domainX() * g.domainY();
        for (int s = 0; s < batch; s++) {
            for (int r = 0; r < ih; r++) {
                System.arraycopy(interiors, (s * ih + r) * 2 * iw, fields,
                        2 * (s * domain + (y0 + r) * g.domainX() + x0), 2 * iw);
            }
        }
    }
}
