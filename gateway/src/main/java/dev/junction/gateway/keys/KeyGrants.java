package dev.junction.gateway.keys;

import dev.junction.cluster.bus.CallOwner;
import dev.junction.cluster.bus.KeyGrant;
import dev.junction.cluster.bus.SpendSubject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the router is told of a caller: the limits and budgets its requests count against (its key, team, user,
 * team membership, organisation, and the request's end user) and whom its spend log rows name. The router
 * counts each subject ({@code router.keys.KeyGate}) in the cluster's ledger ({@code cluster.spend}).
 */
public final class KeyGrants {
    private KeyGrants() {}

    public static KeyGrant of(Caller.KeyHolder holder) {
        return of(holder, null);
    }

    /**
     * @param endUser the request's end user, or null
     * @return the grant; null for the master key without an end user, which nothing holds
     */
    public static KeyGrant of(Caller caller, EndUserLimits endUser) {
        List<SpendSubject> others = new ArrayList<>();
        SpendSubject key = null;
        SpendSubject team = null;
        boolean disableFallbacks = false;
        List<String> tags = new ArrayList<>();
        CallOwner owner = CallOwner.NONE;
        if (caller instanceof Caller.KeyHolder holder) {
            VirtualKey virtualKey = holder.key();
            key = keySubject(virtualKey);
            team = holder.team() == null ? null : teamSubject(holder.team());
            disableFallbacks = Boolean.TRUE.equals(virtualKey.metadata().getValue("disable_fallbacks"));
            addHolders(holder, others);
            tags.addAll(tags(virtualKey.metadata()));
            if (holder.team() != null) {
                tags.addAll(tags(holder.team().metadata()));
            }
            owner = new CallOwner(
                    virtualKey.token(),
                    virtualKey.keyAlias(),
                    virtualKey.userId(),
                    virtualKey.teamId(),
                    holder.team() == null ? null : holder.team().organizationId(),
                    null);
        }
        String region = null;
        if (endUser != null) {
            others.add(endUser.subject());
            region = endUser.endUser().allowedModelRegion();
            owner = owner.withEndUser(endUser.endUser().userId());
        }
        if (key == null && others.isEmpty() && region == null) {
            return null;
        }
        return new KeyGrant(key, team, disableFallbacks, others, region, owner, tags);
    }

    private static void addHolders(Caller.KeyHolder holder, List<SpendSubject> others) {
        User user = holder.user();
        if (user != null) {
            others.add(subject(
                    SpendSubject.USER + user.userId(),
                    user.rpmLimit(),
                    user.tpmLimit(),
                    user.maxParallelRequests(),
                    user.maxBudget(),
                    user.budgetDuration(),
                    user.spend(),
                    user.budgetResetAt()));
        }
        TeamMember member = holder.member();
        if (member != null) {
            others.add(subject(
                    SpendSubject.memberId(member.teamId(), member.userId()),
                    null,
                    null,
                    null,
                    member.maxBudgetInTeam(),
                    null,
                    member.spend(),
                    null));
        }
        Organization organization = holder.organization();
        Budget budget = holder.organizationBudget();
        if (organization != null && budget != null) {
            others.add(budgetSubject(
                    SpendSubject.ORG + organization.organizationId(),
                    budget,
                    organization.spend(),
                    organization.budgetResetAt()));
        }
    }

    private static SpendSubject keySubject(VirtualKey key) {
        return subject(
                keySubject(key.token()),
                key.rpmLimit(),
                key.tpmLimit(),
                key.maxParallelRequests(),
                key.maxBudget(),
                key.budgetDuration(),
                key.spend(),
                key.budgetResetAt());
    }

    private static SpendSubject teamSubject(Team team) {
        return subject(
                teamSubject(team.teamId()),
                team.rpmLimit(),
                team.tpmLimit(),
                team.maxParallelRequests(),
                team.maxBudget(),
                team.budgetDuration(),
                team.spend(),
                team.budgetResetAt());
    }

    /** The limits of a budget row, counted under {@code id} with the spend its holder has stored. */
    static SpendSubject budgetSubject(String id, Budget budget, double spend, Instant resetAt) {
        return subject(
                id,
                budget.rpmLimit(),
                budget.tpmLimit(),
                budget.maxParallelRequests(),
                budget.maxBudget(),
                budget.budgetDuration(),
                spend,
                resetAt);
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
        return SpendSubject.KEY + token;
    }

    public static String teamSubject(String teamId) {
        return SpendSubject.TEAM + teamId;
    }
}
