package dev.junction.cluster.spend;

import java.time.Instant;

/** Where settled spend goes to be persisted, in batches and off the request path. Never blocks. */
public interface SpendSink {
    SpendSink NONE = new SpendSink() {
        @Override
        public void add(String subjectId, double usd) {}

        @Override
        public void reset(String subjectId, Instant nextResetAt) {}
    };

    /** Adds a call's cost to a subject's spend. */
    void add(String subjectId, double usd);

    /** A budget period ended: the subject's spend is back to 0 until {@code nextResetAt}. */
    void reset(String subjectId, Instant nextResetAt);
}
