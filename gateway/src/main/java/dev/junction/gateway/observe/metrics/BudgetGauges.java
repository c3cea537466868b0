package dev.junction.gateway.observe.metrics;

import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.SpendState;
import dev.junction.gateway.keys.KeyDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The remaining budgets of keys and teams, from the cluster's live spend counters (the budget ledger) and
 * the budgets the key store holds. Only subjects with a budget that spent since the cluster started have a
 * counter, as in LiteLLM, which reports a key's budget when the key calls.
 */
final class BudgetGauges {
    private static final double MILLIS_PER_HOUR = 3_600_000d;

    private final Vertx vertx;
    private final BudgetLedger ledger;
    private final KeyDirectory directory;
    private final MultiGauge keyRemaining;
    private final MultiGauge keyMax;
    private final MultiGauge keyHours;
    private final MultiGauge teamRemaining;
    private final MultiGauge teamMax;
    private final MultiGauge teamHours;

    BudgetGauges(MeterRegistry registry, Vertx vertx, BudgetLedger ledger, KeyDirectory directory) {
        this.vertx = vertx;
        this.ledger = ledger;
        this.directory = directory;
        keyRemaining = gauge(registry, "litellm_remaining_api_key_budget_metric", "Remaining budget for api key");
        keyMax = gauge(registry, "litellm_api_key_max_budget_metric", "Maximum budget set for api key");
        keyHours = gauge(
                registry,
                "litellm_api_key_budget_remaining_hours_metric",
                "Remaining hours for api key budget to be reset");
        teamRemaining = gauge(registry, "litellm_remaining_team_budget_metric", "Remaining budget for team");
        teamMax = gauge(registry, "litellm_team_max_budget_metric", "Maximum budget set for team");
        teamHours = gauge(
                registry, "litellm_team_budget_remaining_hours_metric", "Remaining days for team budget to be reset");
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String help) {
        return MultiGauge.builder(name).description(help).register(registry);
    }

    Future<Void> refresh() {
        return vertx.executeBlocking(ledger::all, false).compose(this::set);
    }

    private Future<Void> set(Map<String, SpendState> spend) {
        Rows keys = new Rows();
        Rows teams = new Rows();
        long now = System.currentTimeMillis();
        List<Future<?>> lookups = new ArrayList<>();
        spend.forEach((subject, state) -> {
            if (subject.startsWith("key:")) {
                lookups.add(directory
                        .key(subject.substring(4))
                        .onSuccess(found -> found.ifPresent(key -> keys.add(
                                Tags.of("hashed_api_key", key.token(), "api_key_alias", orNone(key.keyAlias())),
                                key.maxBudget(),
                                state,
                                now))));
            } else if (subject.startsWith("team:")) {
                lookups.add(directory
                        .team(subject.substring(5))
                        .onSuccess(found -> found.ifPresent(team -> teams.add(
                                Tags.of("team", team.teamId(), "team_alias", orNone(team.teamAlias())),
                                team.maxBudget(),
                                state,
                                now))));
            }
        });
        return Future.join(lookups).transform(done -> {
            keyRemaining.register(keys.remaining, true);
            keyMax.register(keys.max, true);
            keyHours.register(keys.hours, true);
            teamRemaining.register(teams.remaining, true);
            teamMax.register(teams.max, true);
            teamHours.register(teams.hours, true);
            return Future.succeededFuture();
        });
    }

    private static String orNone(String value) {
        return value == null ? MeterFamily.NONE : value;
    }

    /** The rows of one kind of subject; lookups complete on the event loop one at a time. */
    private static final class Rows {
        final List<MultiGauge.Row<?>> remaining = new ArrayList<>();
        final List<MultiGauge.Row<?>> max = new ArrayList<>();
        final List<MultiGauge.Row<?>> hours = new ArrayList<>();

        synchronized void add(Tags tags, Double maxBudget, SpendState state, long now) {
            if (maxBudget == null) {
                return;
            }
            remaining.add(MultiGauge.Row.of(tags, maxBudget - state.spend()));
            max.add(MultiGauge.Row.of(tags, maxBudget));
            if (state.resetAtMillis() > 0) {
                hours.add(MultiGauge.Row.of(tags, Math.max(0, state.resetAtMillis() - now) / MILLIS_PER_HOUR));
            }
        }
    }
}
