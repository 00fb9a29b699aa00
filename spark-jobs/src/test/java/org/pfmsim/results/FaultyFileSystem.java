package org.pfmsim.results;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * Hadoop's local file system with faults injected, one instance per simulated process: renames slowed (as on
 * HDFS under load or an object store, where a writer's window between two renames is long), and a kill at a
 * chosen step. Steps are the mutating calls (create, mkdirs, rename, delete), numbered from 1; at the kill step
 * the call throws {@link Killed} before doing anything, and from then on every call of this instance throws it,
 * as if the process were gone: no clean-up, no lock release, no heartbeat. Or, instead of a kill, one failing
 * step: that call throws an {@link IOException} (a full disk, a lost connection) and the process lives on.
 */
public final class FaultyFileSystem extends LocalFileSystem {
    /** The simulated process died; an Error so that no {@code catch (IOException | RuntimeException)} stops it. */
    public static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed(String message) {
            super(message);
        }
    }

    private final AtomicInteger steps = new AtomicInteger();
    private final long renameDelayMillis;
    private final int killAtStep;
    private final int failAtStep;
    private volatile String killAtName;
    private volatile boolean dead;

    private FaultyFileSystem(long renameDelayMillis, int killAtStep, int failAtStep) {
        this.renameDelayMillis = renameDelayMillis;
        this.killAtStep = killAtStep;
        this.failAtStep = failAtStep;
    }

    /**
     * @param renameDelayMillis added to every rename, ms
     * @param killAtStep        the mutating call that kills this process (1 = the first), or 0 for never
     */
    public static FaultyFileSystem of(long renameDelayMillis, int killAtStep) {
        return initialized(new FaultyFileSystem(renameDelayMillis, killAtStep, 0));
    }

    /** A file system that kills its process at the first mutating call on a path named {@code name}. */
    public static FaultyFileSystem killedAt(String name) {
        FaultyFileSystem fs = initialized(new FaultyFileSystem(0, 0, 0));
        fs.killAtName = name;
        return fs;
    }

    /** A file system whose mutating call number {@code step} fails with an IOException, and no other. */
    public static FaultyFileSystem failingAt(int step) {
        return initialized(new FaultyFileSystem(0, 0, step));
    }

    private static FaultyFileSystem initialized(FaultyFileSystem fs) {
        try {
            fs.initialize(URI.create("file:///"), new Configuration());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return fs;
    }

    /** How many mutating calls were made (the last one being the kill, if it came). */
    public int steps() {
        return steps.get();
    }

    public boolean killed() {
        return dead;
    }

    private void step(String what, Path path) throws IOException {
        alive();
        int n = steps.incrementAndGet();
        if (n == killAtStep || path.getName().equals(killAtName)) {
            dead = true;
            throw new Killed("killed at step " + n + ": " + what + " " + path);
        }
        if (n == failAtStep) {
            throw new IOException("injected failure at step " + n + ": " + what + " " + path);
        }
    }

    private void alive() {
        if (dead) {
            throw new Killed("the process is dead");
        }
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        step("rename", src);
        try {
            Thread.sleep(renameDelayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        alive();
        return super.rename(src, dst);
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        step("delete", f);
        return super.delete(f, recursive);
    }

    @Override
    public boolean mkdirs(Path f) throws IOException {
        step("mkdirs", f);
        return super.mkdirs(f);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        step("create", f);
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        alive();
        return super.getFileStatus(f);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        alive();
        return super.listStatus(f);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        alive();
        return super.open(f, bufferSize);
    }

    @Override
    public void setTimes(Path p, long mtime, long atime) throws IOException {
        alive();
        super.setTimes(p, mtime, atime);
    }
}
