package dev.junction.cluster.state;

import java.lang.reflect.Array;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The newest samples of several runs laid end to end, oldest first, in one copy per run: appending the runs
 * sample by sample copied the whole window once per sample, on every admission.
 */
final class Samples {
    private Samples() {}

    /** The last {@code limit} values of {@code base}, {@code sent} and {@code pending}, in that order. */
    static double[] lastOf(int limit, double[] base, double[] sent, double[] pending) {
        return concat(limit, double[]::new, base, sent, pending);
    }

    /** As {@link #lastOf(int, double[], double[], double[])}, for sample times. */
    static long[] lastOf(int limit, long[] base, long[] sent, long[] pending) {
        return concat(limit, long[]::new, base, sent, pending);
    }

    /** {@code base} itself when nothing follows it, as the cluster sent it. */
    private static <A> A concat(int limit, IntFunction<A> create, A base, A sent, A pending) {
        int sentLength = Array.getLength(sent);
        int pendingLength = Array.getLength(pending);
        if (sentLength == 0 && pendingLength == 0) {
            return base;
        }
        int total = Array.getLength(base) + sentLength + pendingLength;
        int size = Math.max(0, Math.min(limit, total));
        A out = create.apply(size);
        int skip = total - size;
        int at = 0;
        for (A run : List.of(base, sent, pending)) {
            int length = Array.getLength(run);
            int from = Math.min(length, skip);
            skip -= from;
            System.arraycopy(run, from, out, at, length - from);
            at += length - from;
        }
        return out;
    }
}
