package org.pfmsim.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.cli.PfmCli;
import org.pfmsim.results.ResultRows;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;

/**
 * A checkpoint read from HDFS and results written to HDFS (an in-JVM MiniDFSCluster) are identical to
 * the same run on local files: the reader and the result store only speak the Hadoop FileSystem API.
 */
class HdfsRoundTripTest {
    private static MiniDFSCluster dfs;
    private static String hdfs;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
        hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
    }

    @AfterAll
    static void stopHdfs() {
        if (dfs != null) {
            dfs.shutdown();
        }
    }

    @Test
    void checkpointFromHdfsAndResultsToHdfsEqualLocalFiles() {
        String local = dir.resolve("local").toString();
        for (String base : List.of(hdfs + "/pfm", local)) {
            PfmCli.succeed("make-checkpoint", base + "/mlp.safetensors", "--widths", "96,128,64", "--seed", "5");
            PfmCli.succeed("run", "../conf/checkpoint-mlp.conf",
                    "--set", "model.checkpoint.path=" + base + "/mlp.safetensors",
                    "--set", "output.root=" + base + "/results", "--set", "tiling.partitions=3",
                    "--set", "output.tile-sample-rate=0.5", "--set", "batch.size=4");
        }
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("hdfs-test")).getOrCreate();
        try {
            for (String table : List.of("layers", "tiles")) {
                assertEquals(ResultRows.anonymous(spark, local + "/results", table),
                        ResultRows.anonymous(spark, hdfs + "/pfm/results", table), table);
            }
            ResultStore store = new ResultStore(spark, hdfs + "/pfm/results");
            Row run = store.read("runs").first();
            assertEquals("complete", run.getAs("status"));
            assertEquals(1, dfs.getFileSystem().globStatus(
                    new org.apache.hadoop.fs.Path("/pfm/results/runs/*/*/_SUCCESS")).length, "the commit marker is on HDFS");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            spark.stop();
        }
    }
}
