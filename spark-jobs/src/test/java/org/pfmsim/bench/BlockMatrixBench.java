package org.pfmsim.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.distributed.BlockMatrix;
import org.apache.spark.sql.SparkSession;
import org.pfmsim.digital.DigitalPlatform;
import org.pfmsim.digital.DigitalSpec;
import org.pfmsim.forward.ForwardPass;
import org.pfmsim.forward.LayerOutcome;
import org.pfmsim.forward.Simulation;
import org.pfmsim.model.Activation;
import org.pfmsim.model.ModelSpec;
import org.pfmsim.placement.Placement;
import org.pfmsim.placement.TilingSpec;
import org.pfmsim.rng.SyntheticInputs;
import org.pfmsim.spark.SparkSessions;
import org.pfmsim.spark.SparkStageExecutor;
import org.pfmsim.weights.SyntheticWeights;
import scala.Tuple2;

/**
 * The alternative a Spark user would reach for: the ideal (digital) forward pass of the same synthetic MLP
 * (default width 8192, depth 15: about 10^9 parameters, batch 16) written with MLlib's
 * {@code BlockMatrix.multiply}, timed in the same run as ours on the digital platform. Both generate the
 * weights in the tasks from the same keyed streams (512 x 512 blocks), add the bias and apply ReLU on the
 * driver, and go layer by layer; the outputs are compared (relative L2, float against double rounding).
 * MLlib runs with Spark's defaults (Kryo registration not required: its classes are not registered).
 * Arguments: [width] [depth] [cores].
 */
public final class BlockMatrixBench {
    static final int BLOCK = 512;
    static final int BATCH = 16;

    public static void main(String[] args) {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        int depth = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int cores = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ModelSpec model = ModelSpec.mlp(width, width, width, depth, true, Activation.RELU, Activation.IDENTITY);
        SyntheticWeights weights = new SyntheticWeights(1, model, 1.0, 0.01);
        int rowTiles = (width + BLOCK - 1) / BLOCK;
        Simulation ours = new Simulation(1, BATCH, model, weights, new DigitalPlatform(DigitalSpec.defaults()),
                new TilingSpec(BLOCK, BLOCK, rowTiles, Placement.BALANCED, 0), 0);
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("blockmatrix-bench")
                .setMaster("local[" + cores + "]").set("spark.kryo.registrationRequired", "false")).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = cores;
            // Warm-up of both on a 2-layer slice of the same width.
            ModelSpec small = ModelSpec.mlp(width, width, width, 2, true, Activation.RELU, Activation.IDENTITY);
            SyntheticWeights smallWeights = new SyntheticWeights(1, small, 1.0, 0.01);
            ForwardPass.run(new Simulation(1, BATCH, small, smallWeights, ours.platform(), ours.tiling(), 0),
                    new SparkStageExecutor(jsc), partitions, (o, n) -> { });
            blockMatrixPass(jsc, small, smallWeights, partitions);

            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            List<LayerOutcome> layers = ForwardPass.run(ours, new SparkStageExecutor(jsc), partitions, (o, n) -> { });
            double oursSeconds = (System.nanoTime() - t0) / 1e9;
            double oursCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            cpu0 = os.getProcessCpuTime();
            t0 = System.nanoTime();
            double[] mllib = blockMatrixPass(jsc, model, weights, partitions);
            double mllibSeconds = (System.nanoTime() - t0) / 1e9;
            double mllibCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            float[] y = layers.get(depth - 1).ideal();
            double diff = 0;
            double norm = 0;
            for (int k = 0; k < y.length; k++) {
                diff += (y[k] - mllib[k]) * (y[k] - mllib[k]);
                norm += mllib[k] * mllib[k];
            }
            System.out.printf(Locale.ROOT, "# ideal forward pass, %,d parameters, batch %d, Spark local[%d], %d partitions%n",
                    model.parameterCount(), BATCH, cores, partitions);
            System.out.printf(Locale.ROOT, "ours (digital platform, SparkStageExecutor): %8.1f s wall, %8.1f s CPU "
                    + "(%.2f G param-samples/s)%n", oursSeconds, oursCpu,
                    (double) model.parameterCount() * BATCH / oursSeconds / 1e9);
            System.out.printf(Locale.ROOT, "MLlib BlockMatrix.multiply:                 %8.1f s wall, %8.1f s CPU "
                    + "(%.2f G param-samples/s)%n", mllibSeconds, mllibCpu,
                    (double) model.parameterCount() * BATCH / mllibSeconds / 1e9);
            System.out.printf(Locale.ROOT, "ours is %.1fx faster in wall time, %.1fx in CPU time; outputs agree to "
                    + "relative L2 %.2e%n", mllibSeconds / oursSeconds, mllibCpu / oursCpu, Math.sqrt(diff / norm));
        } finally {
            spark.stop();
        }
    }

    /** The whole pass with BlockMatrix; returns the last layer's output (batch x cols, row-major). */
    static double[] blockMatrixPass(JavaSparkContext jsc, ModelSpec model, SyntheticWeights weights, int partitions) {
        double[] x = new double[BATCH * model.inputWidth()];
        float[] x0 = SyntheticInputs.gaussian(1, BATCH, model.inputWidth());
        for (int k = 0; k < x.length; k++) {
            x[k] = x0[k];
        }
        for (int l = 0; l < model.depth(); l++) {
            int rows = model.layer(l).rows();
            int cols = model.layer(l).cols();
            List<int[]> blocks = new ArrayList<>();
            for (int i = 0; i * BLOCK < rows; i++) {
                for (int j = 0; j * BLOCK < cols; j++) {
                    blocks.add(new int[] {i, j});
                }
            }
            JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> w = jsc.parallelize(blocks, partitions)
                    .map(new WeightBlock(weights, l, rows, cols));
            BlockMatrix wm = new BlockMatrix(w.rdd(), BLOCK, BLOCK, rows, cols);
            List<Tuple2<Tuple2<Object, Object>, Matrix>> xBlocks = new ArrayList<>();
            for (int i = 0; i * BLOCK < rows; i++) {
                int n = Math.min(BLOCK, rows - i * BLOCK);
                double[] colMajor = new double[BATCH * n];
                for (int s = 0; s < BATCH; s++) {
                    for (int c = 0; c < n; c++) {
                        colMajor[c * BATCH + s] = x[s * rows + i * BLOCK + c];
                    }
                }
                xBlocks.add(new Tuple2<>(new Tuple2<>(0, i), new DenseMatrix(BATCH, n, colMajor)));
            }
            BlockMatrix xm = new BlockMatrix(jsc.parallelize(xBlocks, partitions).rdd(), BATCH, BLOCK, BATCH, rows);
            Matrix y = xm.multiply(wm).toLocalMatrix();
            float[] bias = new float[cols];
            if (model.layer(l).bias()) {
                weights.bias(l, 0, cols, bias);
            }
            float[] next = new float[BATCH * cols];
            for (int s = 0; s < BATCH; s++) {
                for (int c = 0; c < cols; c++) {
                    next[s * cols + c] = (float) (y.apply(s, c) + bias[c]);
                }
            }
            model.layer(l).activation().applyInPlace(next);
            x = new double[next.length];
            for (int k = 0; k < next.length; k++) {
                x[k] = next[k];
            }
        }
        return x;
    }

    /** Generates one 512 x 512 weight block in the task, as MLlib's column-major dense matrix. */
    static final class WeightBlock implements Function<int[], Tuple2<Tuple2<Object, Object>, Matrix>>, Serializable {
        private static final long serialVersionUID = 1L;
        private final SyntheticWeights weights;
        private final int layer;
        private final int rows;
        private final int cols;

        WeightBlock(SyntheticWeights weights, int layer, int rows, int cols) {
            this.weights = weights;
            this.layer = layer;
            this.rows = rows;
            this.cols = cols;
        }

        @Override
        public Tuple2<Tuple2<Object, Object>, Matrix> call(int[] block) {
            int r = Math.min(BLOCK, rows - block[0] * BLOCK);
            int c = Math.min(BLOCK, cols - block[1] * BLOCK);
            float[] w = new float[r * c];
            weights.weights(layer, (long) block[0] * BLOCK, r, (long) block[1] * BLOCK, c, w);
            double[] colMajor = new double[r * c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    colMajor[j * r + i] = w[i * c + j];
                }
            }
            return new Tuple2<>(new Tuple2<>(block[0], block[1]), new DenseMatrix(r, c, colMajor));
        }
    }

    private BlockMatrixBench() {
    }
}
