package org.pfmsim.sweep;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Creates a file only if no file of that name exists, atomically: of several processes racing, exactly one
 * succeeds. On HDFS (and object stores with conditional create) that is {@code create(path, overwrite=false)},
 * decided by the NameNode. Hadoop's local file system implements the same call as "exists? then open", which
 * two processes can both pass (RawLocalFileSystem.create in Hadoop 3.4), so local paths use the operating
 * system's exclusive create (O_CREAT|O_EXCL, {@link StandardOpenOption#CREATE_NEW}) instead.
 */
final class ExclusiveFile {
    private ExclusiveFile() {
    }

    /** Creates {@code path} holding {@code content}; false if it already exists. Parent directories are created. */
    static boolean create(FileSystem fs, Path path, byte[] content) throws IOException {
        File local = localFile(fs, path);
        if (local != null) {
            Files.createDirectories(local.toPath().getParent());
            try (OutputStream out = Files.newOutputStream(local.toPath(), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(content);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            return true;
        }
        if (!fs.mkdirs(path.getParent())) {
            throw new IOException("cannot create " + path.getParent());
        }
        try (FSDataOutputStream out = fs.create(path, false)) {
            out.write(content);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
        return true;
    }

    private static File localFile(FileSystem fs, Path path) {
        if (fs instanceof LocalFileSystem checksummed) {
            return checksummed.pathToFile(path);
        }
        if (fs instanceof RawLocalFileSystem raw) {
            return raw.pathToFile(path);
        }
        return null;
    }
}
