package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessSettingsParserTest {
    private static final Map<String, String> JWKS = Map.of("JWT_PUBLIC_KEY_URL", "https://idp.example/jwks");

    private static AccessSettings access(String generalSettings) {
        return access(generalSettings, Map.of());
    }

    private static AccessSettings access(String generalSettings, Map<String, String> env) {
        return TestYaml.parse("general_settings: " + generalSettings, env)
                .general()
                .access();
    }

    @Test
    void nothing_configured_restricts_nothing() {
        AccessSettings access = access("{}");
        assertThat(access.allowedIps()).isNull();
        assertThat(access.allowedRoutes()).isNull();
        assertThat(access.publicRoutes().isEmpty()).isTrue();
        assertThat(access.jwt()).isNull();
        assertThat(access.globalMaxParallelRequests()).isNull();
    }

    @Test
    void the_access_keys_are_typed_and_no_longer_reported_as_ignored() {
        JunctionConfig config = TestYaml.parse(
                """
                general_settings:
                  allowed_ips: ["10.0.0.0/8", "127.0.0.1"]
                  use_x_forwarded_for: true
                  allowed_routes: ["/v1/chat/completions", "info_routes"]
                  public_routes: ["LiteLLMRoutes.public_routes", "/v1/models"]
                  admin_only_routes: ["/model/info"]
                  enforced_params: ["user", "metadata.generation_name"]
                  enforce_user_param: true
                  reject_clientside_metadata_tags: true
                  litellm_key_header_name: X-Litellm-Key
                  global_max_parallel_requests: 50
                  max_response_size_mb: 0.5
                  user_api_key_cache_ttl: 30
                """);
        AccessSettings access = config.general().access();
        assertThat(config.ignoredKeys()).isEmpty();
        assertThat(config.unenforcedAccessControls()).isEmpty();
        assertThat(access.allowedIps().allows("10.1.2.3")).isTrue();
        assertThat(access.useXForwardedFor()).isTrue();
        assertThat(access.allowedRoutes().matches("/key/info")).isTrue();
        assertThat(access.allowedRoutes().matches("/v1/embeddings")).isFalse();
        assertThat(access.publicRoutes().matches("/v1/models")).isTrue();
        assertThat(access.adminOnlyRoutes().matches("/model/info")).isTrue();
        assertThat(access.enforcedParams()).containsExactly("user", "metadata.generation_name");
        assertThat(access.enforceUserParam()).isTrue();
        assertThat(access.rejectClientsideMetadataTags()).isTrue();
        assertThat(access.keyHeaderName()).isEqualTo("X-Litellm-Key");
        assertThat(access.globalMaxParallelRequests()).isEqualTo(50);
        assertThat(access.maxResponseBytes()).isEqualTo(512 * 1024);
        assertThat(access.keyCacheTtl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void bad_values_name_their_path() {
        assertThatThrownBy(() -> access("{allowed_ips: [example.com]}"))
                .hasMessageStartingWith("general_settings.allowed_ips: 'example.com' is not an IP address");
        assertThatThrownBy(() -> access("{allowed_ips: [10.0.0.0/33]}"))
                .hasMessageStartingWith("general_settings.allowed_ips: '10.0.0.0/33' has a prefix length");
        assertThatThrownBy(() -> access("{allowed_routes: [chat/completions]}"))
                .hasMessageStartingWith(
                        "general_settings.allowed_routes: 'chat/completions' is neither a route (starting with /)");
        assertThatThrownBy(() -> access("{litellm_key_header_name: 'x key'}"))
                .hasMessage("general_settings.litellm_key_header_name: expected an HTTP header name, got a string");
        assertThatThrownBy(() -> access("{max_response_size_mb: 0}"))
                .hasMessage("general_settings.max_response_size_mb: expected a number above 0, got 0");
        assertThatThrownBy(() -> access("{enforced_params: ['metadata.']}"))
                .hasMessage(
                        "general_settings.enforced_params[0]: expected a field name or a dotted path, got \"metadata.\"");
    }

    @Test
    void a_global_limit_of_zero_is_no_limit_and_says_so() {
        JunctionConfig config = TestYaml.parse("general_settings: {global_max_parallel_requests: 0}");
        assertThat(config.general().access().globalMaxParallelRequests()).isNull();
        assertThat(config.warnings()).anyMatch(w -> w.startsWith("general_settings.global_max_parallel_requests"));
    }

    @Test
    void jwt_auth_reads_litellm_defaults_and_the_environment() {
        JwtSettings jwt = access(
                        "{enable_jwt_auth: true}",
                        Map.of(
                                "JWT_PUBLIC_KEY_URL", "https://a.example/jwks, https://b.example/jwks",
                                "JWT_AUDIENCE", "api://junction"))
                .jwt();
        assertThat(jwt.publicKeyUrls()).containsExactly("https://a.example/jwks", "https://b.example/jwks");
        assertThat(jwt.audience()).isEqualTo("api://junction");
        assertThat(jwt.publicKeyTtl()).isEqualTo(Duration.ofSeconds(600));
        assertThat(jwt.adminScope()).isEqualTo("litellm_proxy_admin");
        assertThat(jwt.adminAllowedRoutes().matches("/key/generate")).isTrue();
        assertThat(jwt.adminAllowedRoutes().matches("/v1/chat/completions")).isFalse();
        assertThat(jwt.teamAllowedRoutes().matches("/v1/chat/completions")).isTrue();
        assertThat(jwt.teamAllowedRoutes().matches("/key/generate")).isFalse();
    }

    @Test
    void jwt_auth_settings_are_read_with_their_paths() {
        JwtSettings jwt = access(
                        """
                        {enable_jwt_auth: true, litellm_jwtauth: {
                          admin_jwt_scope: litellm-proxy-admin, team_id_jwt_field: client_id,
                          team_ids_jwt_field: groups, user_id_jwt_field: sub, public_key_ttl: 5,
                          team_allowed_routes: ["/v1/chat/completions"], enforce_rbac: true,
                          user_roles_jwt_field: resource_access.junction.roles, user_allowed_roles: [user],
                          enforce_scope_based_access: true,
                          scope_mappings: [{scope: litellm.api.consumer, models: [claude]}]}}
                        """,
                        JWKS)
                .jwt();
        assertThat(jwt.adminScope()).isEqualTo("litellm-proxy-admin");
        assertThat(jwt.teamIdField()).isEqualTo("client_id");
        assertThat(jwt.teamIdsField()).isEqualTo("groups");
        assertThat(jwt.publicKeyTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(jwt.enforceRbac()).isTrue();
        assertThat(jwt.userRolesField()).isEqualTo("resource_access.junction.roles");
        assertThat(jwt.userAllowedRoles()).containsExactly("user");
        assertThat(jwt.scopeModels()).isEqualTo(Map.of("litellm.api.consumer", List.of("claude")));
        assertThat(jwt.teamAllowedRoutes().matches("/v1/models")).isFalse();
    }

    @Test
    void jwt_auth_needs_a_key_set_url_and_consistent_settings() {
        assertThatThrownBy(() -> access("{enable_jwt_auth: true}"))
                .hasMessageStartingWith(
                        "general_settings.enable_jwt_auth: needs the environment variable" + " JWT_PUBLIC_KEY_URL");
        assertThatThrownBy(() -> access("{enable_jwt_auth: true}", Map.of("JWT_PUBLIC_KEY_URL", "idp/jwks")))
                .hasMessageContaining("must hold absolute http(s) URLs");
        assertThatThrownBy(() -> access("{enable_jwt_auth: true, litellm_jwtauth: {user_allowed_roles: [a]}}", JWKS))
                .hasMessage(
                        "general_settings.litellm_jwtauth: user_roles_jwt_field and user_allowed_roles go together");
        assertThatThrownBy(() -> access(
                        "{enable_jwt_auth: true, litellm_jwtauth: {scope_mappings: [{scope: s, models: [m]}]}}", JWKS))
                .hasMessageStartingWith("general_settings.litellm_jwtauth.scope_mappings: is read only with");
    }

    @Test
    void access_controls_junction_does_not_enforce_are_listed() {
        JunctionConfig config = TestYaml.parse(
                """
                general_settings:
                  custom_auth: custom_auth.user_api_key_auth
                  ui_access_mode: admin_only
                  enable_jwt_auth: true
                  litellm_jwtauth: {user_allowed_email_domain: my-co.com, team_id_upsert: true}
                litellm_settings:
                  max_budget: 100
                  callbacks: [detect_prompt_injection, prometheus]
                guardrails: []
                """,
                JWKS);
        assertThat(config.unenforcedAccessControls())
                .containsExactlyInAnyOrder(
                        "general_settings.custom_auth",
                        "general_settings.litellm_jwtauth.user_allowed_email_domain",
                        "litellm_settings.max_budget",
                        "litellm_settings.callbacks: detect_prompt_injection",
                        "guardrails");
        // Only reported: a UI setting where Junction serves no UI, an upsert whose absence refuses the team.
        assertThat(config.ignoredKeys())
                .contains("general_settings.ui_access_mode", "general_settings.litellm_jwtauth.team_id_upsert");
    }

    @Test
    void a_region_name_nothing_can_ask_for_is_a_warning() {
        String deployment = "model_list: [{model_name: m, litellm_params: {model: openai/gpt-4o, region_name: eu}}]\n";
        assertThat(TestYaml.parse(deployment).warnings())
                .anyMatch(w -> w.contains("region_name on m") && w.contains("without a master_key"));
        assertThat(TestYaml.parse(deployment + "general_settings: {master_key: sk-1}")
                        .warnings())
                .anyMatch(w -> w.contains("region_name on m") && w.contains("enable_pre_call_checks"));
        assertThat(TestYaml.parse(deployment
                                + "general_settings: {master_key: sk-1}\n"
                                + "router_settings: {enable_pre_call_checks: true}")
                        .warnings())
                .noneMatch(w -> w.contains("region_name"));
    }
}
