package dev.junction.cluster.state;

/** Four sample arrays that belong together: latencies and their times, times to first token and theirs. */
record SampleArrays(double[] latencies, long[] latencyTimes, double[] firstTokens, long[] firstTokenTimes) {

    /** A delta's arrays as they are now; adding a sample later replaces the delta's arrays, not these. */
    static SampleArrays of(UsageDelta delta) {
        return new SampleArrays(delta.latencies, delta.latencyTimes, delta.firstTokens, delta.firstTokenTimes);
    }

    boolean isEmpty() {
        return latencies.length == 0 && firstTokens.length == 0;
    }
}
