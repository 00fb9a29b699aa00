package org.pfmsim.crossbar.aging;

import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * Ages a fabricated tile's devices in place. Device numbering follows the fabrication streams: weight k's
 * G+ is device k and its G- device n + k (n = rows x cols); device d's programming deviate is deviate d of
 * the tile's {@link Purpose#AGING_PROGRAMMING} stream and its drift deviate deviate d of
 * {@link Purpose#AGING_DRIFT}. Both are pure functions of (tile address, d), so a device has the same
 * coefficients at every age, on any partitioning and in any order of evaluation: ages differ only in the
 * closed form they are put into.
 */
public final class DeviceAging {
    private static final int BLOCK = 1024;
    private static final ThreadLocal<float[][]> DEVIATES = ThreadLocal.withInitial(() -> new float[2][BLOCK]);

    private DeviceAging() {
    }

    /**
     * G+ and G- (S, the first n values each) become their conductances at {@code spec.seconds()}; when
     * {@code readVariance} is not null, readVariance[k] receives sigma_read(G+_k)^2 + sigma_read(G-_k)^2,
     * S^2, the per-read variance weight k's pair adds at that age.
     */
    public static void age(AgingSpec spec, float[] gp, float[] gn, int n, double gMin, double gMax,
                           TileAddress address, float[] readVariance) {
        CounterRng programming = address.stream(Purpose.AGING_PROGRAMMING);
        CounterRng drift = address.stream(Purpose.AGING_DRIFT);
        if (readVariance != null) {
            java.util.Arrays.fill(readVariance, 0, n, 0f);
        }
        ageDevices(spec, gp, n, 0, gMin, gMax, programming, drift, readVariance);
        ageDevices(spec, gn, n, n, gMin, gMax, programming, drift, readVariance);
    }

    private static void ageDevices(AgingSpec spec, float[] g, int n, long firstDevice, double gMin, double gMax,
                                   CounterRng programming, CounterRng drift, float[] readVariance) {
        AgingModel model = spec.model();
        double seconds = spec.seconds();
        float[][] deviates = DEVIATES.get();
        float[] zp = deviates[0];
        float[] zd = deviates[1];
        for (int start = 0; start < n; start += BLOCK) {
            int count = Math.min(BLOCK, n - start);
            programming.fillNormal(zp, 0, count, firstDevice + start);
            drift.fillNormal(zd, 0, count, firstDevice + start);
            for (int k = 0; k < count; k++) {
                double target = g[start + k];
                double aged = model.conductance(target, zp[k], zd[k], seconds, gMin, gMax);
                g[start + k] = (float) aged;
                if (readVariance != null) {
                    double sigma = model.readSigma(target, aged, seconds, gMin, gMax);
                    readVariance[start + k] += (float) (sigma * sigma);
                }
            }
        }
    }
}
