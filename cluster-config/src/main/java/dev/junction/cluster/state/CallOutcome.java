package dev.junction.cluster.state;

/**
 * How a call on a deployment ended.
 *
 * @param admitted whether the call had been admitted (and so counted in flight and in a window)
 * @param admittedWindow the window it was charged to
 * @param tokenCorrection reported tokens minus the estimate charged at admission
 * @param success whether it succeeded
 * @param judged whether the outcome says anything about the deployment; a call refused by an open circuit
 *     breaker or abandoned by its client only frees its in-flight slot
 * @param latencySeconds the whole call's latency, or null when it says nothing (a failure)
 * @param firstTokenSeconds a stream's time to first token, or null
 * @param maxSamples how many latency samples to keep ({@code max_latency_list_size})
 * @param endedAtMillis when the call ended (epoch millis)
 * @param legacyFailWindowMillis how close failures must be to add up under the legacy cooldown rule
 */
public record CallOutcome(
        boolean admitted,
        long admittedWindow,
        long tokenCorrection,
        boolean success,
        boolean judged,
        Double latencySeconds,
        Double firstTokenSeconds,
        int maxSamples,
        long endedAtMillis,
        long legacyFailWindowMillis) {}
