package dev.junction.bench.load;

/**
 * When each request of an open-loop run is due: request {@code i} at {@code start + i * periodNanos}, until
 * {@code end}; those due from {@code measureFrom} on are measured, the earlier ones warm up.
 */
record Schedule(long start, long measureFrom, long end, double periodNanos) {

    long due(long sequence) {
        return start + (long) (sequence * periodNanos);
    }

    boolean measured(long due) {
        return due >= measureFrom;
    }
}
