package org.pfmsim.toy;

import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigView;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;
import org.pfmsim.platform.TileMedium;
import org.pfmsim.scaling.CostModel;
import org.pfmsim.scaling.ScalingPoint;
import org.pfmsim.scaling.Workload;

/**
 * A toy medium written from test code alone, to prove that a platform is one package plus one service
 * line: an ideal matrix written exactly, read by a double-precision product, costing a fixed energy per
 * MAC. It is registered only on the class path {@link ToyMediumTest} gives a separate {@code pfm} process
 * (resources under {@code toy-medium/}), so no other test sees it.
 */
public final class IdealMatrixMedium implements TileMedium {
    static final String KIND = "ideal-matrix";
    private static final String P = "platform." + KIND + ".";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String runDefaultsResource() {
        return "org/pfmsim/toy/ideal-matrix-defaults.conf";
    }

    @Override
    public String scalingDefaultsResource() {
        return "org/pfmsim/toy/ideal-matrix-scaling-defaults.conf";
    }

    @Override
    public Platform bind(ConfigView c, int tileRows, int tileCols) {
        return new IdealMatrixPlatform(Checks.positive(P + "energy-per-mac-joules", c.number(P + "energy-per-mac-joules")));
    }

    @Override
    public CostModel scalingModel(ConfigView c) {
        double joules = Checks.positive(P + "energy-per-mac-joules", c.number(P + "energy-per-mac-joules"));
        return new CostModel() {
            @Override
            public String platform() {
                return KIND;
            }

            @Override
            public ScalingPoint cost(Workload w) {
                return new ScalingPoint(KIND, w, 1, Double.NaN, Double.NaN, joules, 0, Double.POSITIVE_INFINITY);
            }
        };
    }

    /** The platform: each tile holds its weights exactly. */
    record IdealMatrixPlatform(double energyPerMacJoules) implements Platform {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public PhysicalTile program(float[] weights, int rows, int cols, TileAddress address) {
            return new IdealMatrixTile(weights.clone(), rows, cols, energyPerMacJoules);
        }

        @Override
        public double partialSumAddEnergyJoules() {
            return 0;
        }
    }

    /** A read is the product x W, accumulated in double and rounded once to float. */
    record IdealMatrixTile(float[] weights, int rows, int cols, double energyPerMacJoules) implements PhysicalTile {
        @Override
        public Readout forward(ReadRequest request) {
            int samples = request.samples();
            float[] x = request.inputs();
            float[] out = new float[samples * cols];
            double[] acc = new double[cols];
            for (int s = 0; s < samples; s++) {
                java.util.Arrays.fill(acc, 0);
                for (int i = 0; i < rows; i++) {
                    double xi = x[s * rows + i];
                    for (int j = 0; j < cols; j++) {
                        acc[j] += xi * weights[i * cols + j];
                    }
                }
                for (int j = 0; j < cols; j++) {
                    out[s * cols + j] = (float) acc[j];
                }
            }
            double energy = energyPerMacJoules * request.measuredSamples() * (double) rows * cols;
            return new Readout(out, energy, 0, 0, 0);
        }

        @Override
        public double areaSquareMeters() {
            return 0;
        }

        @Override
        public long stuckDevices() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
