package dev.junction.gateway.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.spend.SpendWrite;
import dev.junction.gateway.keys.DuplicateEntryException;
import dev.junction.gateway.keys.KeyStore;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KeyStore} does, run against each database by a subclass. */
abstract class KeyStoreContract {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    KeyStore store;

    /** A store on a fresh, empty database. */
    abstract KeyStore openFresh();

    /** A new store (a new pool) on the database of the last {@link #openFresh()}, as after a restart. */
    abstract KeyStore reopen();

    @BeforeEach
    void open() {
        store = openFresh();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static VirtualKey key(String token, String alias, String teamId, Instant createdAt) {
        return new VirtualKey(
                token,
                "sk-...abcd",
                alias,
                List.of("gpt-4o", "claude-3"),
                createdAt.plusSeconds(86400),
                10.5,
                "30d",
                createdAt.plusSeconds(30 * 86400L),
                100L,
                20_000L,
                4,
                new JsonObject().put("disable_fallbacks", true).put("tags", List.of("a", "b")),
                Map.of("fast", "gpt-4o-mini"),
                teamId,
                "user-1",
                0,
                false,
                createdAt,
                createdAt);
    }

    static VirtualKey key(String token) {
        return key(token, null, null, T0);
    }

    static Team team(String teamId, Instant createdAt) {
        return new Team(
                teamId,
                "Team " + teamId,
                List.of("gpt-4o"),
                Map.of("gpt-4", "gpt-4o"),
                100.0,
                "1mo",
                createdAt.plusSeconds(86400),
                60L,
                60_000L,
                8,
                new JsonObject().put("owner", "platform"),
                0,
                false,
                createdAt,
                createdAt);
    }

    static VirtualKey withAlias(VirtualKey key, String alias) {
        return new VirtualKey(
                key.token(),
                key.keyName(),
                alias,
                key.models(),
                key.expires(),
                key.maxBudget(),
                key.budgetDuration(),
                key.budgetResetAt(),
                key.rpmLimit(),
                key.tpmLimit(),
                key.maxParallelRequests(),
                key.metadata(),
                key.aliases(),
                key.teamId(),
                key.userId(),
                key.spend(),
                key.blocked(),
                key.createdAt(),
                key.updatedAt());
    }

    @Test
    void a_key_round_trips_with_every_field() {
        VirtualKey key = key("t1", "alias-1", "team-a", T0);
        store.insertKey(key);
        assertThat(store.findKey("t1")).contains(key);
        assertThat(store.findKeyByAlias("alias-1")).contains(key);
        assertThat(store.findKey("t2")).isEmpty();
        VirtualKey bare = new VirtualKey(
                "t3", null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0, true, T0,
                T0);
        store.insertKey(bare);
        assertThat(store.findKey("t3")).contains(bare);
    }

    @Test
    void update_replaces_the_settings_but_never_the_spend() {
        store.insertKey(key("t1"));
        addSpend(Map.of("key:t1", 2.5));
        VirtualKey changed = new VirtualKey(
                "t1",
                "sk-...wxyz",
                "renamed",
                List.of(),
                null,
                null,
                null,
                null,
                5L,
                null,
                null,
                new JsonObject().put("x", 1),
                Map.of(),
                "team-b",
                null,
                999,
                true,
                T0.plusSeconds(5),
                T0.plusSeconds(60));

        assertThat(store.updateKey(changed)).isTrue();

        VirtualKey stored = store.findKey("t1").orElseThrow();
        assertThat(stored.spend()).isEqualTo(2.5);
        assertThat(stored.createdAt()).as("creation time is kept").isEqualTo(T0);
        assertThat(withSpendAndCreation(stored, 999, T0.plusSeconds(5))).isEqualTo(changed);
        assertThat(store.updateKey(key("missing"))).isFalse();
    }

    private static VirtualKey withSpendAndCreation(VirtualKey k, double spend, Instant createdAt) {
        return new VirtualKey(
                k.token(),
                k.keyName(),
                k.keyAlias(),
                k.models(),
                k.expires(),
                k.maxBudget(),
                k.budgetDuration(),
                k.budgetResetAt(),
                k.rpmLimit(),
                k.tpmLimit(),
                k.maxParallelRequests(),
                k.metadata(),
                k.aliases(),
                k.teamId(),
                k.userId(),
                spend,
                k.blocked(),
                createdAt,
                k.updatedAt());
    }

    @Test
    void a_taken_token_or_alias_is_a_duplicate_naming_the_field() {
        store.insertKey(key("t1", "shared", null, T0));
        store.insertKey(key("t2", null, null, T0));
        store.insertKey(key("t3", null, null, T0)); // several keys without an alias

        assertThatThrownBy(() -> store.insertKey(key("t1", "other", null, T0)))
                .isInstanceOfSatisfying(DuplicateEntryException.class, e -> assertThat(e.field())
                        .isEqualTo("key"));
        assertThatThrownBy(() -> store.insertKey(key("t4", "shared", null, T0)))
                .isInstanceOfSatisfying(DuplicateEntryException.class, e -> assertThat(e.field())
                        .isEqualTo("key_alias"));
        assertThatThrownBy(() -> store.updateKey(withAlias(key("t2"), "shared")))
                .isInstanceOfSatisfying(DuplicateEntryException.class, e -> assertThat(e.field())
                        .isEqualTo("key_alias"));
        assertThat(store.findKey("t2").orElseThrow().keyAlias()).isNull();
        assertThat(store.updateKey(withAlias(key("t1"), "shared")))
                .as("its own alias")
                .isTrue();
    }

    @Test
    void keys_are_listed_and_counted_in_creation_order_optionally_by_team() {
        for (int i = 0; i < 5; i++) {
            store.insertKey(key("t" + i, null, i % 2 == 0 ? "even" : "odd", T0.plusSeconds(10 - i)));
        }
        assertThat(store.listKeys(null, 0, 10))
                .extracting(VirtualKey::token)
                .containsExactly("t4", "t3", "t2", "t1", "t0");
        assertThat(store.listKeys(null, 1, 2)).extracting(VirtualKey::token).containsExactly("t3", "t2");
        assertThat(store.listKeys("even", 0, 10)).extracting(VirtualKey::token).containsExactly("t4", "t2", "t0");
        assertThat(store.countKeys(null)).isEqualTo(5);
        assertThat(store.countKeys("odd")).isEqualTo(2);
        assertThat(store.countKeys("none")).isZero();
    }

    @Test
    void delete_returns_the_keys_that_existed() {
        store.insertKey(key("t1"));
        store.insertKey(key("t2"));
        assertThat(store.deleteKeys(List.of("t2", "nope", "t1", "t1"))).containsExactlyInAnyOrder("t1", "t2");
        assertThat(store.findKey("t1")).isEmpty();
        assertThat(store.deleteKeys(List.of("t1"))).isEmpty();
        assertThat(store.deleteKeys(List.of())).isEmpty();
    }

    @Test
    void a_regenerated_key_keeps_its_spend_and_settings() {
        VirtualKey old = key("old", "alias", "team", T0);
        store.insertKey(old);
        store.insertKey(key("other"));
        addSpend(Map.of("key:old", 1.25));

        assertThat(store.replaceToken("old", "new", "sk-...new1", T0.plusSeconds(9)))
                .isTrue();

        assertThat(store.findKey("old")).isEmpty();
        VirtualKey renamed = store.findKey("new").orElseThrow();
        assertThat(renamed.spend()).isEqualTo(1.25);
        assertThat(renamed.keyName()).isEqualTo("sk-...new1");
        assertThat(renamed.updatedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(renamed.keyAlias()).isEqualTo("alias");
        assertThat(renamed.models()).isEqualTo(old.models());
        assertThat(store.replaceToken("missing", "x", "sk-...x", T0)).isFalse();
        assertThatThrownBy(() -> store.replaceToken("new", "other", "sk-...", T0))
                .isInstanceOfSatisfying(DuplicateEntryException.class, e -> assertThat(e.field())
                        .isEqualTo("key"));
    }

    @Test
    void teams_are_created_found_listed_updated_and_deleted() {
        Team a = team("a", T0.plusSeconds(2));
        Team b = team("b", T0.plusSeconds(1));
        store.insertTeam(a);
        store.insertTeam(b);
        store.insertKey(key("t1", null, "a", T0));
        assertThat(store.findTeam("a")).contains(a);
        assertThat(store.listTeams(0, 10)).containsExactly(b, a);
        assertThat(store.listTeams(1, 10)).containsExactly(a);
        assertThatThrownBy(() -> store.insertTeam(team("a", T0)))
                .isInstanceOfSatisfying(DuplicateEntryException.class, e -> assertThat(e.field())
                        .isEqualTo("team_id"));

        addSpend(Map.of("team:a", 3.0));
        Team blocked = new Team(
                "a", null, null, null, null, null, null, null, null, null, null, 0, true, T0, T0.plusSeconds(99));
        assertThat(store.updateTeam(blocked)).isTrue();
        Team stored = store.findTeam("a").orElseThrow();
        assertThat(stored.blocked()).isTrue();
        assertThat(stored.teamAlias()).isNull();
        assertThat(stored.spend()).isEqualTo(3.0);
        assertThat(stored.createdAt()).isEqualTo(a.createdAt());
        assertThat(store.updateTeam(team("nope", T0))).isFalse();

        assertThat(store.deleteTeams(List.of("a", "nope"))).containsExactly("a");
        assertThat(store.findTeam("a")).isEmpty();
        assertThat(store.findKey("t1")).as("a team's keys stay").isPresent();
    }

    /** Adds amounts as the cluster writes them: each subject under a write id of its own. */
    void addSpend(Map<String, Double> amounts) {
        store.writeSpend(amounts.entrySet().stream()
                .map(amount -> write(amount.getKey(), amount.getValue(), null))
                .toList());
    }

    private static SpendWrite write(String subjectId, double amount, Instant resetAt) {
        return new SpendWrite(
                subjectId,
                UUID.randomUUID().toString(),
                amount,
                resetAt != null,
                resetAt == null ? 0 : resetAt.toEpochMilli());
    }

    @Test
    void write_spend_resets_first_then_adds_and_skips_unknown_subjects() {
        store.insertKey(key("t1"));
        store.insertKey(key("t2"));
        store.insertTeam(team("a", T0));
        addSpend(Map.of("key:t1", 5.0, "key:t2", 1.0, "team:a", 7.0));
        Instant next = T0.plus(30, ChronoUnit.DAYS);

        store.writeSpend(List.of(
                write("key:t1", 0.5, next),
                write("team:a", 0, next),
                write("key:gone", 0, next),
                write("key:t2", 0.25, null),
                write("team:gone", 1.0, null)));

        assertThat(store.findKey("t1").orElseThrow().spend()).isEqualTo(0.5);
        assertThat(store.findKey("t1").orElseThrow().budgetResetAt()).isEqualTo(next);
        assertThat(store.findKey("t2").orElseThrow().spend()).isEqualTo(1.25);
        assertThat(store.findKey("t2").orElseThrow().budgetResetAt())
                .isEqualTo(key("t2").budgetResetAt());
        assertThat(store.findTeam("a").orElseThrow().spend()).isZero();
        assertThat(store.findTeam("a").orElseThrow().budgetResetAt()).isEqualTo(next);
        assertThatThrownBy(() -> addSpend(Map.of("user:x", 1.0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_write_repeated_under_its_id_is_applied_once() {
        store.insertKey(key("t1"));
        store.insertTeam(team("a", T0));
        List<SpendWrite> first = List.of(write("key:t1", 0.75, null), write("team:a", 2.0, null));

        store.writeSpend(first);
        store.writeSpend(first);
        store.writeSpend(List.of(write("key:t1", 0.25, null)));
        store.writeSpend(List.of(first.get(1)));

        assertThat(store.findKey("t1").orElseThrow().spend()).isEqualTo(1.0);
        assertThat(store.findTeam("a").orElseThrow().spend()).isEqualTo(2.0);
    }

    @Test
    void concurrent_batches_lose_no_spend() throws Exception {
        store.insertKey(key("t1"));
        store.insertKey(key("t2"));
        store.insertTeam(team("a", T0));
        List<Thread> writers = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
            // Opposite subject orders in the batches: the store must still not deadlock.
            boolean even = w % 2 == 0;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    store.writeSpend(List.of(
                            write(even ? "key:t1" : "key:t2", even ? 0.25 : 0.5, null),
                            write(even ? "key:t2" : "key:t1", 0.125, null),
                            write("team:a", 1.0, null)));
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join(60_000);
        }
        assertThat(store.findKey("t1").orElseThrow().spend()).isEqualTo(50 * 0.25 + 50 * 0.125);
        assertThat(store.findKey("t2").orElseThrow().spend()).isEqualTo(50 * 0.5 + 50 * 0.125);
        assertThat(store.findTeam("a").orElseThrow().spend()).isEqualTo(100.0);
    }

    @Test
    void set_spend_overwrites_it() {
        store.insertKey(key("t1"));
        store.insertTeam(team("a", T0));
        addSpend(Map.of("key:t1", 5.0));
        store.setSpend("key:t1", 1.5);
        store.setSpend("team:a", 2.0);
        store.setSpend("key:gone", 1.0);
        assertThat(store.findKey("t1").orElseThrow().spend()).isEqualTo(1.5);
        assertThat(store.findTeam("a").orElseThrow().spend()).isEqualTo(2.0);
    }

    @Test
    void keys_teams_and_spend_survive_a_restart() {
        store.insertKey(key("t1", "alias", "a", T0));
        store.insertTeam(team("a", T0));
        addSpend(Map.of("key:t1", 4.0, "team:a", 6.0));
        store.close();

        store = reopen();

        assertThat(store.findKeyByAlias("alias").orElseThrow().spend()).isEqualTo(4.0);
        assertThat(store.findTeam("a").orElseThrow().spend()).isEqualTo(6.0);
        assertThat(store.countKeys(null)).isEqualTo(1);
        store.close();
        store = reopen(); // the migration is not run again
        assertThat(store.countKeys("a")).isEqualTo(1);
    }

    @Test
    void hostile_strings_are_stored_and_queried_as_plain_data() {
        String sql = "x'); DROP TABLE junction_keys; --";
        String big = "q'\"".repeat(7000); // 21 000 characters
        VirtualKey hostile = new VirtualKey(
                "t'1",
                sql,
                sql,
                List.of(sql, big),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new JsonObject().put("note", big).put("nul", "a\u0000b").put(sql, sql),
                Map.of(sql, big),
                sql,
                big,
                0,
                false,
                T0,
                T0);
        store.insertKey(hostile);
        store.insertTeam(new Team(
                sql,
                big,
                List.of(big),
                Map.of(big, sql),
                null,
                null,
                null,
                null,
                null,
                null,
                new JsonObject().put("nul", "\u0000"),
                0,
                false,
                T0,
                T0));

        assertThat(store.findKey("t'1")).contains(hostile);
        assertThat(store.findKeyByAlias(sql)).contains(hostile);
        assertThat(store.findTeam(sql).orElseThrow().teamAlias()).isEqualTo(big);
        assertThat(store.listKeys(sql, 0, 10)).containsExactly(hostile);
        assertThat(store.countKeys(null)).isEqualTo(1);
    }

    @Test
    void values_no_database_can_hold_are_refused_on_write_and_not_found_on_read() {
        store.insertKey(key("t1"));
        String nul = "sk-\u0000abc";
        String huge = "sk-" + "a".repeat(20_000);
        for (String token : List.of(nul, huge, "'; DROP TABLE junction_keys; --", "not-a-hash", "")) {
            assertThat(store.findKey(token)).isEmpty();
            assertThat(store.findKeyByAlias(token)).isEmpty();
            assertThat(store.findTeam(token)).isEmpty();
            assertThat(store.listKeys(token, 0, 10)).isEmpty();
            assertThat(store.deleteKeys(List.of(token))).isEmpty();
            assertThat(store.replaceToken(token, "x", "x", T0)).isFalse();
            assertThat(store.updateKey(key(token))).isFalse();
        }
        addSpend(Map.of("key:" + nul, 1.0, "key:" + huge, 1.0));
        assertThatThrownBy(() -> store.insertKey(key(nul)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> store.insertKey(key("t2", "a\u0000b", null, T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("key_alias");
        assertThatThrownBy(() -> store.insertKey(key("t2", "a".repeat(256), null, T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("key_alias");
        assertThatThrownBy(() -> store.insertTeam(team("a".repeat(256), T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("team_id");
        assertThat(store.countKeys(null)).isEqualTo(1);
    }
}
