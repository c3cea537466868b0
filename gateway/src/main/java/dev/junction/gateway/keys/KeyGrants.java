package dev.junction.gateway.keys;

import dev.junction.cluster.bus.KeyGrant;
import dev.junction.cluster.bus.SpendSubject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        List<String> tags = new ArrayList<>(tags(key.metadata()));
        if (team != null) {
            tags.addAll(tags(team.metadata()));
        }
        return new KeyGrant(
                keySubject, teamSubject, Boolean.TRUE.equals(key.metadata().getValue("disable_fallbacks")), tags);
    }

    /** {@code metadata.tags}, where LiteLLM keeps the {@code tags} of a key or team; strings only. */
    private static List<String> tags(JsonObject metadata) {
        if (metadata == null || !(metadata.getValue("tags") instanceof JsonArray tags)) {
            return List.of();
        }
        return tags.stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
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
