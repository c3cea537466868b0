package dev.junction.gateway.keys;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Completes a valid key into its {@link Caller.KeyHolder}: the key's user, its membership of its team and its
 * team's organisation, each from the cluster cache (a memory read once cached). A user or organisation the
 * store does not have is simply absent: the key then holds to its own and its team's limits only.
 */
public final class KeyHolders {
    private final KeyDirectory directory;

    public KeyHolders(KeyDirectory directory) {
        this.directory = directory;
    }

    /** @param team the key's team, checked usable, or null */
    public Future<Caller> of(VirtualKey key, Team team) {
        String userId = key.userId();
        Future<Optional<User>> user =
                userId == null ? Future.succeededFuture(Optional.empty()) : directory.user(userId);
        Future<Optional<TeamMember>> member = userId == null || team == null
                ? Future.succeededFuture(Optional.empty())
                : directory.member(team.teamId(), userId);
        Future<Optional<Organization>> organization = team == null || team.organizationId() == null
                ? Future.succeededFuture(Optional.empty())
                : directory.organization(team.organizationId());
        Future<Optional<Budget>> budget = organization.compose(found -> found.isEmpty()
                ? Future.succeededFuture(Optional.empty())
                : directory.budget(found.get().budgetId()));
        return Future.all(user, member, budget)
                .map(all -> new Caller.KeyHolder(
                        key,
                        team,
                        user.result().orElse(null),
                        member.result().orElse(null),
                        organization.result().orElse(null),
                        budget.result().orElse(null)));
    }
}
