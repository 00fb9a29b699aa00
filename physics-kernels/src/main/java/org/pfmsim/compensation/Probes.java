package org.pfmsim.compensation;

import org.pfmsim.platform.TileAddress;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * Characterization probes for one matrix: {@code count} input vectors of {@code width} values, row-major.
 * The same probes serve every tile of the matrix (each row tile reads its slice), so that partial results
 * of a layer's tiles add up to the layer's response exactly as evaluation reads do.
 */
public final class Probes {
    private Probes() {
    }

    /** Largest number of distinct probes of a kind for a matrix of {@code width} inputs (Long.MAX_VALUE: unbounded). */
    public static long distinct(ProbeKind kind, int width) {
        return switch (kind) {
            case RANDOM -> Long.MAX_VALUE;
            case ONE_HOT -> width;
            case HADAMARD -> Integer.highestOneBit(Math.max(1, width - 1)) << (width > 1 ? 1 : 0);
        };
    }

    /**
     * Probes {@code [first, first + count)} of the matrix keyed by (seed, matrix), count x width, row-major.
     * Random probes are drawn from (seed, {@link Purpose#PROBES}, matrix): the same probes on any partitioning.
     */
    public static float[] inputs(ProbeKind kind, long first, int count, int width, long seed, int matrix) {
        return slice(kind, first, count, width, 0, width, seed, matrix);
    }

    /**
     * Inputs {@code [from, from + length)} of probes {@code [first, first + count)} of a matrix of {@code width}
     * inputs, count x length: what the row tile holding those inputs reads (equal to the same columns of
     * {@link #inputs}).
     */
    public static float[] slice(ProbeKind kind, long first, int count, int width, int from, int length, long seed,
                                int matrix) {
        if (from < 0 || length < 0 || from + length > width) {
            throw new IllegalArgumentException("inputs " + from + ".." + (from + length) + " outside 0.." + width);
        }
        float[] x = new float[Math.multiplyExact(count, length)];
        CounterRng rng = kind == ProbeKind.RANDOM ? CounterRng.stream(seed, Purpose.PROBES, matrix, 0, 0) : null;
        for (int p = 0; p < count; p++) {
            long probe = first + p;
            int base = p * length;
            switch (kind) {
                case RANDOM -> {
                    for (int i = 0; i < length; i++) {
                        // One 64-bit word per entry: its top bit is the sign.
                        x[base + i] = rng.bits(probe * width + from + i) < 0 ? -1f : 1f;
                    }
                }
                case ONE_HOT -> {
                    int hot = (int) (probe % width) - from;
                    if (hot >= 0 && hot < length) {
                        x[base + hot] = 1f;
                    }
                }
                case HADAMARD -> {
                    for (int i = 0; i < length; i++) {
                        x[base + i] = (Long.bitCount(probe & (from + i)) & 1) == 0 ? 1f : -1f;
                    }
                }
                default -> throw new IllegalStateException(kind.name());
            }
        }
        return x;
    }

    /**
     * A tile's own probes, count x rows: for the per-tile corrections, each tile is probed on its own inputs
     * (random probes from the tile's {@link Purpose#PROBES} stream; one-hot and Hadamard patterns over its rows).
     */
    public static float[] forTile(ProbeKind kind, int count, int rows, TileAddress address) {
        float[] x = new float[Math.multiplyExact(count, rows)];
        if (kind != ProbeKind.RANDOM) {
            return slice(kind, 0, count, rows, 0, rows, 0, 0);
        }
        CounterRng rng = address.stream(Purpose.PROBES);
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.bits(k) < 0 ? -1f : 1f;
        }
        return x;
    }

    /** The input sum sum_i x_pi of each of {@code samples} vectors of {@code width} values (exact in double). */
    public static double[] inputSums(float[] x, int samples, int width) {
        double[] sums = new double[samples];
        for (int s = 0; s < samples; s++) {
            double t = 0;
            for (int i = 0; i < width; i++) {
                t += x[s * width + i];
            }
            sums[s] = t;
        }
        return sums;
    }
}
