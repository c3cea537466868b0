package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LiteLLM's routing and reliability behaviour, end to end through one node and scripted upstreams. */
class RoutingIT {
    private static GatewayHarness gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/routing.yaml");
        client = gateway.openAi("sk-master-routing");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello");
    }

    private static HttpResponseFor<ChatCompletion> call(ChatCompletionCreateParams params) {
        return client.chat().completions().withRawResponse().create(params);
    }

    private static String header(HttpResponseFor<?> response, String name) {
        List<String> values = response.headers().values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Test
    void load_balancing_spreads_a_group_over_its_deployments() {
        gateway.upstream.on("/balanced-a/v1/chat/completions").replyAlways(OpenAiWire.ok("from a"));
        gateway.upstream.on("/balanced-b/v1/chat/completions").replyAlways(OpenAiWire.ok("from b"));

        for (int i = 0; i < 30; i++) {
            call(chat("balanced").build());
        }

        assertThat(gateway.upstream.requests("/balanced-a/v1/chat/completions")).isNotEmpty();
        assertThat(gateway.upstream.requests("/balanced-b/v1/chat/completions")).isNotEmpty();
    }

    @Test
    void a_429_is_retried_on_another_deployment_and_cools_the_limited_one_for_every_later_request() {
        gateway.upstream
                .on("/pair-limited/v1/chat/completions")
                .replyAlways(OpenAiWire.rateLimited(Duration.ofSeconds(30)));
        gateway.upstream.on("/pair-healthy/v1/chat/completions").replyAlways(OpenAiWire.ok("healthy"));

        for (int i = 0; i < 10; i++) {
            HttpResponseFor<ChatCompletion> response = call(chat("pair").build());
            assertThat(response.parse().choices().get(0).message().content()).contains("healthy");
        }

        assertThat(gateway.upstream.requests("/pair-limited/v1/chat/completions"))
                .as("after its first 429 the deployment is in cooldown and gets no more traffic")
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void a_failing_group_falls_back_after_its_retries() {
        gateway.upstream.on("/primary/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        gateway.upstream.on("/backup/v1/chat/completions").replyAlways(OpenAiWire.ok("backup answered"));

        HttpResponseFor<ChatCompletion> response = call(chat("primary").build());

        assertThat(response.parse().choices().get(0).message().content()).contains("backup answered");
        assertThat(header(response, "x-litellm-model-group")).isEqualTo("backup");
        assertThat(header(response, "x-litellm-attempted-fallbacks")).isEqualTo("1");
        assertThat(gateway.upstream.requests("/primary/v1/chat/completions"))
                .as("one call and its num_retries: 1 retry")
                .hasSize(2);
    }

    @Test
    void mock_testing_fallbacks_go_straight_to_the_fallback_without_calling_the_group() {
        gateway.upstream.on("/backup/v1/chat/completions").replyAlways(OpenAiWire.ok("backup answered"));
        int primaryCallsBefore =
                gateway.upstream.requests("/primary/v1/chat/completions").size();

        HttpResponseFor<ChatCompletion> response = call(chat("primary")
                .putAdditionalBodyProperty("mock_testing_fallbacks", JsonValue.from(true))
                .build());

        assertThat(header(response, "x-litellm-model-group")).isEqualTo("backup");
        assertThat(gateway.upstream.requests("/primary/v1/chat/completions")).hasSize(primaryCallsBefore);
        assertThat(gateway.upstream.lastRequest().bodyAsJson().containsKey("mock_testing_fallbacks"))
                .isFalse();
    }

    @Test
    void context_window_and_content_policy_mock_flags_use_their_own_fallback_lists() {
        gateway.upstream.on("/large/v1/chat/completions").replyAlways(OpenAiWire.ok("large answered"));
        gateway.upstream.on("/backup/v1/chat/completions").replyAlways(OpenAiWire.ok("backup answered"));

        HttpResponseFor<ChatCompletion> codeSpelling = call(chat("small")
                .putAdditionalBodyProperty("mock_testing_context_fallbacks", JsonValue.from(true))
                .build());
        HttpResponseFor<ChatCompletion> docsSpelling = call(chat("small")
                .putAdditionalBodyProperty("mock_testing_context_window_fallbacks", JsonValue.from("true"))
                .build());
        HttpResponseFor<ChatCompletion> contentPolicy = call(chat("filtered")
                .putAdditionalBodyProperty("mock_testing_content_policy_fallbacks", JsonValue.from(true))
                .build());

        assertThat(header(codeSpelling, "x-litellm-model-group")).isEqualTo("large");
        assertThat(header(docsSpelling, "x-litellm-model-group")).isEqualTo("large");
        assertThat(header(contentPolicy, "x-litellm-model-group")).isEqualTo("backup");
    }

    @Test
    void a_real_context_window_error_uses_context_window_fallbacks_without_retrying() {
        gateway.upstream.on("/small/v1/chat/completions").replyAlways(OpenAiWire.contextLengthExceeded());
        gateway.upstream.on("/large/v1/chat/completions").replyAlways(OpenAiWire.ok("large answered"));
        int smallBefore =
                gateway.upstream.requests("/small/v1/chat/completions").size();

        HttpResponseFor<ChatCompletion> response = call(chat("small").build());

        assertThat(header(response, "x-litellm-model-group")).isEqualTo("large");
        assertThat(gateway.upstream.requests("/small/v1/chat/completions")).hasSize(smallBefore + 1);
    }

    @Test
    void an_answer_finished_by_the_content_filter_falls_back() {
        gateway.upstream
                .on("/filtered/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o")
                        .content("")
                        .finishReason("content_filter")
                        .answer());
        gateway.upstream.on("/backup/v1/chat/completions").replyAlways(OpenAiWire.ok("backup answered"));

        HttpResponseFor<ChatCompletion> response = call(chat("filtered").build());

        assertThat(header(response, "x-litellm-model-group")).isEqualTo("backup");
    }

    @Test
    void client_side_fallbacks_in_the_request_are_tried_in_order() {
        gateway.upstream.on("/lonely/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        gateway.upstream.on("/backup/v1/chat/completions").replyAlways(OpenAiWire.ok("backup answered"));

        HttpResponseFor<ChatCompletion> response = call(chat("lonely")
                .putAdditionalBodyProperty("fallbacks", JsonValue.from(List.of("no-such-group", "backup")))
                .build());
        InternalServerException disabled = catchThrowableOfType(
                InternalServerException.class,
                () -> call(chat("lonely")
                        .putAdditionalBodyProperty("fallbacks", JsonValue.from(List.of("backup")))
                        .putAdditionalBodyProperty("disable_fallbacks", JsonValue.from(true))
                        .build()));

        assertThat(header(response, "x-litellm-model-group")).isEqualTo("backup");
        assertThat(disabled.statusCode()).isEqualTo(500);
    }

    @Test
    void rpm_is_enforced_with_a_429_no_deployments_error_and_retry_after() {
        gateway.upstream.on("/limited/v1/chat/completions").replyAlways(OpenAiWire.ok("limited"));

        call(chat("limited").build());
        call(chat("limited").build());
        RateLimitException refused = catchThrowableOfType(
                RateLimitException.class, () -> call(chat("limited").build()));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.getMessage()).contains("No deployments available");
        long retryAfter = Long.parseLong(refused.headers().values("retry-after").get(0));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(gateway.upstream.requests("/limited/v1/chat/completions")).hasSize(2);
    }

    @Test
    void rate_limit_headers_come_from_the_group_limits() {
        gateway.upstream.on("/metered/v1/chat/completions").replyAlways(OpenAiWire.ok("metered"));

        HttpResponseFor<ChatCompletion> response = call(chat("metered").build());

        assertThat(header(response, "x-ratelimit-limit-requests")).isEqualTo("100");
        assertThat(Long.parseLong(header(response, "x-ratelimit-remaining-requests")))
                .isBetween(0L, 99L);
        assertThat(header(response, "x-ratelimit-limit-tokens")).isEqualTo("100000");
    }

    @Test
    void aliases_route_and_only_shown_ones_are_listed() {
        gateway.upstream.on("/balanced-a/v1/chat/completions").replyAlways(OpenAiWire.ok("from a"));
        gateway.upstream.on("/balanced-b/v1/chat/completions").replyAlways(OpenAiWire.ok("from b"));

        HttpResponseFor<ChatCompletion> viaAlias = call(chat("gpt-4").build());
        HttpResponseFor<ChatCompletion> viaHidden = call(chat("secret-alias").build());
        List<String> listed =
                client.models().list().data().stream().map(Model::id).toList();

        assertThat(viaAlias.parse().choices().get(0).message().content().orElseThrow())
                .startsWith("from");
        assertThat(header(viaAlias, "x-litellm-model-group")).isEqualTo("gpt-4");
        assertThat(viaHidden.parse().choices()).isNotEmpty();
        assertThat(listed).contains("gpt-4", "balanced").doesNotContain("secret-alias");
    }

    @Test
    void a_wildcard_route_substitutes_the_requested_model() {
        gateway.upstream
                .on("/wild/v1/messages")
                .replyAlways(dev.junction.testkit.AnthropicWire.message("claude-3-haiku-20240307")
                        .text("wild")
                        .answer());

        ChatCompletion completion = client.chat()
                .completions()
                .create(chat("anthropic/claude-3-haiku-20240307").build());

        assertThat(completion.choices().get(0).message().content()).contains("wild");
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getString("model"))
                .isEqualTo("claude-3-haiku-20240307");
    }

    @Test
    void a_request_timeout_is_a_408_and_beats_the_deployment_timeout() throws Exception {
        gateway.upstream.on("/slow/v1/chat/completions").replyAlways(Answer.hang());

        HttpResponse<String> response = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"slow\",\"timeout\":0.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization",
                "Bearer sk-master-routing");

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message"))
                .contains("Timeout");
    }

    @Test
    void order_tiers_prefer_the_lowest_and_fall_through_when_it_cools_down() {
        gateway.upstream
                .on("/tier-1/v1/chat/completions")
                .reply(OpenAiWire.ok("tier one"))
                .replyAlways(OpenAiWire.rateLimited(Duration.ofSeconds(30)));
        gateway.upstream.on("/tier-2/v1/chat/completions").replyAlways(OpenAiWire.ok("tier two"));

        HttpResponseFor<ChatCompletion> first = call(chat("tiered").build());
        HttpResponseFor<ChatCompletion> second = call(chat("tiered").build());
        HttpResponseFor<ChatCompletion> third = call(chat("tiered").build());

        assertThat(first.parse().choices().get(0).message().content()).contains("tier one");
        assertThat(second.parse().choices().get(0).message().content()).contains("tier two");
        assertThat(third.parse().choices().get(0).message().content()).contains("tier two");
        assertThat(gateway.upstream.requests("/tier-1/v1/chat/completions")).hasSize(2);
    }
}
