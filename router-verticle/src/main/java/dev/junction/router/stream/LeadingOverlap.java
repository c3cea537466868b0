package dev.junction.router.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops what a continuation repeats of the answer the client already has. Models asked to carry on often
 * start again from the beginning of the sentence, or of the whole answer, and a prefill trimmed of its
 * trailing white space gets that white space written again.
 *
 * <p>The continuation's first text is held while it could still be such a repeat (while it reads as a
 * stretch of the text already sent). Once it cannot, the longest end of the sent text that it starts with is
 * dropped, if that is a plausible repeat rather than a coincidence: white space only, the whole sent text,
 * or at least {@value #MIN_OVERLAP} characters. Everything after passes through at once.
 */
final class LeadingOverlap {
    static final int MIN_OVERLAP = 8;
    /** Text held beyond this is released even if it still repeats: the client must not wait on a long restart. */
    static final int MAX_HELD = 4096;

    private final String sent;
    private final StringBuilder held = new StringBuilder();
    /** Positions in {@code sent} where the held text could be a repeat from; null until the first text. */
    private List<Integer> starts;

    private boolean decided;

    LeadingOverlap(String sent) {
        this.sent = sent;
        this.decided = sent.isEmpty();
    }

    boolean decided() {
        return decided;
    }

    /** Takes the continuation's next text; returns what can go to the client now ("" while undecided). */
    String accept(String piece) {
        if (decided) {
            return piece;
        }
        held.append(piece);
        narrow();
        boolean open = false;
        for (int start : starts) {
            open |= sent.length() - start > held.length();
        }
        return open && held.length() <= MAX_HELD ? "" : flush();
    }

    /** Decides now (the continuation ended, or sent something other than text): the held text, trimmed. */
    String flush() {
        if (decided) {
            return "";
        }
        decided = true;
        if (starts == null) {
            narrow();
        }
        int overlap = 0;
        for (int start : starts) {
            int length = sent.length() - start;
            if (length <= held.length() && length > overlap && plausible(start, length)) {
                overlap = length;
            }
        }
        return held.substring(overlap);
    }

    private boolean plausible(int start, int length) {
        return length >= MIN_OVERLAP || start == 0 || sent.substring(start).isBlank();
    }

    /** Keeps the starts from which the sent text reads as the held text does, as far as either goes. */
    private void narrow() {
        String text = held.toString();
        List<Integer> kept = new ArrayList<>();
        if (starts == null) {
            for (int start = 0; start < sent.length(); start++) {
                if (matches(start, text)) {
                    kept.add(start);
                }
            }
        } else {
            for (int start : starts) {
                if (matches(start, text)) {
                    kept.add(start);
                }
            }
        }
        starts = kept;
    }

    private boolean matches(int start, String text) {
        int length = Math.min(text.length(), sent.length() - start);
        return sent.regionMatches(start, text, 0, length);
    }
}
