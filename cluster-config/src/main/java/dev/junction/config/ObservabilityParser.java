package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the observability keys of {@code litellm_settings} and {@code general_settings}. */
final class ObservabilityParser {
    private static final String LITELLM = "litellm_settings";
    private static final String GENERAL = "general_settings";

    /** The {@code litellm_settings} keys read here; the router's parser leaves them alone. */
    static final Set<String> LITELLM_KEYS = Set.of(
            "callbacks",
            "success_callback",
            "failure_callback",
            "json_logs",
            "turn_off_message_logging",
            "require_auth_for_metrics_endpoint");

    /** The {@code general_settings} keys read here. */
    static final Set<String> GENERAL_KEYS = Set.of(
            "background_health_checks",
            "health_check_interval",
            "health_check_details",
            "alerting",
            "alert_types",
            "alerting_threshold",
            "alerting_args",
            "alert_to_webhook_url",
            // read by the gateway's spend reports, as a LiteLLM duration ("1d", "7d", ...)
            "spend_report_frequency",
            "access_log");

    /** The environment variables the observers read, by prefix or name. */
    private static final List<String> VARIABLE_PREFIXES =
            List.of("OTEL_", "SLACK_WEBHOOK_URL", "WEBHOOK_URL", "GENERIC_LOGGER_", "LANGFUSE_", "SMTP_", "JSON_LOGS");

    private ObservabilityParser() {}

    static ObservabilitySettings parse(Object litellmSettings, Object generalSettings, ParseContext context) {
        JsonObject litellm = orEmpty(Fields.object(context, litellmSettings, LITELLM));
        JsonObject general = orEmpty(Fields.object(context, generalSettings, GENERAL));
        Set<String> both = callbacks(litellm, "callbacks", context);
        Set<String> success = new LinkedHashSet<>(both);
        success.addAll(callbacks(litellm, "success_callback", context));
        Set<String> failure = new LinkedHashSet<>(both);
        failure.addAll(callbacks(litellm, "failure_callback", context));
        Map<String, String> variables = variables(context);
        Boolean jsonLogs = Fields.bool(context, litellm.getValue("json_logs"), path(LITELLM, "json_logs"));
        boolean jsonFromEnvironment = "true".equalsIgnoreCase(variables.get("JSON_LOGS"));
        return new ObservabilitySettings(
                success,
                failure,
                Boolean.TRUE.equals(jsonLogs) || jsonFromEnvironment,
                !flag(litellm, LITELLM, "turn_off_message_logging", false, context),
                flag(litellm, LITELLM, "require_auth_for_metrics_endpoint", false, context),
                flag(general, GENERAL, "access_log", false, context),
                health(general, context),
                AlertingParser.parse(general, context),
                variables);
    }

    /**
     * A callback list: names of LiteLLM's integrations. Those Junction has are kept; any other is reported as
     * not supported (a Python path such as {@code custom_callbacks.handler} included).
     */
    private static Set<String> callbacks(JsonObject section, String key, ParseContext context) {
        String path = path(LITELLM, key);
        Object value = section.getValue(key);
        List<String> names = value instanceof String single ? List.of(single) : Fields.strings(context, value, path);
        Set<String> kept = new LinkedHashSet<>();
        if (names == null) {
            return kept;
        }
        for (String name : names) {
            if (ObservabilitySettings.SUPPORTED_CALLBACKS.contains(name)) {
                kept.add(name);
            } else {
                context.warn(
                        path,
                        "'" + name + "' is not supported by Junction and is ignored (supported: generic_api,"
                                + " langfuse, otel, prometheus)");
            }
        }
        return kept;
    }

    private static HealthCheckSettings health(JsonObject general, ParseContext context) {
        boolean background = flag(general, GENERAL, "background_health_checks", false, context);
        Number interval = Fields.positiveNumber(
                context, general.getValue("health_check_interval"), path(GENERAL, "health_check_interval"));
        return new HealthCheckSettings(
                background,
                interval == null
                        ? HealthCheckSettings.DEFAULT_INTERVAL
                        : Duration.ofMillis(Math.round(interval.doubleValue() * 1000)),
                flag(general, GENERAL, "health_check_details", true, context));
    }

    private static Map<String, String> variables(ParseContext context) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String prefix : VARIABLE_PREFIXES) {
            found.putAll(context.environment().startingWith(prefix));
        }
        return found;
    }

    static boolean flag(JsonObject section, String sectionPath, String key, boolean fallback, ParseContext context) {
        Boolean value = Fields.bool(context, section.getValue(key), path(sectionPath, key));
        return value == null ? fallback : value;
    }

    static String path(String section, String key) {
        return YamlPath.key(section, key);
    }

    private static JsonObject orEmpty(JsonObject section) {
        return section == null ? new JsonObject() : section;
    }
}
