package dev.junction.gateway.observe.alerts;

import dev.junction.cluster.error.GatewayException;
import dev.junction.config.AlertingSettings;
import dev.junction.config.Deployment;
import dev.junction.config.PublicUrl;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code outage_alerts}, as LiteLLM words them: an API base whose calls failed with server errors or timeouts
 * {@code minor_outage_alert_threshold} times (default 5) within {@code outage_alert_ttl} (default 60 s) has a
 * minor outage, {@code major_outage_alert_threshold} times (default 10) a major one. Counted per node: a
 * failing upstream fails for every node alike, and the alert still leaves once for the cluster.
 */
final class OutageCounts {
    private final Alerter alerter;
    private final boolean enabled;
    private final long windowMillis;
    private final int minor;
    private final int major;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    OutageCounts(AlertingSettings settings, Alerter alerter) {
        this.alerter = alerter;
        this.enabled = settings.sends("outage_alerts");
        this.windowMillis =
                settings.argSeconds("outage_alert_ttl", Duration.ofSeconds(60)).toMillis();
        this.minor = (int) settings.argNumber("minor_outage_alert_threshold", 5);
        this.major = (int) settings.argNumber("major_outage_alert_threshold", 10);
    }

    private static final class Window {
        long startedMillis;
        int failures;
    }

    void failed(Deployment deployment, GatewayException error) {
        if (!enabled) {
            return;
        }
        String apiBase = deployment.apiBase() == null ? deployment.litellmModel() : PublicUrl.of(deployment.apiBase());
        long now = System.currentTimeMillis();
        int count;
        Window window = windows.computeIfAbsent(apiBase, base -> new Window());
        synchronized (window) {
            if (now - window.startedMillis > windowMillis) {
                window.startedMillis = now;
                window.failures = 0;
            }
            count = ++window.failures;
        }
        if (count == minor || count == major) {
            boolean isMajor = count == major;
            alerter.raise(new Alert(
                    "outage_alerts",
                    isMajor ? Alert.HIGH : Alert.MEDIUM,
                    (isMajor ? "Major" : "Minor") + " service outage",
                    count + " failures within " + windowMillis / 1000 + "s, the last: `" + error.getMessage() + "`\n"
                            + CallAlerts.describe(deployment),
                    apiBase + ":" + (isMajor ? "major" : "minor"),
                    Duration.ofMillis(windowMillis),
                    CallAlerts.fields(deployment).put("failures", count)));
        }
    }

    /** A failed health check is an outage of that deployment's endpoint too. */
    void healthCheckFailed(Deployment deployment, String error) {
        if (!enabled) {
            return;
        }
        alerter.raise(new Alert(
                "outage_alerts",
                Alert.HIGH,
                "Health check failed",
                "`" + error + "`\n" + CallAlerts.describe(deployment),
                deployment.id() + ":health",
                Duration.ofMillis(windowMillis),
                CallAlerts.fields(deployment)));
    }
}
