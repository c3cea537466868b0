package dev.junction.provider.anthropic;

import static dev.junction.provider.anthropic.AnthropicFixtures.API_KEY;
import static dev.junction.provider.anthropic.AnthropicFixtures.CLOCK;
import static dev.junction.provider.anthropic.AnthropicFixtures.call;
import static dev.junction.provider.anthropic.AnthropicFixtures.deployment;
import static dev.junction.provider.anthropic.AnthropicFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ProviderFamily;
import dev.junction.config.Secret;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicAdapterTest {
    private final AnthropicAdapter adapter = new AnthropicAdapter(CLOCK);

    @Test
    void speaks_the_anthropic_family() {
        assertThat(adapter.family()).isEqualTo(ProviderFamily.ANTHROPIC);
    }

    @Test
    void posts_to_v1_messages_with_key_version_and_json_headers() {
        UpstreamRequest upstream = adapter.toUpstream(AnthropicFixtures.chat(json("simple.openai-request.json")));

        assertThat(upstream.url()).isEqualTo("https://api.anthropic.com/v1/messages");
        assertThat(upstream.headers().get("x-api-key")).isEqualTo(API_KEY);
        assertThat(upstream.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(upstream.headers().get("content-type")).isEqualTo("application/json");
        assertThat(upstream.headers().contains("authorization")).isFalse();
    }

    @Test
    void never_puts_the_key_in_the_body() {
        UpstreamRequest upstream = adapter.toUpstream(AnthropicFixtures.chat(json("simple.openai-request.json")));

        assertThat(upstream.body().toString()).doesNotContain(API_KEY);
    }

    @Test
    void omits_x_api_key_when_the_deployment_has_no_key() {
        var keyless = deployment(new JsonObject(), null, "http://localhost:8080");

        UpstreamRequest upstream =
                adapter.toUpstream(call(Endpoint.CHAT_COMPLETIONS, json("simple.openai-request.json"), keyless));

        assertThat(upstream.url()).isEqualTo("http://localhost:8080/v1/messages");
        assertThat(upstream.headers().contains("x-api-key")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.anthropic.com, https://api.anthropic.com/v1/messages",
        "https://proxy.example/anthropic/, https://proxy.example/anthropic/v1/messages",
        "https://proxy.example/v1, https://proxy.example/v1/messages",
        "https://proxy.example/v1/messages, https://proxy.example/v1/messages",
    })
    void reaches_the_messages_endpoint_however_the_api_base_is_written(String apiBase, String url) {
        assertThat(AnthropicAdapter.messagesUrl(apiBase)).isEqualTo(url);
    }

    @Test
    void falls_back_to_anthropics_public_endpoint_without_api_base() {
        assertThat(AnthropicAdapter.messagesUrl(null)).isEqualTo("https://api.anthropic.com/v1/messages");
    }

    @Test
    void sends_configured_headers_and_lets_extra_headers_win() {
        JsonObject params = new JsonObject()
                .put(
                        "headers",
                        new JsonObject().put("anthropic-beta", "from-headers").put("x-team", "a"))
                .put("extra_headers", new JsonObject().put("anthropic-beta", "prompt-caching-2024-07-31"));
        var configured = deployment(params, Secret.of(API_KEY), "https://api.anthropic.com");

        UpstreamRequest upstream =
                adapter.toUpstream(call(Endpoint.CHAT_COMPLETIONS, json("simple.openai-request.json"), configured));

        assertThat(upstream.headers().getAll("anthropic-beta")).containsExactly("prompt-caching-2024-07-31");
        assertThat(upstream.headers().get("x-team")).isEqualTo("a");
        assertThat(upstream.body().toJsonObject().containsKey("extra_headers")).isFalse();
    }

    @Test
    void refuses_embeddings_as_a_bad_request() {
        JsonObject body = new JsonObject().put("model", "claude-sonnet").put("input", "hello");

        assertThatThrownBy(() -> adapter.toUpstream(call(Endpoint.EMBEDDINGS, body, deployment(new JsonObject()))))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    // A 400 that lets the router try the group's other deployments first.
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_BY_DEPLOYMENT);
                    assertThat(e.kind().httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("anthropic does not support embeddings");
                });
    }

    @Test
    void refuses_legacy_completions_rather_than_answer_them_in_the_chat_format() {
        JsonObject body = new JsonObject().put("model", "claude-sonnet").put("prompt", "Say hi");

        assertThatThrownBy(() -> adapter.toUpstream(call(Endpoint.COMPLETIONS, body, deployment(new JsonObject()))))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    // A 400 that lets the router try the group's other deployments first.
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_BY_DEPLOYMENT);
                    assertThat(e.kind().httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("anthropic does not support completions");
                });
    }
}
