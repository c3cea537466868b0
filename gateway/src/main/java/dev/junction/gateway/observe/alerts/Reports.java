package dev.junction.gateway.observe.alerts;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.config.AlertingSettings;
import dev.junction.config.Deployment;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code daily_reports} and {@code spend_reports}, sent once for the cluster per period: every {@code
 * report_check_interval} (LiteLLM's default: an hour) each node adds its tallies to the cluster's, then tries to
 * take the current period's lease of each report (an atomic put-if-absent, as {@link Alerter} does for alerts).
 * The node that gets it takes the cluster's tallies and sends the report; since every node tries, the next
 * period's report goes out even when the node that sent the last one has left. A period is {@code
 * daily_report_frequency} (12 hours) or {@code spend_report_frequency} (7 days), counted from the epoch.
 */
final class Reports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);
    static final String DEPLOYMENT_TALLIES = "junction.reports.deployments";
    static final String SPEND_TALLIES = "junction.reports.spend";
    static final Duration DAILY_EVERY = Duration.ofHours(12);
    static final Duration CHECK_EVERY = Duration.ofHours(1);

    private final Vertx vertx;
    private final IMap<String, String> leases;
    private final IMap<String, double[]> deploymentTallies;
    private final IMap<String, double[]> spendTallies;
    private final String nodeId;
    private final ReportTallies tallies;
    private final Alerter alerter;
    private final Map<String, Deployment> byId;
    private final Duration dailyEvery;
    private final Duration spendEvery;
    private final long timer;

    Reports(
            Vertx vertx,
            HazelcastInstance hazelcast,
            String nodeId,
            AlertingSettings settings,
            Duration spendEvery,
            Alerter alerter,
            Map<String, Deployment> byId) {
        this.vertx = vertx;
        this.leases = hazelcast.getMap(Alerter.SENT_MAP);
        this.deploymentTallies = hazelcast.getMap(DEPLOYMENT_TALLIES);
        this.spendTallies = hazelcast.getMap(SPEND_TALLIES);
        this.nodeId = nodeId;
        this.alerter = alerter;
        this.byId = byId;
        this.dailyEvery =
                settings.sends("daily_reports") ? settings.argSeconds("daily_report_frequency", DAILY_EVERY) : null;
        this.spendEvery = settings.sends("spend_reports") ? spendEvery : null;
        this.tallies = new ReportTallies(dailyEvery != null, this.spendEvery != null);
        long check = settings.argSeconds("report_check_interval", CHECK_EVERY).toMillis();
        this.timer = enabled() ? vertx.setPeriodic(check, id -> check()) : -1;
    }

    /** Whether either report is sent; when not, nothing is counted. */
    boolean enabled() {
        return dailyEvery != null || spendEvery != null;
    }

    ReportTallies tallies() {
        return tallies;
    }

    private void check() {
        vertx.executeBlocking(this::due, false)
                .onSuccess(due -> due.forEach(alerter::deliver))
                .onFailure(failure -> LOG.warn("Could not reach the cluster for the reports: {}", failure.toString()));
    }

    /** Flushes this node's tallies, then the reports this node won the lease of. Blocking. */
    private List<Alert> due() {
        tallies.flushTo(deploymentTallies, spendTallies);
        List<Alert> due = new ArrayList<>();
        if (dailyEvery != null) {
            report(
                    "daily_reports",
                    dailyEvery,
                    deploymentTallies,
                    (taken, period) -> ReportTexts.daily(taken, byId, period, dailyEvery),
                    due);
        }
        if (spendEvery != null) {
            report(
                    "spend_reports",
                    spendEvery,
                    spendTallies,
                    (taken, period) -> ReportTexts.spend(taken, period, spendEvery),
                    due);
        }
        return due;
    }

    private void report(
            String type,
            Duration every,
            IMap<String, double[]> shared,
            BiFunction<Map<String, double[]>, Instant, Alert> text,
            List<Alert> due) {
        long period = System.currentTimeMillis() / every.toMillis();
        String lease = "report:" + type + ":" + period;
        if (leases.putIfAbsent(lease, nodeId, 2 * every.toMillis(), TimeUnit.MILLISECONDS) != null) {
            return;
        }
        Alert alert = text.apply(ReportTallies.take(shared), Instant.ofEpochMilli(period * every.toMillis()));
        if (alert != null) {
            due.add(alert);
        }
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
