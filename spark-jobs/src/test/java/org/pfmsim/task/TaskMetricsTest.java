package org.pfmsim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.decoder.TokenBatch;

/** Task metrics against hand-computed values; next-token labels of a token batch. */
class TaskMetricsTest {
    @Test
    void klDivergenceAgreementAndAccuracyEqualTheirClosedForms() {
        // Position 0: p_digital = softmax(0, ln 2) = (1/3, 2/3), p_physical = (1/2, 1/2); top-1 1 vs 0 (tie -> 0).
        // Position 1: identical distributions, top-1 0.
        float ln2 = (float) Math.log(2);
        float[] digital = {0, ln2, 5, 1};
        float[] physical = {7, 7, 5, 1};
        TaskMetrics m = TaskMetrics.of(digital, physical, 2, new int[] {1, TokenBatch.NO_LABEL});
        double pd0 = 1 / (1 + Math.exp(ln2));
        double pd1 = 1 - pd0;
        double kl0 = pd0 * Math.log(pd0 / 0.5) + pd1 * Math.log(pd1 / 0.5);
        assertEquals(kl0 / 2, m.klDivergence(), 1e-12);
        assertEquals(0.5, m.top1Agreement());
        assertEquals(0.0, m.accuracy(), "physical predicts 0, label 1");
        assertEquals(1.0, m.accuracyDigital(), "digital predicts 1, label 1");
        assertEquals(1, m.labelled());
        // Cross entropy over the one labelled position: -log p(1).
        assertEquals(-Math.log(0.5), m.crossEntropy(), 1e-12);
        assertEquals(-Math.log(pd1), m.crossEntropyDigital(), 1e-12);
        assertEquals(2.0, m.perplexity(), 1e-12);
        assertTrue(Double.isNaN(TaskMetrics.of(digital, physical, 2, new int[] {-1, -1}).accuracy()));
        assertTrue(Double.isNaN(TaskMetrics.of(digital, physical, 2, null).crossEntropy()), "no labels at all");
    }

    @Test
    void labelsAreTheNextTokenOfEachSequenceAndIdsOutsideTheVocabularyAreRefused() {
        TokenBatch b = TokenBatch.withNextTokenLabels(2, 3, new int[] {4, 5, 6, 7, 8, 9});
        assertArrayEquals(new int[] {5, 6, -1, 8, 9, -1}, b.labels());
        ConfigException e = assertThrows(ConfigException.class, () -> b.requireVocabulary(9));
        assertEquals("token id 9 at sequence 1, position 2 is outside the vocabulary [0, 9)", e.getMessage());
        TokenBatch s = TokenBatch.synthetic(3, 4, 50, 7);
        for (int id : s.ids()) {
            assertTrue(id >= 0 && id < 7);
        }
        assertArrayEquals(s.ids(), TokenBatch.synthetic(3, 4, 50, 7).ids(), "a pure function of the seed");
    }
}
