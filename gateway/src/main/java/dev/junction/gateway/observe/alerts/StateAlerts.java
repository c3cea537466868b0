package dev.junction.gateway.observe.alerts;

import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.SpendState;
import dev.junction.config.AlertingSettings;
import dev.junction.gateway.keys.KeyDirectory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The alerts the cluster's state raises, looked at every {@link #CHECK_EVERY} off the request path: {@code
 * budget_alerts} (a key's or team's spend reached 85% of its budget, or all of it) and {@code db_exceptions}
 * (the key store stopped answering).
 */
final class StateAlerts implements AutoCloseable {
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    /** LiteLLM alerts on a budget once a day ({@code budget_alert_ttl}). */
    private static final Duration BUDGET_QUIET = Duration.ofHours(24);

    private final Vertx vertx;
    private final AlertingSettings settings;
    private final Alerter alerter;
    private final BudgetLedger ledger;
    private final KeyDirectory directory;
    private final AtomicBoolean storeWasDown = new AtomicBoolean();
    private final long timer;

    StateAlerts(Vertx vertx, AlertingSettings settings, Alerter alerter, BudgetLedger ledger, KeyDirectory directory) {
        this.vertx = vertx;
        this.settings = settings;
        this.alerter = alerter;
        this.ledger = ledger;
        this.directory = directory;
        this.timer = vertx.setPeriodic(CHECK_EVERY.toMillis(), id -> check());
    }

    private void check() {
        if (settings.sends("db_exceptions")) {
            boolean down = directory.storeDown();
            if (down && storeWasDown.compareAndSet(false, true)) {
                alerter.raise(new Alert(
                        "db_exceptions",
                        Alert.HIGH,
                        "DB Exception",
                        "The key store " + directory.store().describe()
                                + " stopped answering; keys not cached are refused with 503 until it answers again",
                        "store",
                        Duration.ofMinutes(1),
                        new JsonObject().put("event_group", "proxy")));
            } else if (!down) {
                storeWasDown.set(false);
            }
        }
        if (settings.sends("budget_alerts")) {
            vertx.executeBlocking(ledger::all, false).onSuccess(this::checkBudgets);
        }
    }

    private void checkBudgets(Map<String, SpendState> spend) {
        spend.forEach((subject, state) -> {
            if (subject.startsWith("key:")) {
                directory
                        .key(subject.substring(4))
                        .onSuccess(found -> found.ifPresent(key -> budget(
                                "key",
                                key.keyAlias() != null ? key.keyAlias() : key.keyName(),
                                key.token(),
                                key.maxBudget(),
                                state)));
            } else if (subject.startsWith("team:")) {
                directory
                        .team(subject.substring(5))
                        .onSuccess(found -> found.ifPresent(team -> budget(
                                "team",
                                team.teamAlias() != null ? team.teamAlias() : team.teamId(),
                                team.teamId(),
                                team.maxBudget(),
                                state)));
            }
        });
    }

    private void budget(String kind, String name, String id, Double maxBudget, SpendState state) {
        if (maxBudget == null || maxBudget <= 0) {
            return;
        }
        double used = state.spend() / maxBudget;
        if (used < 0.85) {
            return;
        }
        boolean crossed = used >= 1;
        JsonObject fields = new JsonObject()
                .put("event_group", kind)
                .put("spend", state.spend())
                .put("max_budget", maxBudget)
                .put(kind.equals("key") ? "token" : "team_id", id);
        alerter.raise(new Alert(
                "budget_alerts",
                crossed ? Alert.HIGH : Alert.MEDIUM,
                crossed ? "Budget Crossed" : "Budget close to its limit",
                String.format(
                        Locale.ROOT,
                        "%s `%s`: spend `%.6f` of max budget `%.6f` (%.0f%%)",
                        kind.equals("key") ? "Key" : "Team",
                        name,
                        state.spend(),
                        maxBudget,
                        used * 100),
                kind + ":" + id + (crossed ? ":crossed" : ":close") + ":" + state.resetAtMillis(),
                settings.argSeconds("budget_alert_ttl", BUDGET_QUIET),
                fields));
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
