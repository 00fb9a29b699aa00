package org.pfmsim.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is made. Under spark-submit the master and resources come from its
 * options; without one, the embedded default is local Spark on every core of this machine.
 */
public final class SparkSessions {
    /** Used when neither spark-submit nor the caller names a master. */
    public static final String EMBEDDED_MASTER = "local[*]";

    private SparkSessions() {
    }

    public static SparkConf conf(String appName) {
        SparkConf conf = new SparkConf()
                .setAppName(appName)
                .setIfMissing("spark.master", EMBEDDED_MASTER)
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.kryo.registrator", PfmKryoRegistrator.class.getName())
                // One BLAS/OpenMP thread per task: task slots already use every core (STACK.md 3.4).
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
                .setIfMissing("spark.ui.enabled", "false")
                // Each layer broadcasts its input activations (1 MB at width 8192, batch 16) and its task
                // binary. Compressing them cost 2 ms of driver time per layer between layers at 10^9
                // parameters (measured); a cluster with a slow network can turn it back on with --conf.
                .setIfMissing("spark.broadcast.compress", "false")
                // A task returns its units' partial sums (196 KB per 512-column unit at batch 16). Above 1 MB,
                // Spark's default, a result is parked in the block manager and fetched: 8 ms from task end to
                // result against 3 ms sent directly (measured at 10^9 parameters, 1.6 MB results).
                .setIfMissing("spark.task.maxDirectResultSize", "64m")
                .setIfMissing("spark.sql.shuffle.partitions", "8")
                .setIfMissing("spark.driver.host", "127.0.0.1")
                .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        return conf;
    }

    public static SparkSession start(String appName) {
        SparkSession spark = SparkSession.builder().config(conf(appName)).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
