package org.pfmsim.compensation;

/**
 * The tunable digital corrections a fabricated matrix can be given (config {@code compensation.kind}), each
 * fitted from probe reads through the device and applied to every later read. In increasing number of tunable
 * parameters: none, one gain per tile, one gain per tile column, a per-column affine map, a rank-r update of
 * the layer's matrix.
 */
public enum CorrectionKind {
    /** Reads are used as measured. */
    NONE,
    /**
     * aihwkit's GlobalDriftCompensation: y <- alpha y with alpha = mean |m_0| / mean |m_t|, the probe reads
     * at the baseline age (right after programming) over those at the evaluation age, read through the device
     * both times (no digital model involved: the anchor users compare with).
     */
    DRIFT_GLOBAL_GAIN,
    /** aihwkit's PerColumnDriftCompensation: the same ratio per column. */
    DRIFT_COLUMN_GAIN,
    /** y <- g y, one g per tile, fitted to the digital model's answers. */
    GLOBAL_GAIN,
    /** y_j <- g_j y_j per tile column (aihwkit's PerColumnDriftCompensation family). */
    COLUMN_GAIN,
    /**
     * y_j <- g_j y_j + b_j + c_j sum_i x_i per tile column: the gain catches multiplicative aging (PCM drift),
     * the input-sum term an additive conductance shift (every weight of the column off by the same delta, whose
     * effect delta sum_i x_i no gain can model), the offset a constant output error (bias correction, Nagel
     * et al. 2019).
     */
    COLUMN_AFFINE,
    /** y <- y + x U V, U (inputs x r) and V (r x outputs) per layer: a LoRA-style digital update of rank r. */
    LOW_RANK
}
