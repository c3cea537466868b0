package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Callbacks, logs, health checks and alerting: read into their records, no longer reported as ignored. */
class ObservabilityParserTest {
    private static final String MODELS = "model_list: [{model_name: a, litellm_params: {model: gpt-4o}}]\n";

    @Test
    void the_observability_keys_are_read_and_not_listed_as_ignored() {
        JunctionConfig config = TestYaml.parse(
                MODELS
                        + """
                litellm_settings:
                  callbacks: ["prometheus", "otel"]
                  success_callback: ["langfuse"]
                  failure_callback: ["generic_api"]
                  json_logs: true
                  turn_off_message_logging: true
                  require_auth_for_metrics_endpoint: true
                general_settings:
                  alerting: ["slack", "webhook"]
                  alert_types: ["llm_exceptions", "budget_alerts"]
                  alerting_threshold: 120
                  alerting_args: {outage_alert_ttl: 30}
                  alert_to_webhook_url: {llm_exceptions: "https://hooks.example/one"}
                  background_health_checks: true
                  health_check_interval: 60
                  health_check_details: false
                  access_log: true
                """);
        ObservabilitySettings settings = config.observability();
        assertThat(config.ignoredKeys()).isEmpty();
        assertThat(settings.successCallbacks()).containsExactlyInAnyOrder("prometheus", "otel", "langfuse");
        assertThat(settings.failureCallbacks()).containsExactlyInAnyOrder("prometheus", "otel", "generic_api");
        assertThat(settings.has("generic_api")).isTrue();
        assertThat(settings.jsonLogs()).isTrue();
        assertThat(settings.messageLogging()).isFalse();
        assertThat(settings.metricsNeedAuth()).isTrue();
        assertThat(settings.accessLog()).isTrue();
        assertThat(settings.health()).isEqualTo(new HealthCheckSettings(true, Duration.ofSeconds(60), false));
        AlertingSettings alerting = settings.alerting();
        assertThat(alerting.channels()).containsExactlyInAnyOrder("slack", "webhook");
        assertThat(alerting.types()).containsExactlyInAnyOrder("llm_exceptions", "budget_alerts");
        assertThat(alerting.threshold()).isEqualTo(Duration.ofSeconds(120));
        assertThat(alerting.argSeconds("outage_alert_ttl", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(alerting.webhookUrls()).containsEntry("llm_exceptions", List.of("https://hooks.example/one"));
    }

    @Test
    void defaults_follow_litellm() {
        ObservabilitySettings settings = TestYaml.parse(MODELS).observability();
        assertThat(settings.successCallbacks()).isEmpty();
        assertThat(settings.messageLogging()).isTrue();
        assertThat(settings.health().background()).isFalse();
        assertThat(settings.health().interval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.alerting().enabled()).isFalse();
        assertThat(settings.alerting().threshold()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void callbacks_and_alert_types_junction_lacks_are_reported_not_refused() {
        JunctionConfig config = TestYaml.parse(
                MODELS
                        + """
                litellm_settings:
                  callbacks: ["datadog", "prometheus"]
                general_settings:
                  alerting: ["slack"]
                  alert_types: ["llm_exceptions", "fallback_reports"]
                  alerting_args: {max_outage_alert_list_size: 1000, budget_alert_ttl: 600}
                """);
        assertThat(config.observability().successCallbacks()).containsExactly("prometheus");
        assertThat(config.warnings())
                .anySatisfy(warning ->
                        assertThat(warning).startsWith("litellm_settings.callbacks: 'datadog' is not supported"))
                .anySatisfy(warning ->
                        assertThat(warning).startsWith("general_settings.alert_types: alert type 'fallback_reports'"))
                .anySatisfy(warning -> assertThat(warning)
                        .startsWith(
                                "general_settings.alerting_args.max_outage_alert_list_size: is not used by Junction"))
                .noneSatisfy(warning -> assertThat(warning).contains("budget_alert_ttl:"));
        assertThat(config.observability().alerting().argSeconds("budget_alert_ttl", Duration.ZERO))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_bad_value_names_its_path() {
        assertThatThrownBy(() -> TestYaml.parse(MODELS + "general_settings: {alerting: [\"pager\"]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("general_settings.alerting[0]")
                .hasMessageContaining("pager");
        assertThatThrownBy(() -> TestYaml.parse(MODELS + "general_settings: {health_check_interval: -5}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("general_settings.health_check_interval");
        assertThatThrownBy(() -> TestYaml.parse(
                        MODELS + "general_settings: {alerting_args: {minor_outage_alert_threshold: few}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("general_settings.alerting_args.minor_outage_alert_threshold");
        assertThatThrownBy(() -> TestYaml.parse(MODELS + "litellm_settings: {json_logs: maybe}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("litellm_settings.json_logs");
    }

    @Test
    void the_observers_variables_come_from_the_environment_and_the_files_overlay() {
        JunctionConfig config = TestYaml.parse(
                MODELS + "environment_variables: {SLACK_WEBHOOK_URL: \"https://hooks.example/file\"}\n",
                Map.of("OTEL_EXPORTER", "otlp_http", "UNRELATED", "x"));
        ObservabilitySettings settings = config.observability();
        assertThat(settings.variable("SLACK_WEBHOOK_URL")).isEqualTo("https://hooks.example/file");
        assertThat(settings.variable("OTEL_EXPORTER")).isEqualTo("otlp_http");
        assertThat(settings.variables()).doesNotContainKey("UNRELATED");
        assertThat(settings.toString()).doesNotContain("hooks.example");
    }
}
