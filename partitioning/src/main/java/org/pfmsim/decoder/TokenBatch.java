package org.pfmsim.decoder;

import java.io.Serializable;
import org.pfmsim.config.Checks;
import org.pfmsim.config.ConfigException;
import org.pfmsim.rng.CounterRng;
import org.pfmsim.rng.Purpose;

/**
 * The input of a decoder: {@code batch} sequences of {@code length} token ids, row-major (every position
 * is a token; activations are (batch x length) x width). {@code labels} holds, for each position, the
 * token the model should predict there, or {@link #NO_LABEL}.
 *
 * <p>Without a labels file the labels are the input's own next tokens (teacher forcing, the usual
 * language-model accuracy): position t of a sequence is labelled with token t + 1, the last position of
 * each sequence has no label. An id reader (.npy, Parquet) builds a TokenBatch through the constructor.
 */
public record TokenBatch(int batch, int length, int[] ids, int[] labels) implements Serializable {
    public static final int NO_LABEL = -1;

    public TokenBatch {
        Checks.intRange("batch.size", batch, 1, 1 << 20);
        Checks.intRange("model.decoder.sequence-length", length, 1, 1 << 20);
        if (ids.length != (long) batch * length || labels.length != ids.length) {
            throw new IllegalArgumentException("token batch of " + batch + " x " + length + " has " + ids.length
                    + " ids and " + labels.length + " labels");
        }
    }

    public int tokens() {
        return ids.length;
    }

    /** Ids with next-token labels. */
    public static TokenBatch withNextTokenLabels(int batch, int length, int[] ids) {
        int[] labels = new int[ids.length];
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < length; t++) {
                labels[s * length + t] = t + 1 < length ? ids[s * length + t + 1] : NO_LABEL;
            }
        }
        return new TokenBatch(batch, length, ids, labels);
    }

    /** Uniform random ids in [0, vocab), id (s, t) a pure function of (seed, s, t); next-token labels. */
    public static TokenBatch synthetic(long seed, int batch, int length, int vocab) {
        int[] ids = new int[Math.multiplyExact(batch, length)];
        for (int s = 0; s < batch; s++) {
            CounterRng stream = CounterRng.stream(seed, Purpose.TOKENS, 0, s, 0);
            for (int t = 0; t < length; t++) {
                ids[s * length + t] = (int) Math.min(vocab - 1, (long) Math.floor(stream.uniform(t) * vocab));
            }
        }
        return withNextTokenLabels(batch, length, ids);
    }

    /** Refuses ids outside the vocabulary, naming the first one. */
    public void requireVocabulary(int vocab) {
        for (int k = 0; k < ids.length; k++) {
            if (ids[k] < 0 || ids[k] >= vocab) {
                throw new ConfigException("token id " + ids[k] + " at sequence " + k / length + ", position "
                        + k % length + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
    }
}
