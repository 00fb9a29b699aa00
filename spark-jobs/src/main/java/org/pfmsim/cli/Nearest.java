package org.pfmsim.cli;

import java.util.Collection;

/** The known key closest to a misspelled one, by edit distance on the last path segment and the whole path. */
final class Nearest {
    private Nearest() {
    }

    static String of(String key, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = Math.min(distance(key, k), distance(last(key), last(k)) + distance(parent(key), parent(k)));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        // Past half the key's length a "suggestion" is noise.
        return bestDistance <= Math.max(2, key.length() / 2) ? best : null;
    }

    private static String last(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static String parent(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
