package org.pfmsim.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FsErrors;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * Local files under the scheme {@code fulldisk:}, as on a device with no space left for files whose name starts
 * with {@link #fullFor}: they are created, and every write to them throws Hadoop's {@code FSError} (what
 * {@link RawLocalFileSystem}'s streams throw on ENOSPC), so the error reaches the caller as an Error.
 */
public final class FullDiskFileSystem extends RawLocalFileSystem {
    /** Name prefix of the files that find the disk full ("" for all). */
    static volatile String fullFor = "";

    @Override
    public URI getUri() {
        return URI.create("fulldisk:///");
    }

    @Override
    public String getScheme() {
        return "fulldisk";
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        return full(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        return full(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    private static FSDataOutputStream full(Path f, FSDataOutputStream real) throws IOException {
        if (!f.getName().startsWith(fullFor)) {
            return real;
        }
        real.close();
        return new FSDataOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                throw FsErrors.noSpaceLeft();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                throw FsErrors.noSpaceLeft();
            }
        }, null);
    }
}
