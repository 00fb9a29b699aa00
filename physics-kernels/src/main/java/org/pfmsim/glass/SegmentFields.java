package org.pfmsim.glass;

/**
 * What every task of a depth segment needs, broadcast once per segment: the field entering the segment on
 * the ideal chain and on the physical chain, each batch x domain, row-major, interleaved (re, im) float.
 */
public final class SegmentFields {
    final int segment;
    final int batch;
    final float[] ideal;
    final float[] physical;

    public SegmentFields(int segment, int batch, float[] ideal, float[] physical) {
        if (ideal.length != physical.length || ideal.length % (2 * batch) != 0) {
            throw new IllegalArgumentException("segment " + segment + " fields are not batch " + batch + " x domain");
        }
        this.segment = segment;
        this.batch = batch;
        this.ideal = ideal;
        this.physical = physical;
    }
}
