package org.pfmsim.decoder;

/**
 * How the physical model's next-token predictions compare with the digital model's, over every position
 * of the batch, from the two chains' logits (tokens x vocab).
 *
 * <ul>
 *   <li>{@code top1Agreement}: fraction of positions where argmax of the physical logits equals argmax of
 *       the digital logits (ties go to the lowest id).</li>
 *   <li>{@code klDivergence}: mean over positions of KL(p_digital || p_physical) = sum_v p_d(v) (log p_d(v)
 *       - log p_p(v)) in nats, p = softmax(logits), computed from log-softmax in float64.</li>
 *   <li>{@code accuracy} and {@code accuracyDigital}: fraction of labelled positions where the physical
 *       (digital) model's top-1 prediction is the label; NaN when no position has a label.</li>
 * </ul>
 */
public record HeadMetrics(double top1Agreement, double klDivergence, double accuracy, double accuracyDigital,
                          long positions, long labelled) {

    /**
     * @param labels per position, the expected token or {@link TokenBatch#NO_LABEL}
     */
    public static HeadMetrics of(float[] digitalLogits, float[] physicalLogits, int vocab, int[] labels) {
        int positions = digitalLogits.length / vocab;
        long agree = 0;
        long labelled = 0;
        long correct = 0;
        long correctDigital = 0;
        double kl = 0;
        double[] logPd = new double[vocab];
        double[] logPp = new double[vocab];
        for (int t = 0; t < positions; t++) {
            int o = t * vocab;
            int topD = logSoftmax(digitalLogits, o, vocab, logPd);
            int topP = logSoftmax(physicalLogits, o, vocab, logPp);
            agree += topD == topP ? 1 : 0;
            double klt = 0;
            for (int j = 0; j < vocab; j++) {
                klt += Math.exp(logPd[j]) * (logPd[j] - logPp[j]);
            }
            kl += klt;
            if (labels[t] != TokenBatch.NO_LABEL) {
                labelled++;
                correct += topP == labels[t] ? 1 : 0;
                correctDigital += topD == labels[t] ? 1 : 0;
            }
        }
        double none = Double.NaN;
        return new HeadMetrics((double) agree / positions, kl / positions,
                labelled == 0 ? none : (double) correct / labelled,
                labelled == 0 ? none : (double) correctDigital / labelled, positions, labelled);
    }

    /** Fills log softmax of logits[o, o + n) into out; returns the argmax (first of ties). */
    private static int logSoftmax(float[] logits, int o, int n, double[] out) {
        int top = 0;
        for (int j = 1; j < n; j++) {
            if (logits[o + j] > logits[o + top]) {
                top = j;
            }
        }
        double max = logits[o + top];
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(logits[o + j] - max);
        }
        double logSum = max + Math.log(sum);
        for (int j = 0; j < n; j++) {
            out[j] = logits[o + j] - logSum;
        }
        return top;
    }
}
