package dev.junction.gateway.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.CallOwner;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.spend.CallRecord;
import dev.junction.cluster.spend.SpendWrite;
import dev.junction.gateway.keys.Budget;
import dev.junction.gateway.keys.DuplicateEntryException;
import dev.junction.gateway.keys.EndUser;
import dev.junction.gateway.keys.OrgMember;
import dev.junction.gateway.keys.Organization;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.TeamMember;
import dev.junction.gateway.keys.User;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the stores of users, memberships, organisations, budgets, end users and spend logs do, run against each
 * database by a subclass. One database for the class; every case makes its own ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ManagementStoreContract {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    JdbcKeyStore store;
    ManagementStores stores;

    abstract JdbcKeyStore open();

    @BeforeAll
    void start() {
        store = open();
        stores = store.management();
    }

    @AfterAll
    void stop() {
        store.close();
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static User user(String id, String email, String role) {
        return new User(
                id,
                email,
                "Alias " + id,
                role,
                List.of("gpt-4o"),
                5.0,
                "30d",
                T0.plusSeconds(60),
                10L,
                1000L,
                2,
                new JsonObject().put("k", "v"),
                0,
                T0,
                T0);
    }

    @Test
    void a_user_round_trips_and_its_email_is_unique_in_any_case() {
        String id = id("u");
        User user = user(id, id + "@Example.com", "proxy_admin");
        stores.users().insert(user);
        assertThat(stores.users().find(id)).contains(user);
        assertThat(stores.users().findByEmail(id.toUpperCase() + "@EXAMPLE.COM"))
                .contains(user);
        assertThatThrownBy(() -> stores.users().insert(user(id("other"), id + "@example.com", null)))
                .isInstanceOf(DuplicateEntryException.class)
                .extracting(failure -> ((DuplicateEntryException) failure).field())
                .isEqualTo("user_email");
        assertThatThrownBy(() -> stores.users().insert(user(id, null, null)))
                .isInstanceOf(DuplicateEntryException.class)
                .extracting(failure -> ((DuplicateEntryException) failure).field())
                .isEqualTo("user_id");
        User changed = new User(
                id,
                null,
                "Ada",
                "internal_user",
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                99,
                T0,
                T0.plusSeconds(5));
        assertThat(stores.users().update(changed)).isTrue();
        assertThat(stores.users().find(id).orElseThrow().userAlias()).isEqualTo("Ada");
        assertThat(stores.users().find(id).orElseThrow().spend())
                .as("update keeps spend")
                .isZero();
    }

    @Test
    void users_are_listed_by_role_ids_email_and_team() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String first = "list-" + tag + "-first";
        String second = "list-" + tag + "-second";
        stores.users().insert(user(first, first + "@mail.test", "proxy_admin_viewer"));
        stores.users().insert(user(second, "x_" + tag + "@mail.test", "internal_user"));
        String team = id("team");
        store.insertTeam(
                new Team(team, null, List.of(), null, null, null, null, null, null, null, null, 0, false, T0, T0));
        stores.teamMembers().insert(new TeamMember(team, second, null, "user", null, 0, T0, T0));

        Page<User> byRole = stores.users()
                .list(new UserFilter("proxy_admin_viewer", List.of(first, second), null, null, null, false), 0, 10);
        assertThat(byRole.rows()).extracting(User::userId).containsExactly(first);
        assertThat(stores.users()
                        .list(new UserFilter(null, List.of(tag), null, null, null, false), 0, 10)
                        .total())
                .isEqualTo(2);
        // An e-mail part with LIKE's wildcard characters matches them literally.
        assertThat(stores.users()
                        .list(new UserFilter(null, List.of(), "x_" + tag, null, null, false), 0, 10)
                        .rows())
                .extracting(User::userId)
                .containsExactly(second);
        assertThat(stores.users()
                        .list(new UserFilter(null, List.of(), null, team, null, false), 0, 10)
                        .rows())
                .extracting(User::userId)
                .containsExactly(second);
        assertThat(stores.users()
                        .list(new UserFilter(null, List.of(first, second), null, null, "user_id", true), 0, 10)
                        .rows())
                .extracting(User::userId)
                .containsExactly(second, first);
    }

    @Test
    void deleting_users_takes_their_keys_and_memberships() {
        String id = id("gone");
        stores.users().insert(user(id, null, null));
        String team = id("team");
        store.insertTeam(
                new Team(team, null, List.of(), null, null, null, null, null, null, null, null, 0, false, T0, T0));
        stores.teamMembers().insert(new TeamMember(team, id, null, "admin", 3.0, 0, T0, T0));
        String token = id("token");
        store.insertKey(new VirtualKey(
                token, null, null, null, null, null, null, null, null, null, null, null, null, team, id, 0, false, T0,
                T0));
        assertThat(stores.users().keyCounts(List.of(id))).containsEntry(id, 1);

        UserStore.Deleted deleted = stores.users().delete(List.of(id, "never-was"));
        assertThat(deleted.userIds()).containsExactly(id);
        assertThat(deleted.keyTokens()).containsExactly(token);
        assertThat(deleted.memberships()).hasSize(1);
        assertThat(store.findKey(token)).isEmpty();
        assertThat(stores.teamMembers().ofTeam(team)).isEmpty();
    }

    @Test
    void a_membership_is_unique_and_goes_with_its_team() {
        String team = id("team");
        String user = id("user");
        TeamMember member = new TeamMember(team, user, "a@b.c", "user", 2.5, 0, T0, T0);
        stores.teamMembers().insert(member);
        assertThat(stores.teamMembers().find(team, user)).contains(member);
        assertThatThrownBy(() -> stores.teamMembers().insert(member))
                .isInstanceOf(DuplicateEntryException.class)
                .extracting(failure -> ((DuplicateEntryException) failure).field())
                .isEqualTo("member");
        assertThat(stores.teamMembers().update(new TeamMember(team, user, "a@b.c", "admin", null, 0, T0, T0)))
                .isTrue();
        assertThat(stores.teamMembers().ofUser(user))
                .extracting(TeamMember::role)
                .containsExactly("admin");
        assertThat(stores.teamMembers().deleteOfTeams(List.of(team))).hasSize(1);
        assertThat(stores.teamMembers().find(team, user)).isEmpty();
    }

    @Test
    void spend_reaches_users_members_organisations_and_end_users() {
        String user = id("spender");
        stores.users().insert(user(user, null, null));
        String team = id("team");
        stores.teamMembers().insert(new TeamMember(team, user, null, "user", 1.0, 0, T0, T0));
        String budget = id("budget");
        stores.budgets().insert(budget(budget, 10.0));
        String org = id("org");
        stores.organizations()
                .insert(new Organization(org, "Org", budget, List.of(), null, 0, null, null, null, T0, T0));
        String endUser = id("customer");
        stores.endUsers().insert(new EndUser(endUser, null, false, 0, "eu", null, budget, null, null, T0, T0));

        Instant next = T0.plusSeconds(3600);
        List<SpendWrite> writes = List.of(
                new SpendWrite(SpendSubject.USER + user, "w1", 1.5, true, next.toEpochMilli()),
                new SpendWrite(SpendSubject.memberId(team, user), "w1", 0.25, false, 0),
                new SpendWrite(SpendSubject.ORG + org, "w1", 2.0, false, 0),
                new SpendWrite(SpendSubject.END_USER + endUser, "w1", 0.5, false, 0),
                new SpendWrite(SpendSubject.END_USER + "never-was", "w1", 9.0, false, 0));
        store.writeSpend(writes);
        // A write repeated under its id (its member died before confirming it) changes nothing.
        store.writeSpend(writes);
        assertThat(stores.users().find(user).orElseThrow().spend()).isEqualTo(1.5);
        assertThat(stores.users().find(user).orElseThrow().budgetResetAt()).isEqualTo(next);
        assertThat(stores.teamMembers().find(team, user).orElseThrow().spend()).isEqualTo(0.25);
        assertThat(stores.organizations().find(org).orElseThrow().spend()).isEqualTo(2.0);
        assertThat(stores.endUsers().find(endUser).orElseThrow().spend()).isEqualTo(0.5);
        store.setSpend(SpendSubject.memberId(team, user), 0.0);
        assertThat(stores.teamMembers().find(team, user).orElseThrow().spend()).isZero();
    }

    static Budget budget(String id, Double maxBudget) {
        return new Budget(
                id, maxBudget, 1.0, 4, 100L, 10L, new JsonObject().put("gpt-4o", 1), "1d", T0, "me", "me", T0, T0);
    }

    @Test
    void a_budget_in_use_is_counted_and_one_round_trips() {
        String id = id("budget");
        Budget budget = budget(id, 3.0);
        stores.budgets().insert(budget);
        assertThat(stores.budgets().find(id)).contains(budget);
        assertThatThrownBy(() -> stores.budgets().insert(budget))
                .isInstanceOf(DuplicateEntryException.class)
                .extracting(failure -> ((DuplicateEntryException) failure).field())
                .isEqualTo("budget_id");
        stores.endUsers().insert(new EndUser(id("c"), null, false, 0, null, null, id, null, null, T0, T0));
        stores.orgMembers().insert(new OrgMember(id("o"), id("u"), "internal_user", 0, id, T0, T0));
        assertThat(stores.budgets().users(id)).isEqualTo(2);
        assertThat(stores.budgets().list()).extracting(Budget::budgetId).contains(id);
    }

    @Test
    void deleting_an_organisation_takes_its_teams_their_keys_and_members() {
        String budget = id("budget");
        stores.budgets().insert(budget(budget, null));
        String org = id("org");
        stores.organizations()
                .insert(new Organization(org, "Org", budget, List.of("gpt-4o"), null, 0, null, null, null, T0, T0));
        String team = id("team");
        store.insertTeam(
                new Team(team, null, List.of(), null, null, null, null, null, null, null, null, 0, false, T0, T0, org));
        String token = id("token");
        store.insertKey(new VirtualKey(
                token, null, null, null, null, null, null, null, null, null, null, null, null, team, null, 0, false, T0,
                T0));
        stores.orgMembers().insert(new OrgMember(org, id("u"), "org_admin", 0, null, T0, T0));
        assertThat(stores.organizations().teams(org)).extracting(Team::teamId).containsExactly(team);

        OrganizationStore.Cascade deleted = stores.organizations().delete(org);
        assertThat(deleted.existed()).isTrue();
        assertThat(deleted.teamIds()).containsExactly(team);
        assertThat(deleted.keyTokens()).containsExactly(token);
        assertThat(store.findTeam(team)).isEmpty();
        assertThat(stores.orgMembers().members(org)).isEmpty();
        assertThat(stores.organizations().delete(org).existed()).isFalse();
    }

    @Test
    void spend_log_rows_are_written_read_grouped_and_expired() {
        String key = id("key");
        long start = T0.toEpochMilli();
        CallOwner owner = new CallOwner(key, "alias", "user-1", "team-1", null, "customer\u0000x".repeat(40));
        List<CallRecord> calls = List.of(
                new CallRecord(
                        "r1",
                        "acompletion",
                        owner,
                        "openai/gpt-4o",
                        "gpt-4o",
                        "d1",
                        "http://h/v1",
                        "openai",
                        10,
                        5,
                        0.02,
                        start,
                        start + 10,
                        true,
                        false),
                new CallRecord(
                        "r2",
                        "acompletion",
                        owner,
                        "openai/gpt-4o",
                        "gpt-4o",
                        "d1",
                        null,
                        "openai",
                        20,
                        10,
                        0,
                        start + 86_400_000L,
                        start + 86_400_010L,
                        true,
                        true),
                new CallRecord(
                        "r3",
                        "aembedding",
                        CallOwner.NONE,
                        null,
                        "embed",
                        null,
                        null,
                        null,
                        0,
                        0,
                        0,
                        start + 1000,
                        start + 1001,
                        false,
                        false));
        stores.spendLogs().insert(calls);

        SpendLogFilter ofKey = new SpendLogFilter(key, null, null, null, null);
        assertThat(stores.spendLogs().rows(ofKey, 10))
                .extracting(SpendLogRow::requestId)
                .containsExactly("r2", "r1");
        SpendLogRow first = stores.spendLogs()
                .rows(new SpendLogFilter(null, null, "r1", null, null), 10)
                .get(0);
        assertThat(first.endUser())
                .as("cut to the column, NUL dropped")
                .hasSize(255)
                .doesNotContain("\u0000");
        assertThat(first.totalTokens()).isEqualTo(15);
        assertThat(first.cacheHit()).isFalse();
        assertThat(stores.spendLogs()
                        .rows(new SpendLogFilter(null, null, "r2", null, null), 10)
                        .get(0)
                        .cacheHit())
                .as("a cache hit")
                .isTrue();
        assertThat(stores.spendLogs().total(ofKey)).isEqualTo(0.02);

        List<SpendLogGroup> daily = stores.spendLogs().grouped(ofKey, List.of("model"), true, 10);
        assertThat(daily)
                .extracting(SpendLogGroup::day)
                .containsExactlyInAnyOrder(start / 86_400_000L, start / 86_400_000L + 1);
        List<SpendLogGroup> byModel = stores.spendLogs()
                .grouped(
                        new SpendLogFilter(null, null, null, start, start + 2 * 86_400_000L),
                        List.of("model_group"),
                        false,
                        10);
        assertThat(byModel.get(0).value("model_group")).isEqualTo("gpt-4o");
        assertThat(byModel.get(0).calls()).isEqualTo(2);
        assertThat(byModel.get(0).promptTokens()).isEqualTo(30);

        assertThat(stores.spendLogs().deleteBefore(start + 86_400_000L)).isGreaterThanOrEqualTo(2);
        assertThat(stores.spendLogs().rows(ofKey, 10))
                .extracting(SpendLogRow::requestId)
                .containsExactly("r2");
    }
}
