package dev.junction.gateway.keys;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.node.ClusterView;
import dev.junction.gateway.models.Propagation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keys, teams, users, team memberships, organisations, budgets and end users for the request path, cached for
 * the whole cluster. The store is the truth; a Hazelcast map per kind holds every entry any node has looked up
 * or changed, and each node keeps a local copy that the map's listeners update on every change. So a key (or a
 * user, ...) made on one node works on every node at once, and a deleted, blocked or changed one takes effect
 * everywhere before the admin call that made the change answers: the node that made it asks every member to take
 * it in and waits for each (see {@link DirectoryConfirmations}). A looked-up entry costs no network once cached
 * locally.
 *
 * <p>Ids the store does not have are remembered briefly on each node, and concurrent lookups of one id share
 * one query (see {@link ClusterCache}); store reads are bounded in time and refused at once during an outage
 * (see {@link StoreReads}), so an unknown key costs the database little and a database outage gives clients
 * a quick 503 instead of a slow 500.
 *
 * <p>Deletions leave a tombstone in the cluster map for a while, so that a node that read the entry from the
 * store just before it was deleted cannot put it back.
 */
public final class KeyDirectory {
    static final String KEYS_MAP = "junction.keys";
    static final String TEAMS_MAP = "junction.teams";

    private final KeyStore store;
    private final WorkerExecutor worker;
    private final DirectoryReads reads;
    private final ClusterCache<VirtualKey> keys;
    private final ClusterCache<Team> teams;
    private final ClusterCache<User> users;
    private final ClusterCache<TeamMember> members;
    private final ClusterCache<Organization> organizations;
    private final ClusterCache<Budget> budgets;
    private final ClusterCache<EndUser> endUsers;
    private final StoreReads storeReads;

    /** @param cacheTtl {@code user_api_key_cache_ttl}: entries are read from the store again after it; or null */
    public KeyDirectory(
            Vertx vertx, HazelcastInstance hazelcast, KeyStore store, WorkerExecutor worker, Duration cacheTtl) {
        this(vertx, hazelcast, store, DirectoryReads.NONE, worker, cacheTtl);
    }

    /**
     * @param reads users, memberships, organisations, budgets and end users from their stores
     * @param cacheTtl {@code user_api_key_cache_ttl}: entries are read from the store again after it; or null
     */
    public KeyDirectory(
            Vertx vertx,
            HazelcastInstance hazelcast,
            KeyStore store,
            DirectoryReads reads,
            WorkerExecutor worker,
            Duration cacheTtl) {
        this.store = store;
        this.worker = worker;
        this.reads = reads;
        this.storeReads = new StoreReads(vertx, worker, new StoreOutage(store.describe()));
        this.keys =
                new ClusterCache<>(vertx, hazelcast.getMap(KEYS_MAP), storeReads, KeyJson::key, KeyJson::of, cacheTtl);
        this.teams = new ClusterCache<>(
                vertx, hazelcast.getMap(TEAMS_MAP), storeReads, KeyJson::team, KeyJson::of, cacheTtl);
        this.users = new ClusterCache<>(
                vertx, hazelcast.getMap("junction.users"), storeReads, User::fromJson, User::toJson, cacheTtl);
        this.members = new ClusterCache<>(
                vertx,
                hazelcast.getMap("junction.members"),
                storeReads,
                TeamMember::fromJson,
                TeamMember::toJson,
                cacheTtl);
        this.organizations = new ClusterCache<>(
                vertx,
                hazelcast.getMap("junction.organizations"),
                storeReads,
                Organization::fromJson,
                Organization::toJson,
                cacheTtl);
        this.budgets = new ClusterCache<>(
                vertx, hazelcast.getMap("junction.budgets"), storeReads, Budget::fromJson, Budget::toJson, cacheTtl);
        this.endUsers = new ClusterCache<>(
                vertx,
                hazelcast.getMap("junction.end_users"),
                storeReads,
                EndUser::fromJson,
                EndUser::toJson,
                cacheTtl);
    }

    public KeyStore store() {
        return store;
    }

    /**
     * From now on an admin change is answered only once every member of {@code cluster} has it in its own copy
     * (see {@link DirectoryConfirmations}); this node answers the others' requests. Call before the node serves.
     */
    public Future<Void> confirmAcross(Vertx vertx, ClusterView cluster) {
        DirectoryConfirmations confirmations =
                new DirectoryConfirmations(new Propagation(vertx, cluster, Propagation.DEFAULT_BOUND));
        for (ClusterCache<?> cache : List.of(keys, teams, users, members, organizations, budgets, endUsers)) {
            confirmations.add(cache);
        }
        return confirmations.listen(vertx, cluster.nodeId()).mapEmpty();
    }

    /** Whether the store is taken as down: its last read failed and none was answered since. */
    public boolean storeDown() {
        return storeReads.storeDown();
    }

    /** Runs blocking store work on the store's worker threads. */
    public <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
        return worker.executeBlocking(work, false);
    }

    /** The key with this token (SHA-256 hex), if it exists. */
    public Future<Optional<VirtualKey>> key(String token) {
        return keys.find(token, () -> store.findKey(token));
    }

    public Future<Optional<Team>> team(String teamId) {
        return teams.find(teamId, () -> store.findTeam(teamId));
    }

    public Future<Optional<User>> user(String userId) {
        return users.find(userId, () -> reads.user().apply(userId));
    }

    public Future<Optional<TeamMember>> member(String teamId, String userId) {
        return members.find(memberKey(teamId, userId), () -> reads.member().apply(teamId, userId));
    }

    public Future<Optional<Organization>> organization(String organizationId) {
        return organizations.find(organizationId, () -> reads.organization().apply(organizationId));
    }

    public Future<Optional<Budget>> budget(String budgetId) {
        return budgets.find(budgetId, () -> reads.budget().apply(budgetId));
    }

    public Future<Optional<EndUser>> endUser(String userId) {
        return endUsers.find(userId, () -> reads.endUser().apply(userId));
    }

    /** Tells every node about a key made or changed (already written to the store). */
    public Future<Void> published(VirtualKey key) {
        return keys.publish(key.token(), key);
    }

    /** Tells every node a key is gone (already deleted from the store). */
    public Future<Void> removedKey(String token) {
        return keys.remove(token);
    }

    public Future<Void> published(Team team) {
        return teams.publish(team.teamId(), team);
    }

    public Future<Void> removedTeam(String teamId) {
        return teams.remove(teamId);
    }

    public Future<Void> published(User user) {
        return users.publish(user.userId(), user);
    }

    public Future<Void> removedUser(String userId) {
        return users.remove(userId);
    }

    public Future<Void> published(TeamMember member) {
        return members.publish(memberKey(member.teamId(), member.userId()), member);
    }

    public Future<Void> removedMember(String teamId, String userId) {
        return members.remove(memberKey(teamId, userId));
    }

    public Future<Void> published(Organization organization) {
        return organizations.publish(organization.organizationId(), organization);
    }

    public Future<Void> removedOrganization(String organizationId) {
        return organizations.remove(organizationId);
    }

    public Future<Void> published(Budget budget) {
        return budgets.publish(budget.budgetId(), budget);
    }

    public Future<Void> removedBudget(String budgetId) {
        return budgets.remove(budgetId);
    }

    public Future<Void> published(EndUser endUser) {
        return endUsers.publish(endUser.userId(), endUser);
    }

    public Future<Void> removedEndUser(String userId) {
        return endUsers.remove(userId);
    }

    private static String memberKey(String teamId, String userId) {
        return teamId + SpendSubject.MEMBER_SEPARATOR + userId;
    }
}
