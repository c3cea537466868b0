package dev.junction.cluster.spend;

/**
 * A call's hold on one subject's budget, from its reservation to its settlement.
 *
 * @param admitted whether the call may go ahead
 * @param state the subject's spend as the decision saw it
 * @param reserved USD reserved for the call
 * @param local whether this node decided alone because the cluster did not answer in time: the cluster holds no
 *     reservation for the call then
 */
public record BudgetHold(boolean admitted, SpendState state, double reserved, boolean local) {}
