package org.pfmsim.forward;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.PairFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.util.CallSite;
import org.pfmsim.kernel.Nd4jThreads;
import org.pfmsim.placement.WorkUnit;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;

/**
 * A layer as a Spark job: the activations are broadcast, each partition computes its work units (tiles
 * built inside the task), and the summed column blocks (batch x block width each) come back to the driver.
 *
 * <p>Two strategies, by the shape of the work: when every column block is a single unit (the row tiles
 * per unit cover the layer), the units are the blocks, so they are collected directly in one stage with
 * no shuffle; otherwise units are grouped by column block and summed in row-tile order on the executors
 * (a second stage), so the driver never holds more than the blocks. Both give the single-JVM loop's sums
 * bit for bit.
 *
 * <p>The task body and the collection are plain function classes, not lambdas: Spark's closure cleaner
 * inspects lambdas only, and for each one it reads and scans the class file that declared it with ASM (for
 * {@code collect()}, RDD's own), on the driver, between every two layers. The layer also names its call
 * site, which the Spark UI shows and which spares Spark a stack walk per RDD and job.
 */
public final class SparkLayerExecutor implements LayerExecutor {
    private static final ClassTag<UnitResult> UNIT_RESULT = ClassTag$.MODULE$.apply(UnitResult.class);
    private static final ClassTag<UnitResult[]> UNIT_RESULTS = ClassTag$.MODULE$.apply(UnitResult[].class);

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
        String shortSite = CallSite.SHORT_FORM();
        String longSite = CallSite.LONG_FORM();
        String site = "pfm layer " + input.layer + ": " + units + " work units in " + partitions.size() + " tasks";
        spark.setLocalProperty(shortSite, site);
        spark.setLocalProperty(longSite, site);
        Broadcast<LayerInput> broadcast = spark.broadcast(input);
        try {
            RDD<UnitResult> computed = spark.parallelize(partitions, partitions.size()).rdd()
                    .mapPartitions(new ComputeUnits(job, broadcast), false, UNIT_RESULT);
            if (units == job.grid().colTiles()) {
                UnitResult[][] perTask = (UnitResult[][]) spark.sc().runJob(computed, new ToArray(), UNIT_RESULTS);
                List<UnitResult> all = new ArrayList<>((int) units);
                for (UnitResult[] task : perTask) {
                    all.addAll(List.of(task));
                }
                return UnitResult.sumByColumnBlock(all);
            }
            List<UnitResult> blocks = new ArrayList<>(JavaRDD.fromRDD(computed, UNIT_RESULT)
                    .mapToPair(new KeyByColumnBlock())
                    .groupByKey(partitions.size())
                    .map(new SumColumnBlock())
                    .collect());
            blocks.sort(Comparator.comparingLong(b -> b.colTile));
            return blocks;
        } finally {
            broadcast.destroy();
            spark.setLocalProperty(shortSite, null);
            spark.setLocalProperty(longSite, null);
        }
    }

    /** Task body: one BLAS thread, then every unit of the partition. */
    static final class ComputeUnits extends AbstractFunction1<Iterator<WorkUnit[]>, Iterator<UnitResult>>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final LayerJob job;
        private final Broadcast<LayerInput> input;

        ComputeUnits(LayerJob job, Broadcast<LayerInput> input) {
            this.job = job;
            this.input = input;
        }

        @Override
        public Iterator<UnitResult> apply(Iterator<WorkUnit[]> partition) {
            Nd4jThreads.useOneThread();
            LayerInput in = input.value();
            List<UnitResult> out = new ArrayList<>();
            while (partition.hasNext()) {
                for (WorkUnit u : partition.next()) {
                    out.add(job.compute(u, in));
                }
            }
            return CollectionConverters.asScala(out.iterator());
        }
    }

    /**
     * A task's results as one array: what collect() does, as a class rather than RDD's own lambda (and
     * taking the task context, so that runJob does not wrap it in a lambda of its own).
     */
    static final class ToArray extends AbstractFunction2<TaskContext, Iterator<UnitResult>, UnitResult[]>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public UnitResult[] apply(TaskContext task, Iterator<UnitResult> results) {
            List<UnitResult> out = new ArrayList<>();
            while (results.hasNext()) {
                out.add(results.next());
            }
            return out.toArray(new UnitResult[0]);
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
