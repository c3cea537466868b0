package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What of a deployment a client may see, and what a client-chosen endpoint receives. */
class ClientFacingDeploymentTest {
    private static Deployment deployment(String params) {
        return TestYaml.parse("model_list: [{model_name: g, litellm_params: " + params + "}]")
                .deployments()
                .get(0);
    }

    @Test
    void model_info_shows_only_allowed_params_and_an_api_base_without_user_info_or_query() {
        Deployment deployment = deployment("{model: hosted_vllm/llama, api_key: sk-deployment-1,"
                + " api_base: 'https://scott:tiger99@vllm.internal/v1?sig=s3cr3t', temperature: 0.2, rpm: 10,"
                + " proxy_auth: 'unlisted-secret-1', vertex_credentials: '{}', extra_headers: {x-token: t-123456789}}");

        JsonObject shown = deployment.publicParams();

        assertThat(shown.fieldNames()).containsExactlyInAnyOrder("model", "api_base", "temperature", "rpm");
        assertThat(shown.getString("api_base")).isEqualTo("https://vllm.internal/v1");
        assertThat(shown.encode()).doesNotContain("tiger99", "s3cr3t", "unlisted-secret-1", "sk-deployment-1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://api.openai.com/v1 | https://api.openai.com/v1",
                "https://user:pw@host:8443/v1 | https://host:8443/v1",
                "https://token@host/v1?key=abc#frag | https://host/v1",
                "http://host/path/with@sign | http://host/path/with@sign",
                "http://host/v1?next=http://a:b@c | http://host/v1",
            })
    void public_urls_have_no_user_info_query_or_fragment(String url, String shown) {
        assertThat(PublicUrl.of(url)).isEqualTo(shown);
    }

    @Test
    void a_client_endpoint_without_a_client_key_gets_no_key_and_none_of_the_deployments_secrets() {
        Deployment azure = deployment("{model: azure/dep, api_base: 'https://az.example', api_key: az-key-123456,"
                + " azure_ad_token: ad-token-123456, extra_headers: {x-internal: internal-123456}, temperature: 0.1}");

        Deployment redirected = azure.withClientCredentials("https://client.example/", null);

        assertThat(redirected.apiBase()).isEqualTo("https://client.example");
        assertThat(redirected.apiKey()).isNull();
        assertThat(redirected.litellmParams().encode())
                .doesNotContain("az-key-123456", "ad-token-123456", "internal-123456")
                .contains("temperature");
        assertThat(redirected.id()).isNotEqualTo(azure.id());
    }

    @Test
    void a_client_endpoint_gets_the_client_key_and_a_client_key_alone_keeps_the_configured_endpoint() {
        Deployment openai = deployment("{model: openai/gpt-4o, api_key: sk-deployment-1}");

        Deployment both = openai.withClientCredentials("https://client.example/v1", "sk-client-1");
        Deployment keyOnly = openai.withClientCredentials(null, "sk-client-1");

        assertThat(both.apiKey().reveal()).isEqualTo("sk-client-1");
        assertThat(both.apiBase()).isEqualTo("https://client.example/v1");
        assertThat(keyOnly.apiKey().reveal()).isEqualTo("sk-client-1");
        assertThat(keyOnly.apiBase()).isEqualTo(openai.apiBase());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "api_key",
                "api_base",
                "base_url",
                "api_version",
                "organization",
                "extra_headers",
                "headers",
                "user_config",
                "azure_ad_token",
                "AWS_SECRET_ACCESS_KEY",
                "aws_bedrock_runtime_endpoint",
                "aws_sts_endpoint",
                "aws_role_name",
                "aws_web_identity_token",
                "aws_profile_name",
                "vertex_credentials",
                "vertex_project",
                "vertex_location",
                "litellm_credential_name",
                "langfuse_host",
                "client_secret"
            })
    void credential_and_endpoint_params_are_recognised(String name) {
        assertThat(CredentialParams.isCredentialOrEndpoint(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "messages", "temperature", "max_tokens", "metadata", "fallbacks", "user"})
    void ordinary_params_are_not(String name) {
        assertThat(CredentialParams.isCredentialOrEndpoint(name)).isFalse();
    }

    @Test
    void numbers_are_never_secrets_and_headers_always_are() {
        assertThat(CredentialParams.holdsSecret("input_cost_per_token", 0.001)).isFalse();
        assertThat(CredentialParams.holdsSecret("max_tokens", 100)).isFalse();
        assertThat(CredentialParams.holdsSecret("azure_ad_token", "t")).isTrue();
        assertThat(CredentialParams.holdsSecret("headers", new JsonObject())).isTrue();
        assertThat(CredentialParams.holdsSecret("base_model", "gpt-4o")).isFalse();
    }
}
