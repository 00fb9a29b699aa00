package org.pfmsim.task;

import org.pfmsim.decoder.TokenBatch;

/**
 * What a model still does, from the two chains' final outputs (class scores or next-token logits,
 * positions x classes): the one computation of task metrics for every model, an MLP classifier (one
 * position per sample, the label its class id) and a decoder (one position per token, the label the next
 * token) alike.
 *
 * <ul>
 *   <li>{@code top1Agreement}: fraction of positions where argmax of the physical scores equals argmax of
 *       the digital scores (ties go to the lowest class).</li>
 *   <li>{@code klDivergence}: mean over positions of KL(p_digital || p_physical) = sum_c p_d(c) (log p_d(c)
 *       - log p_p(c)) in nats, p = softmax(scores), computed from log-softmax in float64.</li>
 *   <li>{@code accuracy} and {@code accuracyDigital}: fraction of labelled positions where the physical
 *       (digital) model's top-1 is the label.</li>
 *   <li>{@code crossEntropy} and {@code crossEntropyDigital}: mean over labelled positions of -log p(label)
 *       in nats, physical (digital); {@link #perplexity()} is its exp.</li>
 * </ul>
 * The label metrics are NaN when no position has a label.
 *
 * @param positions  scored positions (samples of a classifier, tokens of a decoder)
 * @param labelled   positions with a label
 */
public record TaskMetrics(double top1Agreement, double klDivergence, double accuracy, double accuracyDigital,
                          double crossEntropy, double crossEntropyDigital, long positions, long labelled) {
    /**
     * @param labels per position, the expected class or {@link TokenBatch#NO_LABEL} (-1); null when there are no labels
     */
    public static TaskMetrics of(float[] digitalScores, float[] physicalScores, int classes, int[] labels) {
        if (digitalScores.length != physicalScores.length || digitalScores.length % classes != 0) {
            throw new IllegalArgumentException("scores of " + digitalScores.length + " and " + physicalScores.length
                    + " values are not positions x " + classes);
        }
        int positions = digitalScores.length / classes;
        if (labels != null && labels.length != positions) {
            throw new IllegalArgumentException(labels.length + " labels for " + positions + " positions");
        }
        long agree = 0;
        long labelled = 0;
        long correct = 0;
        long correctDigital = 0;
        double kl = 0;
        double nll = 0;
        double nllDigital = 0;
        double[] logPd = new double[classes];
        double[] logPp = new double[classes];
        for (int t = 0; t < positions; t++) {
            int o = t * classes;
            int topD = logSoftmax(digitalScores, o, classes, logPd);
            int topP = logSoftmax(physicalScores, o, classes, logPp);
            agree += topD == topP ? 1 : 0;
            double klt = 0;
            for (int j = 0; j < classes; j++) {
                klt += Math.exp(logPd[j]) * (logPd[j] - logPp[j]);
            }
            kl += klt;
            int label = labels == null ? TokenBatch.NO_LABEL : labels[t];
            if (label != TokenBatch.NO_LABEL) {
                labelled++;
                correct += topP == label ? 1 : 0;
                correctDigital += topD == label ? 1 : 0;
                nll -= logPp[label];
                nllDigital -= logPd[label];
            }
        }
        double none = Double.NaN;
        return new TaskMetrics((double) agree / positions, kl / positions,
                labelled == 0 ? none : (double) correct / labelled,
                labelled == 0 ? none : (double) correctDigital / labelled,
                labelled == 0 ? none : nll / labelled,
                labelled == 0 ? none : nllDigital / labelled, positions, labelled);
    }

    /** exp(cross entropy) of the physical model; NaN without labels. */
    public double perplexity() {
        return Math.exp(crossEntropy);
    }

    /** exp(cross entropy) of the digital model; NaN without labels. */
    public double perplexityDigital() {
        return Math.exp(crossEntropyDigital);
    }

    /** The argmax of scores[o, o + n) (first of ties): a position's top-1 class. */
    public static int argmax(float[] scores, int o, int n) {
        int top = 0;
        for (int j = 1; j < n; j++) {
            if (scores[o + j] > scores[o + top]) {
                top = j;
            }
        }
        return top;
    }

    /** Fills log softmax of scores[o, o + n) into out; returns the argmax (first of ties). */
    private static int logSoftmax(float[] scores, int o, int n, double[] out) {
        int top = argmax(scores, o, n);
        double max = scores[o + top];
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(scores[o + j] - max);
        }
        double logSum = max + Math.log(sum);
        for (int j = 0; j < n; j++) {
            out[j] = scores[o + j] - logSum;
        }
        return top;
    }
}
