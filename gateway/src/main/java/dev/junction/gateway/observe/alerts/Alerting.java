package dev.junction.gateway.observe.alerts;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.config.AlertingSettings;
import dev.junction.config.Deployment;
import dev.junction.config.JunctionConfig;
import dev.junction.config.ObservabilitySettings;
import dev.junction.gateway.keys.KeyServices;
import dev.junction.gateway.keys.store.SpendLogRetention;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code general_settings.alerting}: the channels, the alerts calls raise, the alerts the cluster's state
 * raises, and the sender that sends each once for the cluster.
 */
public final class Alerting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);
    /** {@code general_settings.spend_report_frequency}; LiteLLM sends weekly spend reports by default. */
    private static final String SPEND_REPORT_FREQUENCY = "spend_report_frequency";

    private static final Duration SPEND_REPORT_DEFAULT = Duration.ofDays(7);

    private final Alerter alerter;
    private final CallAlerts calls;
    private final StateAlerts state;
    private final Reports reports;
    private final HttpClient client;
    private final Vertx vertx;
    private final long sweepTimer;

    private Alerting(
            Vertx vertx, HttpClient client, Alerter alerter, CallAlerts calls, StateAlerts state, Reports reports) {
        this.vertx = vertx;
        this.reports = reports;
        this.client = client;
        this.alerter = alerter;
        this.calls = calls;
        this.state = state;
        this.sweepTimer = vertx.setPeriodic(StateAlerts.CHECK_EVERY.toMillis(), id -> calls.sweepHanging());
    }

    /** The alerting the settings ask for, or null when {@code alerting} names no channel that can send. */
    public static Alerting start(
            Vertx vertx, HazelcastInstance hazelcast, String nodeId, JunctionConfig config, KeyServices keys) {
        ObservabilitySettings settings = config.observability();
        AlertingSettings alerting = settings.alerting();
        if (!alerting.enabled()) {
            return null;
        }
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000));
        List<AlertChannel> channels = new ArrayList<>();
        if (alerting.channels().contains("slack")) {
            String url = settings.variable("SLACK_WEBHOOK_URL");
            if (url == null && alerting.webhookUrls().isEmpty()) {
                LOG.warn("alerting names slack, but neither SLACK_WEBHOOK_URL nor alert_to_webhook_url is set");
            } else {
                channels.add(new SlackChannel(client, url, alerting.webhookUrls()));
            }
        }
        if (alerting.channels().contains("webhook")) {
            String url = settings.variable("WEBHOOK_URL");
            if (url == null) {
                LOG.warn("alerting names webhook, but WEBHOOK_URL is not set");
            } else {
                channels.add(new WebhookChannel(client, url));
            }
        }
        if (alerting.channels().contains("email")) {
            EmailChannel email = EmailChannel.create(vertx, settings::variable);
            if (email != null) {
                channels.add(email);
            }
        }
        if (channels.isEmpty()) {
            client.close();
            return null;
        }
        Alerter alerter = new Alerter(vertx, hazelcast, nodeId, channels);
        Duration spendEvery = SpendLogRetention.duration(config.general(), SPEND_REPORT_FREQUENCY);
        return new Alerting(
                vertx,
                client,
                alerter,
                new CallAlerts(alerting, alerter),
                new StateAlerts(vertx, alerting, alerter, keys.ledger(), keys.directory()),
                new Reports(
                        vertx,
                        hazelcast,
                        nodeId,
                        alerting,
                        spendEvery == null ? SPEND_REPORT_DEFAULT : spendEvery,
                        alerter,
                        config.deploymentsById()));
    }

    public CallObserver observer() {
        return reports.enabled() ? CallObserver.all(List.of(calls, reports.tallies())) : calls;
    }

    /** A failed health check of {@code deployment}. */
    public void healthCheckFailed(Deployment deployment, String error) {
        calls.outages().healthCheckFailed(deployment, error);
    }

    /** {@code /health/services?service=slack}: a test alert to every channel, now. */
    public Future<Void> test() {
        return alerter.deliver(new Alert(
                "test",
                Alert.LOW,
                "Test alert",
                "This is a test alert from Junction's /health/services",
                "test",
                Duration.ofSeconds(1),
                new JsonObject()));
    }

    public List<String> channelNames() {
        return alerter.channelNames();
    }

    @Override
    public void close() {
        vertx.cancelTimer(sweepTimer);
        reports.close();
        state.close();
        alerter.close();
        client.close();
    }
}
