package dev.junction.gateway.keys;

import dev.junction.cluster.bus.SpendSubject;

/**
 * A request's end user and the budget it references: what its requests count against.
 *
 * @param endUser the end user
 * @param budget its budget, or null when it has none
 */
public record EndUserLimits(EndUser endUser, Budget budget) {
    /** The end user as a holder of limits: its budget's, counted under {@code end_user:<id>}. */
    public SpendSubject subject() {
        String id = SpendSubject.END_USER + endUser.userId();
        if (budget == null) {
            return new SpendSubject(id, null, null, null, null, null, endUser.spend(), 0);
        }
        return KeyGrants.budgetSubject(id, budget, endUser.spend(), endUser.budgetResetAt());
    }
}
