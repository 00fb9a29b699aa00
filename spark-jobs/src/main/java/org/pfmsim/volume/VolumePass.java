package org.pfmsim.volume;

import java.util.ArrayList;
import java.util.List;
import org.pfmsim.fidelity.FidelityStats;
import org.pfmsim.glass.DetectorSpec;
import org.pfmsim.glass.OpticalPorts;
import org.pfmsim.grid.VolumeGrid;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;
import org.pfmsim.weights.SyntheticInputs;

/**
 * The forward pass of a glass volume, segment by segment, on both chains: the ideal chain (designed volume,
 * noiseless detectors) and the physical chain (written volume with fabrication error, detectors with shot and
 * read noise and ADC), plus each written segment fed the ideal field (local error). Inputs are the model's
 * synthetic activations as spot amplitudes, scaled so the batch's mean input power is the configured optical
 * power. Each segment is one call of the executor; interiors are reassembled here.
 */
public final class VolumePass {
    /** Told after each segment, for progress output. */
    public interface Progress {
        void segmentDone(SegmentOutcome outcome, int segments);
    }

    private VolumePass() {
    }

    /**
     * The segments' outcomes and the fields leaving the volume (batch x domain, interleaved float) on the ideal
     * and the physical chain.
     */
    public record Result(List<SegmentOutcome> segments, float[] idealExit, float[] physicalExit) {
    }

    public static Result run(GlassVolumeSimulation sim, SegmentExecutor executor, int partitions, Progress progress) {
        VolumeGrid g = sim.grid();
        OpticalPorts ports = sim.ports();
        int batch = sim.batch();
        int domain = g.domainX() * g.domainY();
        float[] ideal = launch(sim);
        float[] physical = ideal.clone();
        double[] inputWatts = powers(ideal, batch, domain);
        double batchWatts = 0;
        for (double p : inputWatts) {
            batchWatts += p;
        }
        double depthMeters = g.depth() * sim.optics().sliceMeters();
        double area = sim.design().sizeX() * sim.optics().pitchMeters() * sim.design().sizeY() * sim.optics().pitchMeters();
        List<SegmentOutcome> outcomes = new ArrayList<>(g.segments());
        for (int seg = 0; seg < g.segments(); seg++) {
            long start = System.nanoTime();
            SegmentInput in = new SegmentInput(seg, batch, ideal, physical);
            List<TileFields> tiles = executor.tiles(new SegmentJob(sim, seg), g.tileCount(), in, partitions);
            float[] nextIdeal = new float[ideal.length];
            float[] nextPhysical = new float[ideal.length];
            float[] local = new float[ideal.length];
            for (TileFields t : tiles) {
                place(g, t.tile, t.ideal, nextIdeal, batch);
                place(g, t.tile, t.physical, nextPhysical, batch);
                place(g, t.tile, t.local, local, batch);
            }
            double segmentMeters = g.slicesIn(seg) * sim.optics().sliceMeters();
            double energy = batchWatts * sim.detector().integrationSeconds() * segmentMeters / depthMeters;
            double latency = sim.optics().backgroundIndex() * segmentMeters / org.pfmsim.photonics.Photon.LIGHT_SPEED_METERS_PER_SECOND;
            boolean last = seg == g.segments() - 1;
            FidelityStats localStats = new FidelityStats();
            FidelityStats chainStats = new FidelityStats();
            long clipped = 0;
            long cols = 2L * domain;
            if (last) {
                Detected d = detect(sim, nextIdeal, nextPhysical, local);
                localStats.add(d.ideal, d.local);
                chainStats.add(d.ideal, d.physical);
                clipped = d.clipped;
                cols = ports.outputs();
                latency += sim.detector().integrationSeconds();
            } else {
                localStats.add(nextIdeal, local);
                chainStats.add(nextIdeal, nextPhysical);
            }
            SegmentOutcome o = new SegmentOutcome(seg, 2L * domain, cols, g.tileCount(), localStats, chainStats,
                    energy, latency, area, clipped, (System.nanoTime() - start) / 1e9);
            outcomes.add(o);
            progress.segmentDone(o, g.segments());
            ideal = nextIdeal;
            physical = nextPhysical;
        }
        return new Result(outcomes, ideal, physical);
    }

    /** The batch's input fields: spots with the model's synthetic activations, scaled to the optical power. */
    static float[] launch(GlassVolumeSimulation sim) {
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

    private record Detected(float[] ideal, float[] physical, float[] local, long clipped) {
    }

    /**
     * Detector readings (W) of the three runs: the ideal chain noiseless, the physical chain and the local run
     * measured with noise (independent streams, per sample) through an ADC whose full scale is calibrated on the
     * ideal chain's largest reading.
     */
    private static Detected detect(GlassVolumeSimulation sim, float[] ideal, float[] physical, float[] local) {
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
        return new Detected(ri, rp, rl, clipped);
    }
}
