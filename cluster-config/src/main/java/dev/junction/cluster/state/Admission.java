package dev.junction.cluster.state;

/**
 * The outcome of asking to start a call on a deployment.
 *
 * @param admitted whether the call fits under the deployment's limits and was counted
 * @param usage the deployment's usage after the decision
 */
public record Admission(boolean admitted, UsageSnapshot usage) {}
