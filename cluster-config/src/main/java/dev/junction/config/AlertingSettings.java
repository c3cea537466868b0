package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code general_settings.alerting} and its companions.
 *
 * @param channels where alerts go: {@code slack}, {@code webhook}, {@code email}
 * @param types the alert types sent ({@code alert_types}; every supported one when not set)
 * @param threshold {@code alerting_threshold}: a call slower than this is {@code llm_too_slow}, one still
 *     unanswered after it {@code llm_requests_hanging} (LiteLLM's default: 300 s)
 * @param webhookUrls {@code alert_to_webhook_url}: Slack webhook URLs per alert type, instead of {@code
 *     SLACK_WEBHOOK_URL}
 * @param args {@code alerting_args} as given; Junction reads those of {@link #ARGS}
 */
public record AlertingSettings(
        Set<String> channels,
        Set<String> types,
        Duration threshold,
        Map<String, List<String>> webhookUrls,
        JsonObject args) {
    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(300);
    public static final Set<String> CHANNELS = Set.of("slack", "webhook", "email");
    /** The {@code alerting_args} Junction acts on, in this order when listed. */
    public static final List<String> ARGS = List.of(
            "budget_alert_ttl",
            "outage_alert_ttl",
            "minor_outage_alert_threshold",
            "major_outage_alert_threshold",
            "daily_report_frequency",
            "report_check_interval");
    /** The alert types Junction sends. */
    public static final Set<String> SUPPORTED_TYPES = Set.of(
            "llm_exceptions",
            "llm_too_slow",
            "llm_requests_hanging",
            "budget_alerts",
            "cooldown_deployment",
            "outage_alerts",
            "db_exceptions",
            "daily_reports",
            "spend_reports");

    public AlertingSettings {
        channels = Set.copyOf(channels);
        types = Set.copyOf(types);
        webhookUrls = Map.copyOf(webhookUrls);
        args = args == null ? new JsonObject() : args.copy();
        if (threshold == null || threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("alerting_threshold must be positive");
        }
    }

    public static AlertingSettings none() {
        return new AlertingSettings(Set.of(), SUPPORTED_TYPES, DEFAULT_THRESHOLD, Map.of(), new JsonObject());
    }

    public boolean enabled() {
        return !channels.isEmpty();
    }

    /** Whether alerts of {@code type} are sent at all. */
    public boolean sends(String type) {
        return enabled() && types.contains(type);
    }

    /** A whole number of seconds from {@code alerting_args}, or {@code fallback}. */
    public Duration argSeconds(String name, Duration fallback) {
        Object value = args.getValue(name);
        return value instanceof Number number && number.doubleValue() > 0
                ? Duration.ofMillis(Math.round(number.doubleValue() * 1000))
                : fallback;
    }

    /** A number from {@code alerting_args}, or {@code fallback}. */
    public double argNumber(String name, double fallback) {
        return args.getValue(name) instanceof Number number ? number.doubleValue() : fallback;
    }

    @Override
    public String toString() {
        return "AlertingSettings[channels=" + channels + ", types=" + types + ", threshold=" + threshold
                + ", webhookUrls=" + webhookUrls.keySet() + ", args=" + args.fieldNames() + "]";
    }
}
