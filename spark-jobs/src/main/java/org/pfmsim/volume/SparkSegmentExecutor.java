package org.pfmsim.volume;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * A depth segment as a Spark stage: the entering fields are broadcast, the tile indices are spread over the
 * partitions, each task propagates its tiles (index blocks produced in the task) and the interiors come back
 * to the driver as float[] (never INDArray).
 */
public final class SparkSegmentExecutor implements SegmentExecutor {
    private final JavaSparkContext spark;

    public SparkSegmentExecutor(JavaSparkContext spark) {
        this.spark = spark;
    }

    @Override
    public List<TileFields> tiles(SegmentJob job, int tileCount, SegmentInput input, int partitions) {
        List<Integer> tiles = new ArrayList<>(tileCount);
        for (int t = 0; t < tileCount; t++) {
            tiles.add(t);
        }
        Broadcast<SegmentInput> broadcast = spark.broadcast(input);
        try {
            return spark.parallelize(tiles, Math.max(1, Math.min(partitions, tileCount)))
                    .mapPartitions(new PropagateTiles(job, broadcast))
                    .collect();
        } finally {
            broadcast.destroy();
        }
    }

    /** Task body: every tile of the partition through the segment. */
    static final class PropagateTiles implements FlatMapFunction<Iterator<Integer>, TileFields> {
        private static final long serialVersionUID = 1L;
        private final SegmentJob job;
        private final Broadcast<SegmentInput> input;

        PropagateTiles(SegmentJob job, Broadcast<SegmentInput> input) {
            this.job = job;
            this.input = input;
        }

        @Override
        public Iterator<TileFields> call(Iterator<Integer> tiles) {
            SegmentInput in = input.value();
            List<TileFields> out = new ArrayList<>();
            while (tiles.hasNext()) {
                out.add(job.compute(tiles.next(), in));
            }
            return out.iterator();
        }
    }
}
