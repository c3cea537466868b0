package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneralSettingsParserTest {

    @Test
    void defaults_leave_the_gateway_open() {
        GeneralSettings general = TestYaml.parse("model_list: []").general();
        assertThat(general.masterKey()).isNull();
        assertThat(general.maxRequestSizeMb()).isEqualTo(GeneralSettings.DEFAULT_MAX_REQUEST_SIZE_MB);
        assertThat(general.allowClientSideCredentials()).isFalse();
    }

    @Test
    void master_key_is_a_secret() {
        GeneralSettings general =
                TestYaml.parse("general_settings: {master_key: sk-1234}").general();
        assertThat(general.masterKey().matches("sk-1234")).isTrue();
        assertThat(general.toString()).doesNotContain("sk-1234");
    }

    @Test
    void master_key_falls_back_to_litellm_master_key() {
        Map<String, String> env = Map.of("LITELLM_MASTER_KEY", "sk-env");
        assertThat(TestYaml.parse("model_list: []", env).general().masterKey().reveal())
                .isEqualTo("sk-env");
        assertThat(TestYaml.parse("general_settings: {master_key: sk-file}", env)
                        .general()
                        .masterKey()
                        .reveal())
                .isEqualTo("sk-file");
    }

    @Test
    void master_key_must_be_a_non_empty_string() {
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {master_key: 1234}"))
                .hasMessage("general_settings.master_key: expected a string, got a number");
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {master_key: ''}"))
                .hasMessage("general_settings.master_key: must not be empty");
    }

    @Test
    void max_request_size_mb_must_be_a_positive_number() {
        assertThat(TestYaml.parse("general_settings: {max_request_size_mb: 0.5}")
                        .general()
                        .maxRequestBytes())
                .isEqualTo(512 * 1024);
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {max_request_size_mb: 0}"))
                .hasMessage("general_settings.max_request_size_mb: expected a number above 0, got 0");
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {max_request_size_mb: big}"))
                .hasMessage("general_settings.max_request_size_mb: expected a number, got \"big\"");
    }

    @Test
    void proxy_batch_write_at_is_seconds_between_spend_writes() {
        assertThat(TestYaml.parse("model_list: []").general().proxyBatchWriteAt())
                .isEqualTo(GeneralSettings.DEFAULT_PROXY_BATCH_WRITE_AT);
        assertThat(TestYaml.parse("general_settings: {proxy_batch_write_at: 0.25}")
                        .general()
                        .proxyBatchWriteAt())
                .isEqualTo(java.time.Duration.ofMillis(250));
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {proxy_batch_write_at: 0}"))
                .hasMessage("general_settings.proxy_batch_write_at: expected a number above 0, got 0");
    }

    @Test
    void client_timeouts_default_to_nginxs_and_take_seconds() {
        GeneralSettings defaults = TestYaml.parse("model_list: []").general();
        assertThat(defaults.clientHeaderTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(defaults.clientBodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(defaults.keepaliveTimeout()).isEqualTo(java.time.Duration.ofSeconds(75));
        assertThat(defaults.maxBufferedRequestBytes()).isEmpty();
        GeneralSettings set = TestYaml.parse(
                        "general_settings: {client_header_timeout: 0.5, client_body_timeout: 2, keepalive_timeout: 3,"
                                + " max_buffered_request_mb: 64}")
                .general();
        assertThat(set.clientHeaderTimeout()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(set.clientBodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(set.keepaliveTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(set.maxBufferedRequestBytes()).hasValue(64L * 1024 * 1024);
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {keepalive_timeout: 0}"))
                .hasMessage("general_settings.keepalive_timeout: expected a number above 0, got 0");
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {max_buffered_request_mb: lots}"))
                .hasMessage("general_settings.max_buffered_request_mb: expected a number, got \"lots\"");
    }

    @Test
    void budgets_fail_open_unless_told_to_fail_closed() {
        assertThat(TestYaml.parse("model_list: []").general().budgetFailsClosed())
                .isFalse();
        assertThat(TestYaml.parse("general_settings: {budget_fail_mode: open}")
                        .general()
                        .budgetFailsClosed())
                .isFalse();
        assertThat(TestYaml.parse("general_settings: {budget_fail_mode: closed}")
                        .general()
                        .budgetFailsClosed())
                .isTrue();
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {budget_fail_mode: shut}"))
                .hasMessageStartingWith("general_settings.budget_fail_mode: expected one of open, closed");
    }

    @Test
    void budget_quorum_is_a_member_count() {
        assertThat(TestYaml.parse("model_list: []").general().budgetQuorum()).isEmpty();
        assertThat(TestYaml.parse("general_settings: {budget_quorum: 2}")
                        .general()
                        .budgetQuorum())
                .hasValue(2);
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {budget_quorum: 0}"))
                .hasMessage("general_settings.budget_quorum: must be a member count from 1 to 1000");
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {budget_quorum: two}"))
                .hasMessageStartingWith("general_settings.budget_quorum: expected");
    }

    @Test
    void allow_client_side_credentials_accepts_booleans_and_their_text() {
        assertThat(TestYaml.parse("general_settings: {allow_client_side_credentials: True}")
                        .general()
                        .allowClientSideCredentials())
                .isTrue();
        assertThat(TestYaml.parse("general_settings: {allow_client_side_credentials: 'true'}")
                        .general()
                        .allowClientSideCredentials())
                .isTrue();
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {allow_client_side_credentials: 1}"))
                .hasMessage("general_settings.allow_client_side_credentials: expected true or false, got a number");
    }

    @Test
    void max_parallel_requests_must_be_a_whole_number() {
        assertThat(TestYaml.parse("general_settings: {max_parallel_requests: 10}")
                        .general()
                        .maxParallelRequests())
                .hasValue(10);
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {max_parallel_requests: -1}"))
                .hasMessage("general_settings.max_parallel_requests: expected a whole number of at least 0, got -1");
    }

    @Test
    void other_keys_are_kept_raw_and_reported_as_ignored() {
        JunctionConfig config = TestYaml.parse(
                """
                general_settings:
                  master_key: sk-1234
                  database_url: "postgresql://user:pw@db/litellm"
                  store_model_in_db: true
                  health_check_interval: 300
                """);
        GeneralSettings general = config.general();
        assertThat(general.databaseUrl())
                .hasValueSatisfying(url -> assertThat(url.reveal()).startsWith("postgresql"));
        assertThat(general.raw().getInteger("health_check_interval")).isEqualTo(300);
        assertThat(general.raw().containsKey("master_key")).isFalse();
        assertThat(general.toString()).doesNotContain("pw@db");
        // health_check_interval is read for the health checks (ObservabilityParser) and store_model_in_db for the
        // model API (RuntimeModels): neither is ignored any more.
        assertThat(config.ignoredKeys()).isEmpty();
    }
}
