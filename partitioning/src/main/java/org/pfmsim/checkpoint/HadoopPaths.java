package org.pfmsim.checkpoint;

import java.io.File;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a checkpoint or input file lives: any Hadoop URI ({@code file:}, {@code hdfs:}, {@code s3a:}, ...)
 * or a plain local path. File system settings (name nodes, object store credentials) come from the
 * Hadoop configuration files on the classpath ({@code HADOOP_CONF_DIR}), as everywhere in Hadoop.
 */
public final class HadoopPaths {
    private HadoopPaths() {
    }

    /** A plain path is a local file (never the cluster's default file system), made absolute. */
    public static Path path(String location) {
        if (!location.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return new Path(new File(location).getAbsoluteFile().toURI());
        }
        return new Path(location);
    }

    /**
     * The file system to read {@code path} from. For local files this is the raw local file system:
     * Hadoop's checksum layer over it reads whole 512-byte chunks and reopens the file on every
     * positioned read, and checkpoints come without its .crc side files anyway (the header checks stand
     * in for them).
     */
    public static FileSystem reader(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** The file system to write {@code path} to (through Hadoop's usual layers). */
    static FileSystem writer(Path path, Configuration conf) throws IOException {
        return path.getFileSystem(conf);
    }
}
