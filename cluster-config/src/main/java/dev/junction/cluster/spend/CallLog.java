package dev.junction.cluster.spend;

/**
 * Where finished calls go to become spend log rows: in batches, off the request path. Never blocks and never
 * fails the call.
 */
public interface CallLog {
    CallLog NONE = call -> {};

    void record(CallRecord call);
}
