package org.pfmsim.glass;

import java.io.Serializable;
import org.pfmsim.config.Checks;

/**
 * Where activations enter and leave a glass volume. Inputs are the amplitudes of Gaussian spots
 * exp(-r^2 / w^2) in the input plane (a signed input is a real amplitude, its sign a 0 or pi phase: coherent
 * amplitude encoding), laid out on a grid of cells over the volume's lateral extent, one spot at the centre of
 * each cell, each spot normalized to unit power on the voxel grid. Outputs are detectors integrating the
 * intensity over the same kind of grid of cells in the output plane. Fields cover the whole simulated domain:
 * the volume plus the absorbing band of {@code band} voxels on every side, row-major (y rows), interleaved.
 *
 * @param inputs           number of input spots
 * @param outputs          number of detectors
 * @param spotWaistMeters  1/e amplitude radius w of an input spot, m
 * @param sizeX            volume width, voxels
 * @param sizeY            volume height, voxels
 * @param band             absorbing band on each side, voxels
 * @param pitchMeters      lateral voxel pitch, m
 */
public record OpticalPorts(int inputs, int outputs, double spotWaistMeters, int sizeX, int sizeY, int band,
                           double pitchMeters) implements Serializable {
    public OpticalPorts {
        Checks.intRange("platform.glass-volume.inputs", inputs, 1, sizeX * sizeY);
        Checks.intRange("platform.glass-volume.outputs", outputs, 1, sizeX * sizeY);
        Checks.positive("platform.glass-volume.spot-waist-meters", spotWaistMeters);
    }

    public int domainX() {
        return sizeX + 2 * band;
    }

    public int domainY() {
        return sizeY + 2 * band;
    }

    /**
     * Adds {@code scale x[i]} times spot i to {@code field} (a zeroed domain field) for the {@code inputs}
     * values {@code x[offset ..]}; {@code scale} is in sqrt(W), so spot i carries (scale x[i])^2 W.
     */
    public void launch(float[] x, int offset, double scale, float[] field) {
        int cols = gridCols(inputs);
        int rows = (inputs + cols - 1) / cols;
        int radius = (int) Math.ceil(4 * spotWaistMeters / pitchMeters);
        for (int i = 0; i < inputs; i++) {
            double cx = band + (i % cols + 0.5) * sizeX / cols;
            double cy = band + (i / cols + 0.5) * sizeY / rows;
            int x0 = (int) Math.floor(cx) - radius;
            int y0 = (int) Math.floor(cy) - radius;
            double norm = 0;
            for (int pass = 0; pass < 2; pass++) {
                double amplitude = pass == 0 ? 1 : scale * x[offset + i] / Math.sqrt(norm);
                for (int y = Math.max(y0, 0); y <= Math.min(y0 + 2 * radius + 1, domainY() - 1); y++) {
                    for (int xx = Math.max(x0, 0); xx <= Math.min(x0 + 2 * radius + 1, domainX() - 1); xx++) {
                        double dx = (xx + 0.5 - cx) * pitchMeters;
                        double dy = (y + 0.5 - cy) * pitchMeters;
                        double g = Math.exp(-(dx * dx + dy * dy) / (spotWaistMeters * spotWaistMeters));
                        if (pass == 0) {
                            norm += g * g;
                        } else {
                            field[2 * (y * domainX() + xx)] += (float) (amplitude * g);
                        }
                    }
                }
            }
        }
    }

    /** Power on each detector (W) of the domain field {@code field}, into {@code out[offset .. + outputs)}. */
    public void detect(float[] field, double[] out, int offset) {
        int cols = gridCols(outputs);
        int rows = (outputs + cols - 1) / cols;
        for (int d = 0; d < outputs; d++) {
            int c = d % cols;
            int r = d / cols;
            int xa = band + (int) ((long) c * sizeX / cols);
            int xb = band + (int) ((long) (c + 1) * sizeX / cols);
            int ya = band + (int) ((long) r * sizeY / rows);
            int yb = band + (int) ((long) (r + 1) * sizeY / rows);
            double p = 0;
            for (int y = ya; y < yb; y++) {
                for (int xx = xa; xx < xb; xx++) {
                    int i = 2 * (y * domainX() + xx);
                    p += (double) field[i] * field[i] + (double) field[i + 1] * field[i + 1];
                }
            }
            out[offset + d] = p;
        }
    }

    /** Columns of the most nearly square grid holding {@code n} cells. */
    static int gridCols(int n) {
        return (int) Math.ceil(Math.sqrt(n));
    }
}
