package org.pfmsim.cli;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.pfmsim.config.ConfigException;
import scala.Tuple2;

/**
 * {@code output.root}: a local path or a Hadoop URI. What can be known from the value alone is checked when
 * the config is bound (before Spark starts): it is not blank, it parses as a Hadoop path, and its scheme has
 * a file system on the classpath. Whether the root can be written is a property of the world, not of the
 * config; the result store proves that by writing a probe file before any work (exit status 1).
 */
final class OutputRoot {
    private static final String KEY = "output.root";

    private OutputRoot() {
    }

    static String check(String root) {
        if (root.isBlank()) {
            throw ConfigException.of(KEY, "\"\"", "a local path or Hadoop URI");
        }
        Path path;
        try {
            path = new Path(root);
        } catch (IllegalArgumentException e) {
            throw ConfigException.of(KEY, root, "a local path or Hadoop URI (" + ConfigLoader.oneLine(e.getMessage())
                    + ")");
        }
        String scheme = path.toUri().getScheme();
        if (scheme != null) {
            try {
                FileSystem.getFileSystemClass(scheme, hadoopConfiguration());
            } catch (IOException e) {
                throw ConfigException.of(KEY, root, "a local path or a Hadoop URI whose scheme has a file system "
                        + "(none for scheme " + scheme + ")");
            }
        }
        return root;
    }

    /** Hadoop's defaults plus the spark.hadoop.* settings, as the SparkSession will see them. */
    private static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        for (Tuple2<String, String> kv : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
            conf.set(kv._1(), kv._2());
        }
        return conf;
    }
}
