package org.pfmsim.compensation;

/**
 * The inputs a lab applies to characterize a fabricated matrix (config {@code compensation.probe-kind}).
 * Every kind is ±1 or 0/1 valued, so no probe can coincide with a model activation by accident, and each is
 * drawn from its own stream ({@link org.pfmsim.rng.Purpose#PROBES}), never from the evaluation inputs.
 */
public enum ProbeKind {
    /** Independent ±1 entries (Rademacher): every probe drives every input; input sums vary from probe to probe. */
    RANDOM,
    /**
     * Unit vectors e_(p mod width), as aihwkit's drift readout ({@code eye(in_size)}): probe p reads row
     * p mod width alone. Every input sum is 1, so an input-sum term cannot be told from an offset.
     */
    ONE_HOT,
    /**
     * Rows of the Sylvester Hadamard matrix of order N = the next power of two at or above the width,
     * restricted to the first width columns: H_pi = (-1)^popcount(p AND i). Orthogonal when the width is a
     * power of two (then X^T X = P I for P = N probes), the best SNR per read under additive read noise
     * (every probe uses all inputs), and at most N distinct probes.
     */
    HADAMARD
}
