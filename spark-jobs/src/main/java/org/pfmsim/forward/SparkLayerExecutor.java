package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.PairFunction;
import org.apache.spark.broadcast.Broadcast;
import org.pfmsim.kernel.Nd4jThreads;
import org.pfmsim.placement.WorkUnit;
import scala.Tuple2;

/**
 * A layer as a Spark job: the activations are broadcast, each partition computes its work units (tiles
 * built inside the task), and the summed column blocks (batch x block width each) come back to the driver.
 *
 * <p>Two strategies, by the shape of the work: when every column block is a single unit (the row tiles
 * per unit cover the layer), the units are the blocks, so they are collected directly in one stage with
 * no shuffle; otherwise units are grouped by column block and summed in row-tile order on the executors
 * (a second stage), so the driver never holds more than the blocks. Both give the single-JVM loop's sums
 * bit for bit.
 */
public final class SparkLayerExecutor implements LayerExecutor {
    private final JavaSparkContext spark;

    public SparkLayerExecutor(JavaSparkContext spark) {
        this.spark = spark;
    }

    @Override
    public List<UnitResult> columnBlocks(LayerJob job, List<List<WorkUnit>> unitsByPartition, LayerInput input) {
        List<WorkUnit[]> partitions = new ArrayList<>(unitsByPartition.size());
        for (List<WorkUnit> units : unitsByPartition) {
            partitions.add(units.toArray(new WorkUnit[0]));
        }
        long units = partitions.stream().mapToLong(p -> p.length).sum();
        Broadcast<LayerInput> broadcast = spark.broadcast(input);
        try {
            JavaRDD<UnitResult> computed = spark.parallelize(partitions, partitions.size())
                    .flatMap(new ComputeUnits(job, broadcast));
            if (units == job.grid().colTiles()) {
                return UnitResult.sumByColumnBlock(computed.collect());
            }
            List<UnitResult> blocks = new ArrayList<>(computed
                    .mapToPair(new KeyByColumnBlock())
                    .groupByKey(partitions.size())
                    .map(new SumColumnBlock())
                    .collect());
            blocks.sort(Comparator.comparingLong(b -> b.colTile));
            return blocks;
        } finally {
            broadcast.destroy();
        }
    }

    /** Task body: one BLAS thread, then every unit of the partition. */
    static final class ComputeUnits implements FlatMapFunction<WorkUnit[], UnitResult> {
        private static final long serialVersionUID = 1L;
        private final LayerJob job;
        private final Broadcast<LayerInput> input;

        ComputeUnits(LayerJob job, Broadcast<LayerInput> input) {
            this.job = job;
            this.input = input;
        }

        @Override
        public Iterator<UnitResult> call(WorkUnit[] units) {
            Nd4jThreads.useOneThread();
            LayerInput in = input.value();
            List<UnitResult> out = new ArrayList<>(units.length);
            for (WorkUnit u : units) {
                out.add(job.compute(u, in));
            }
            return out.iterator();
        }
    }

    static final class KeyByColumnBlock implements PairFunction<UnitResult, Long, UnitResult> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<Long, UnitResult> call(UnitResult u) {
            return new Tuple2<>(u.colTile, u);
        }
    }

    static final class SumColumnBlock implements Function<Tuple2<Long, Iterable<UnitResult>>, UnitResult> {
        private static final long serialVersionUID = 1L;

        @Override
        public UnitResult call(Tuple2<Long, Iterable<UnitResult>> block) {
            List<UnitResult> units = new ArrayList<>();
            block._2().forEach(units::add);
            return UnitResult.sumColumnBlock(units);
        }
    }
}
