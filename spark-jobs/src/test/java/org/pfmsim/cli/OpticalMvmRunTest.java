package org.pfmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfmsim.results.ResultStore;
import org.pfmsim.spark.SparkSessions;

/** {@code pfm run} of the shipped conf/optical-mvm.conf (shrunk) on Spark writes the optical run's tables. */
class OpticalMvmRunTest {
    @TempDir
    Path dir;

    @Test
    void shippedOpticalConfigRunsThroughPfmRun() {
        String root = dir.resolve("results").toString();
        PfmCli.Result r = PfmCli.run("run", Path.of("..", "conf", "optical-mvm.conf").toString(),
            "--set", "model.width=256", "--set", "model.output-width=64", "--set", "model.depth=3",
            "--set", "batch.size=8", "--set", "tiling.tile-rows=64", "--set", "tiling.tile-cols=64",
            "--set", "tiling.partitions=3", "--set", "output.root=" + root);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("platform optical-mvm"), r.out());
        SparkSession spark = SparkSession.builder().config(SparkSessions.conf("optical-run-test")).getOrCreate();
        try {
            ResultStore store = new ResultStore(spark, root);
            List<Row> runs = store.read("runs").collectAsList();
            assertEquals(1, runs.size());
            assertEquals("optical-mvm", runs.get(0).getAs("platform"));
            List<Row> layers = store.read("layers").orderBy("layer").collectAsList();
            assertEquals(3, layers.size());
            for (Row l : layers) {
                double local = l.getAs("rel_error_local");
                assertTrue(local > 0.001 && local < 0.5, "local error " + local);
                assertTrue((double) l.getAs("energy_joules") > 0 && (double) l.getAs("latency_seconds") > 0);
                assertTrue((double) l.getAs("area_m2") > 0);
            }
        } finally {
            spark.stop();
        }
    }
}
