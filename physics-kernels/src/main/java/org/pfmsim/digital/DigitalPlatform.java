package org.pfmsim.digital;

import org.pfmsim.kernel.IdealKernel;
import org.pfmsim.kernel.TileMatrix;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.Platform;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;

/**
 * The digital baseline: exact float32 products (the ideal kernel) costed per multiply-accumulate.
 * Energy = MACs x energy per MAC; latency = MACs / throughput; area = stored bits x bit-cell area.
 */
public record DigitalPlatform(DigitalSpec spec) implements Platform {
    /** The config name, {@code platform.kind = digital}. */
    public static final String KIND = "digital";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public PhysicalTile program(float[] weights, int rows, int cols, TileAddress address) {
        return new Tile(TileMatrix.copyOf(weights, rows, cols), rows, cols);
    }

    /** Reads are the ideal product of the weights, by the same kernels as {@link IdealKernel#multiply}. */
    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public double partialSumAddEnergyJoules() {
        return spec.energyPerMacJoules() / 2; // an add is about half a MAC
    }

    private final class Tile implements PhysicalTile {
        private final TileMatrix weights;
        private final int rows;
        private final int cols;

        Tile(TileMatrix weights, int rows, int cols) {
            this.weights = weights;
            this.rows = rows;
            this.cols = cols;
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public int cols() {
            return cols;
        }

        @Override
        public Readout forward(ReadRequest r) {
            float[] y = weights.multiply(r.inputs(), r.samples());
            double macs = (double) r.measuredSamples() * rows * cols;
            return new Readout(y, macs * spec.energyPerMacJoules(), macs / spec.macsPerSecond(), 0, 0);
        }

        @Override
        public double areaSquareMeters() {
            return (double) rows * cols * spec.weightBits() * spec.bitCellAreaSquareMeters();
        }

        @Override
        public long stuckDevices() {
            return 0;
        }

        @Override
        public void close() {
            weights.close();
        }
    }
}
