package dev.junction.gateway.keys;

import dev.junction.cluster.bus.KeyGrant;
import dev.junction.cluster.bus.SpendSubject;

/** What the router is told of a key holder: the limits and budgets its requests count against. */
public final class KeyGrants {
    private KeyGrants() {}

    public static KeyGrant of(Caller.KeyHolder holder) {
        VirtualKey key = holder.key();
        SpendSubject keySubject = new SpendSubject(
                keySubject(key.token()),
                key.rpmLimit(),
                key.tpmLimit(),
                key.maxParallelRequests(),
                key.maxBudget(),
                key.budgetDuration() == null ? null : DurationText.parse(key.budgetDuration()),
                key.spend(),
                key.budgetResetAt() == null ? 0 : key.budgetResetAt().toEpochMilli());
        Team team = holder.team();
        SpendSubject teamSubject = team == null
                ? null
                : new SpendSubject(
                        teamSubject(team.teamId()),
                        team.rpmLimit(),
                        team.tpmLimit(),
                        team.maxParallelRequests(),
                        team.maxBudget(),
                        team.budgetDuration() == null ? null : DurationText.parse(team.budgetDuration()),
                        team.spend(),
                        team.budgetResetAt() == null ? 0 : team.budgetResetAt().toEpochMilli());
        return new KeyGrant(
                keySubject, teamSubject, Boolean.TRUE.equals(key.metadata().getValue("disable_fallbacks")));
    }

    public static String keySubject(String token) {
        return "key:" + token;
    }

    public static String teamSubject(String teamId) {
        return "team:" + teamId;
    }
}
