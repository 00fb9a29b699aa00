package org.pfmsim.glass;

import java.io.Serializable;

/**
 * A glass volume's simulation domain cut for distributed beam propagation: lateral tiles of
 * {@code tileVoxels x tileVoxels} (the last row and column ragged) over a {@code domainX x domainY} domain,
 * each propagated in a window that adds a halo of {@code halo} voxels on every side, and the depth cut into
 * segments of {@code segmentSlices} slices (the last ragged), propagated one after another. After each segment
 * only the tiles' interiors are kept and reassembled; the next segment cuts its windows (interior plus halo)
 * from the assembled field, so the halo must be at least as wide as light spreads sideways over one segment
 * (computed from the optics by {@code BeamOptics.spreadVoxels}). Tiles are numbered row-major (y, then x).
 * Geometry is arithmetic; nothing is enumerated.
 */
public record VolumeGrid(int domainX, int domainY, int depth, int tileVoxels, int halo, int segmentSlices)
        implements Serializable {
    public VolumeGrid {
        if (domainX <= 0 || domainY <= 0 || depth <= 0 || tileVoxels <= 0 || halo < 0 || segmentSlices <= 0) {
            throw new IllegalArgumentException("volume grid " + domainX + "x" + domainY + "x" + depth + " in tiles of "
                    + tileVoxels + " (halo " + halo + "), segments of " + segmentSlices + ": sizes must be > 0");
        }
    }

    public int tilesX() {
        return (domainX + tileVoxels - 1) / tileVoxels;
    }

    public int tilesY() {
        return (domainY + tileVoxels - 1) / tileVoxels;
    }

    public int tileCount() {
        return Math.multiplyExact(tilesX(), tilesY());
    }

    public int segments() {
        return (depth + segmentSlices - 1) / segmentSlices;
    }

    /** First domain column of tile {@code tile}'s interior. */
    public int interiorX(int tile) {
        return check(tile) % tilesX() * tileVoxels;
    }

    public int interiorY(int tile) {
        return check(tile) / tilesX() * tileVoxels;
    }

    public int interiorWidth(int tile) {
        return Math.min(tileVoxels, domainX - interiorX(tile));
    }

    public int interiorHeight(int tile) {
        return Math.min(tileVoxels, domainY - interiorY(tile));
    }

    /** First domain column of the tile's window (may be negative: halos reach beyond the domain). */
    public int windowX(int tile) {
        return interiorX(tile) - halo;
    }

    public int windowY(int tile) {
        return interiorY(tile) - halo;
    }

    /**
     * Interior plus both halos, rounded up to the next 7-smooth number (2^a 3^b 5^c 7^d): mixed-radix FFTs of
     * such sizes are fast, while a prime size falls back to Bluestein's algorithm at several times the cost.
     * The extra columns widen the far halo.
     */
    public int windowWidth(int tile) {
        return smooth(interiorWidth(tile) + 2 * halo);
    }

    public int windowHeight(int tile) {
        return smooth(interiorHeight(tile) + 2 * halo);
    }

    /** The smallest 7-smooth number &gt;= n. */
    static int smooth(int n) {
        for (int m = Math.max(n, 1); ; m++) {
            int r = m;
            for (int p : new int[] {2, 3, 5, 7}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return m;
            }
        }
    }

    public int segmentStart(int segment) {
        if (segment < 0 || segment >= segments()) {
            throw new IndexOutOfBoundsException("segment " + segment + " outside [0, " + segments() + ")");
        }
        return segment * segmentSlices;
    }

    public int slicesIn(int segment) {
        return Math.min(segmentSlices, depth - segmentStart(segment));
    }

    private int check(int tile) {
        if (tile < 0 || tile >= tileCount()) {
            throw new IndexOutOfBoundsException("tile " + tile + " outside [0, " + tileCount() + ")");
        }
        return tile;
    }
}
