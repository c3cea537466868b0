package dev.junction.testkit;

import java.util.ArrayList;
import java.util.List;

/** Splits text the way a model streams it: into consecutive pieces that concatenate back to the text. */
final class Pieces {
    private Pieces() {}

    /**
     * At most {@code n} non-empty pieces of near-equal length, never cutting a surrogate pair; an empty
     * text gives no pieces.
     */
    static List<String> split(String text, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("pieces must be at least 1, was " + n);
        }
        int[] codePoints = text.codePoints().toArray();
        int count = Math.min(n, codePoints.length);
        List<String> pieces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = codePoints.length * i / count;
            int to = codePoints.length * (i + 1) / count;
            pieces.add(new String(codePoints, from, to - from));
        }
        return pieces;
    }
}
