package org.pfmsim.spark;

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
import org.pfmsim.stage.Stage;
import org.pfmsim.stage.StageExecutor;
import org.pfmsim.stage.StageResults;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;

/**
 * A stage as a Spark job: the stage's input is broadcast, each partition computes its units (a matrix
 * layer's tiles are built inside the task, a glass segment's index blocks produced there), and the combined
 * blocks come back to the driver as plain arrays (never INDArray).
 *
 * <p>Two strategies, by the shape of the work: when every block is a single unit (a layer whose row tiles
 * per unit cover it, or a glass segment, one block per lateral tile), the units are the blocks, so they are
 * collected directly in one stage with no shuffle; otherwise units are grouped by block and combined in the
 * stage's order on the executors (a second stage), so the driver never holds more than the blocks. Both give
 * the single-JVM loop's results bit for bit.
 *
 * <p>The task body and the collection are plain function classes, not lambdas: Spark's closure cleaner
 * inspects lambdas only, and for each one it reads and scans the class file that declared it with ASM (for
 * {@code collect()}, RDD's own), on the driver, between every two stages. The stage also names its call
 * site, which the Spark UI shows and which spares Spark a stack walk per RDD and job.
 */
public final class SparkStageExecutor implements StageExecutor {
    private static final ClassTag<Object> OBJECT = ClassTag$.MODULE$.apply(Object.class);
    private static final ClassTag<Object[]> OBJECTS = ClassTag$.MODULE$.apply(Object[].class);

    private final JavaSparkContext spark;

    public SparkStageExecutor(JavaSparkContext spark) {
        this.spark = spark;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U, I, R> List<R> run(Stage<U, I, R> stage, List<List<U>> unitsByPartition, I input) {
        List<Object[]> partitions = new ArrayList<>(unitsByPartition.size());
        for (List<U> units : unitsByPartition) {
            partitions.add(units.toArray());
        }
        long units = partitions.stream().mapToLong(p -> p.length).sum();
        String shortSite = CallSite.SHORT_FORM();
        String longSite = CallSite.LONG_FORM();
        String site = "pfm " + stage.label() + ": " + units + " work units in " + partitions.size() + " tasks";
        spark.setLocalProperty(shortSite, site);
        spark.setLocalProperty(longSite, site);
        Broadcast<I> broadcast = spark.broadcast(input);
        try {
            RDD<Object> computed = spark.parallelize(partitions, partitions.size()).rdd()
                    .mapPartitions(new ComputeUnits<>(stage, broadcast), false, OBJECT);
            if (units == stage.blocks()) {
                Object[][] perTask = (Object[][]) spark.sc().runJob(computed, new ToArray(), OBJECTS);
                List<R> all = new ArrayList<>((int) units);
                for (Object[] task : perTask) {
                    for (Object r : task) {
                        all.add((R) r);
                    }
                }
                return StageResults.byBlock(stage, all);
            }
            List<R> blocks = new ArrayList<>((List<R>) JavaRDD.fromRDD(computed, OBJECT)
                    .mapToPair(new KeyByBlock(stage))
                    .groupByKey(partitions.size())
                    .map(new CombineBlock(stage))
                    .collect());
            blocks.sort(Comparator.comparingLong(stage::block));
            return blocks;
        } finally {
            broadcast.destroy();
            spark.setLocalProperty(shortSite, null);
            spark.setLocalProperty(longSite, null);
        }
    }

    /** Task body: one BLAS thread, then every unit of the partition. */
    static final class ComputeUnits<U, I, R> extends AbstractFunction1<Iterator<Object[]>, Iterator<Object>>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final Stage<U, I, R> stage;
        private final Broadcast<I> input;

        ComputeUnits(Stage<U, I, R> stage, Broadcast<I> input) {
            this.stage = stage;
            this.input = input;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Iterator<Object> apply(Iterator<Object[]> partition) {
            Nd4jThreads.useOneThread();
            I in = input.value();
            List<Object> out = new ArrayList<>();
            while (partition.hasNext()) {
                for (Object u : partition.next()) {
                    out.add(stage.compute((U) u, in));
                }
            }
            return CollectionConverters.asScala(out.iterator());
        }
    }

    /**
     * A task's results as one array: what collect() does, as a class rather than RDD's own lambda (and
     * taking the task context, so that runJob does not wrap it in a lambda of its own).
     */
    static final class ToArray extends AbstractFunction2<TaskContext, Iterator<Object>, Object[]>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object[] apply(TaskContext task, Iterator<Object> results) {
            List<Object> out = new ArrayList<>();
            while (results.hasNext()) {
                out.add(results.next());
            }
            return out.toArray();
        }
    }

    /** A result keyed by its block, for the shuffle. */
    static final class KeyByBlock implements PairFunction<Object, Long, Object> {
        private static final long serialVersionUID = 1L;
        private final Stage<?, ?, Object> stage;

        @SuppressWarnings("unchecked")
        KeyByBlock(Stage<?, ?, ?> stage) {
            this.stage = (Stage<?, ?, Object>) stage;
        }

        @Override
        public Tuple2<Long, Object> call(Object result) {
            return new Tuple2<>(stage.block(result), result);
        }
    }

    /** One block's results combined in the stage's order, on the executor that received them. */
    static final class CombineBlock implements Function<Tuple2<Long, Iterable<Object>>, Object> {
        private static final long serialVersionUID = 1L;
        private final Stage<?, ?, Object> stage;

        @SuppressWarnings("unchecked")
        CombineBlock(Stage<?, ?, ?> stage) {
            this.stage = (Stage<?, ?, Object>) stage;
        }

        @Override
        public Object call(Tuple2<Long, Iterable<Object>> block) {
            List<Object> results = new ArrayList<>();
            block._2().forEach(results::add);
            return stage.combine(results);
        }
    }
}
