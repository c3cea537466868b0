package dev.junction.router;

import dev.junction.cluster.observe.AttemptObservation;
import dev.junction.cluster.state.Admission;
import dev.junction.config.Deployment;
import dev.junction.router.resolve.Resolution;

/**
 * One call on one deployment, admitted and counted.
 *
 * @param resolution the group the deployment was chosen in
 * @param deployment the chosen deployment
 * @param admission its admission (window and usage)
 * @param estimatedTokens the prompt tokens charged at admission
 * @param startedNanos when the call started
 * @param observation what watches this attempt
 */
record Attempt(
        Resolution resolution,
        Deployment deployment,
        Admission admission,
        long estimatedTokens,
        long startedNanos,
        AttemptObservation observation) {

    Attempt {
        observation = observation == null ? AttemptObservation.NONE : observation;
    }

    Attempt(
            Resolution resolution,
            Deployment deployment,
            Admission admission,
            long estimatedTokens,
            long startedNanos) {
        this(resolution, deployment, admission, estimatedTokens, startedNanos, AttemptObservation.NONE);
    }

    /** This attempt, watched by {@code watcher}. */
    Attempt observedBy(AttemptObservation watcher) {
        return new Attempt(resolution, deployment, admission, estimatedTokens, startedNanos, watcher);
    }
}
