package dev.junction.gateway.keys;

import dev.junction.cluster.bus.KeyGrant;
import dev.junction.cluster.bus.SpendSubject;
import java.time.Instant;

/** What the router is told of a key holder: the limits and budgets its requests count against. */
public final class KeyGrants {
    private KeyGrants() {}

    public static KeyGrant of(Caller.KeyHolder holder) {
        VirtualKey key = holder.key();
        SpendSubject keySubject = subject(
                keySubject(key.token()),
                key.rpmLimit(),
                key.tpmLimit(),
                key.maxParallelRequests(),
                key.maxBudget(),
                key.budgetDuration(),
                key.spend(),
                key.budgetResetAt());
        Team team = holder.team();
        SpendSubject teamSubject = team == null
                ? null
                : subject(
                        teamSubject(team.teamId()),
                        team.rpmLimit(),
                        team.tpmLimit(),
                        team.maxParallelRequests(),
                        team.maxBudget(),
                        team.budgetDuration(),
                        team.spend(),
                        team.budgetResetAt());
        return new KeyGrant(
                keySubject, teamSubject, Boolean.TRUE.equals(key.metadata().getValue("disable_fallbacks")));
    }

    private static SpendSubject subject(
            String id,
            Long rpmLimit,
            Long tpmLimit,
            Integer maxParallelRequests,
            Double maxBudget,
            String budgetDuration,
            double spend,
            Instant budgetResetAt) {
        return new SpendSubject(
                id,
                rpmLimit,
                tpmLimit,
                maxParallelRequests,
                maxBudget,
                budgetDuration == null ? null : DurationText.parse(budgetDuration),
                spend,
                budgetResetAt == null ? 0 : budgetResetAt.toEpochMilli());
    }

    public static String keySubject(String token) {
        return "key:" + token;
    }

    public static String teamSubject(String teamId) {
        return "team:" + teamId;
    }
}
