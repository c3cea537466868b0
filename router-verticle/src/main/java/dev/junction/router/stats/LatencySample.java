package dev.junction.router.stats;

import java.time.Instant;

/**
 * One observed latency of a deployment.
 *
 * @param at when the call ended, so samples older than the strategy's ttl can be ignored
 * @param seconds the measured value. LiteLLM records seconds per completion token (whole call, or time to
 *     first token for streams); whatever the recorder chooses, every sample of a group must use the same
 *     measure, because the strategy only compares them. A timed-out call is recorded as a 1000 s penalty.
 */
public record LatencySample(Instant at, double seconds) {}
