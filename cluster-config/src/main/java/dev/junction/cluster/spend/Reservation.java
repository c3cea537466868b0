package dev.junction.cluster.spend;

/**
 * The answer to a request to reserve budget for a call.
 *
 * @param admitted whether the call may go ahead (and its estimate is now reserved)
 * @param state the subject's spend after the decision
 * @param periodReset whether this reservation started a new budget period (spend went back to 0)
 */
public record Reservation(boolean admitted, SpendState state, boolean periodReset) {}
