package org.pfmsim.results;

/**
 * One row of the {@code outputs} table: the final outputs of both chains for one evaluated position (an
 * MLP's sample, a decoder's token) and its label.
 *
 * @param runId            run this row belongs to
 * @param sample           the input row (decoders: the sequence), 0-based, in file order
 * @param position         the token position within the sequence (0 for an MLP)
 * @param label            the class id the position should produce, or null without one
 * @param physicalTop1     argmax of the physical chain's outputs (first of ties)
 * @param digitalTop1      argmax of the digital chain's outputs
 * @param physical         the physical chain's outputs: every one, or the top k scores, highest first
 * @param digital          the digital chain's outputs, the same way
 * @param physicalClasses  the classes of {@code physical} when it holds the top k only, else null
 * @param digitalClasses   the classes of {@code digital} when it holds the top k only, else null
 */
public record OutputRecord(String runId, long sample, int position, Integer label, int physicalTop1,
                           int digitalTop1, float[] physical, float[] digital, int[] physicalClasses,
                           int[] digitalClasses) {
}
