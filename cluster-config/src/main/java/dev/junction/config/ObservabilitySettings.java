package dev.junction.config;

import java.util.Map;
import java.util.Set;

/**
 * What an operator sees of the gateway besides its answers: callbacks (metrics, traces, log sinks), logs,
 * health checks and alerts. Read from {@code litellm_settings} ({@code callbacks}, {@code success_callback},
 * {@code failure_callback}, {@code json_logs}, {@code turn_off_message_logging}, {@code
 * require_auth_for_metrics_endpoint}) and {@code general_settings} (health checks, alerting).
 *
 * @param successCallbacks the supported callbacks told of successful calls ({@link #PROMETHEUS}, {@link #OTEL},
 *     {@link #GENERIC_API}, {@link #LANGFUSE})
 * @param failureCallbacks the supported callbacks told of failed calls
 * @param jsonLogs every log line as one JSON object
 * @param messageLogging whether messages and answers may leave the gateway in traces and log callbacks
 *     ({@code turn_off_message_logging: true} turns it off)
 * @param metricsNeedAuth whether {@code /metrics} asks for a key ({@code require_auth_for_metrics_endpoint})
 * @param accessLog one log line per call ({@code general_settings.access_log}, Junction's own key)
 * @param health background health checks
 * @param alerting alert channels and rules
 * @param variables the environment variables the callbacks and alert channels read ({@code OTEL_*}, {@code
 *     SLACK_WEBHOOK_URL}, {@code LANGFUSE_*}, ...), file overlay applied; values may be credentials
 */
public record ObservabilitySettings(
        Set<String> successCallbacks,
        Set<String> failureCallbacks,
        boolean jsonLogs,
        boolean messageLogging,
        boolean metricsNeedAuth,
        boolean accessLog,
        HealthCheckSettings health,
        AlertingSettings alerting,
        Map<String, String> variables) {
    public static final String PROMETHEUS = "prometheus";
    public static final String OTEL = "otel";
    public static final String GENERIC_API = "generic_api";
    public static final String LANGFUSE = "langfuse";
    /** The callbacks Junction implements. */
    public static final Set<String> SUPPORTED_CALLBACKS = Set.of(PROMETHEUS, OTEL, GENERIC_API, LANGFUSE);

    public ObservabilitySettings {
        successCallbacks = Set.copyOf(successCallbacks);
        failureCallbacks = Set.copyOf(failureCallbacks);
        variables = Map.copyOf(variables);
        if (health == null) {
            health = HealthCheckSettings.defaults();
        }
        if (alerting == null) {
            alerting = AlertingSettings.none();
        }
    }

    public static ObservabilitySettings defaults() {
        return new ObservabilitySettings(Set.of(), Set.of(), false, true, false, false, null, null, Map.of());
    }

    /** Whether {@code callback} is on for successes or failures. */
    public boolean has(String callback) {
        return successCallbacks.contains(callback) || failureCallbacks.contains(callback);
    }

    /** An environment variable the observers read, or null. */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        // variables hold webhook URLs and keys: names only.
        return "ObservabilitySettings[success=" + successCallbacks + ", failure=" + failureCallbacks + ", jsonLogs="
                + jsonLogs + ", messageLogging=" + messageLogging + ", accessLog=" + accessLog + ", health=" + health
                + ", alerting=" + alerting
                + ", variables=" + variables.keySet() + "]";
    }
}
