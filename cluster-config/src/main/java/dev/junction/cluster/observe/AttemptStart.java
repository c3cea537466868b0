package dev.junction.cluster.observe;

import dev.junction.config.Deployment;

/**
 * An attempt about to call a deployment.
 *
 * @param deployment the deployment chosen
 * @param modelGroup the group it was chosen in
 * @param retry 0 for the group's first attempt, then 1, 2, ... for its retries
 * @param choosingNanos {@link System#nanoTime()} when choosing this deployment began
 * @param startedNanos {@link System#nanoTime()} when the deployment was chosen and the call began
 */
public record AttemptStart(
        Deployment deployment, String modelGroup, int retry, long choosingNanos, long startedNanos) {}
