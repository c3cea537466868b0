package dev.junction.cluster.state;

import java.lang.reflect.Array;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The newest samples of several runs laid end to end, oldest first, in one copy per run: appending the runs
 * sample by sample copied the whole window once per sample, on every admission.
 */
final class Samples {
    private static final double[] NO_DOUBLES = new double[0];
    private static final long[] NO_LONGS = new long[0];

    private Samples() {}

    /** The last {@code limit} values of {@code base}, {@code sent} and {@code pending}, in that order. */
    static double[] lastOf(int limit, double[] base, double[] sent, double[] pending) {
        return concat(limit, double[]::new, base, sent, pending);
    }

    /** As {@link #lastOf(int, double[], double[], double[])}, for sample times. */
    static long[] lastOf(int limit, long[] base, long[] sent, long[] pending) {
        return concat(limit, long[]::new, base, sent, pending);
    }

    /** The last {@code limit} values of {@code base} followed by {@code more}. */
    static double[] lastOf(int limit, double[] base, double[] more) {
        return concat(limit, double[]::new, base, more, NO_DOUBLES);
    }

    /** As {@link #lastOf(int, double[], double[])}, for sample times. */
    static long[] lastOf(int limit, long[] base, long[] more) {
        return concat(limit, long[]::new, base, more, NO_LONGS);
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
