package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.content;
import static dev.junction.gateway.E2eClient.error;
import static dev.junction.gateway.E2eClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Answer;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.AzureWire;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pre-call checks, timeouts, fallbacks to wildcard routes and deployment ids, failures in each provider's
 * format, and rpm/tpm limits: end to end through one node and scripted upstreams.
 */
class ReliabilityIT {
    /** About 300 tokens: more than the 100-token windows of the config, far less than gpt-4o's. */
    private static final String LONG_PROMPT = "lorem ipsum ".repeat(150);

    private static GatewayHarness gateway;
    private static E2eClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/reliability.yaml");
        client = new E2eClient(gateway, "sk-master-reliability");
        gateway.upstream.on("/warmup/v1/chat/completions").replyAlways(OpenAiWire.ok("warm"));
        client.warmUp("warmup");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    private static List<RecordedRequest> requests(String path) {
        return gateway.upstream.requests(path);
    }

    @Test
    void a_prompt_too_long_for_one_deployment_goes_to_the_deployment_that_fits() throws Exception {
        gateway.upstream.on("/window-small/v1/chat/completions").replyAlways(OpenAiWire.ok("small"));
        gateway.upstream.on("/window-large/v1/chat/completions").replyAlways(OpenAiWire.ok("large"));

        for (int i = 0; i < 6; i++) {
            assertThat(content(client.chat(chatBody("mixed-windows", LONG_PROMPT))))
                    .isEqualTo("large");
        }
        for (int i = 0; i < 12 && requests("/window-small/v1/chat/completions").isEmpty(); i++) {
            client.chat("mixed-windows");
        }

        assertThat(requests("/window-large/v1/chat/completions")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(requests("/window-small/v1/chat/completions"))
                .as("short prompts still reach the small deployment")
                .isNotEmpty()
                .allSatisfy(sent -> assertThat(sent.bodyAsString()).doesNotContain("lorem"));
    }

    @Test
    void a_prompt_too_long_for_every_deployment_goes_to_the_context_window_fallback() throws Exception {
        gateway.upstream.on("/roomy/v1/chat/completions").replyAlways(OpenAiWire.ok("roomy answered"));

        HttpResponse<String> response = client.chat(chatBody("too-small", LONG_PROMPT));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(content(response)).isEqualTo("roomy answered");
        assertThat(header(response, "x-litellm-model-group")).isEqualTo("roomy");
        assertThat(header(response, "x-litellm-attempted-fallbacks")).isEqualTo("1");
        assertThat(requests("/too-small/v1/chat/completions")).isEmpty();
    }

    @Test
    void a_prompt_too_long_for_every_deployment_without_a_fallback_is_a_context_window_error() throws Exception {
        HttpResponse<String> response = client.chat(chatBody("too-small-without-fallback", LONG_PROMPT));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).getString("message")).contains("litellm.ContextWindowExceededError");
        assertThat(requests("/too-small-alone/v1/chat/completions")).isEmpty();
    }

    @Test
    void a_deployment_timeout_answers_408_and_closes_the_upstream_connection() throws Exception {
        gateway.upstream.on("/half-second/v1/chat/completions").replyAlways(Answer.hang());

        long started = System.nanoTime();
        HttpResponse<String> response = client.chat("half-second-timeout");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(error(response).getString("message")).contains("litellm.Timeout");
        assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(10));
        E2eClient.awaitCancellation(gateway, "/half-second/v1/chat/completions", Duration.ofSeconds(5));
        assertThat(requests("/half-second/v1/chat/completions")).hasSize(1);
    }

    @Test
    void stream_timeout_bounds_a_stream_but_not_a_plain_call() throws Exception {
        String path = "/stream-timeout/v1/chat/completions";
        gateway.upstream
                .on(path)
                .reply(Answer.delayed(Duration.ofMillis(1200), OpenAiWire.ok("slow but in time")), Answer.hang());

        HttpResponse<String> plain = client.chat("half-second-stream-timeout");
        long started = System.nanoTime();
        HttpResponse<String> streamed = client.stream("half-second-stream-timeout");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(plain.statusCode()).as("a plain call has the 30 s timeout").isEqualTo(200);
        assertThat(content(plain)).isEqualTo("slow but in time");
        assertThat(streamed.statusCode()).isEqualTo(408);
        assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(10));
        E2eClient.awaitCancellation(gateway, path, Duration.ofSeconds(5));
    }

    @Test
    void the_x_litellm_timeout_header_beats_the_deployment_timeout() throws Exception {
        gateway.upstream.on("/patient/v1/chat/completions").replyAlways(Answer.hang());

        long started = System.nanoTime();
        HttpResponse<String> response = client.chat(chatBody("patient"), "x-litellm-timeout", "0.5");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(took).as("the deployment's own timeout is 30 s").isLessThan(Duration.ofSeconds(10));
        E2eClient.awaitCancellation(gateway, "/patient/v1/chat/completions", Duration.ofSeconds(5));
    }

    @Test
    void a_fallback_to_a_wildcard_route_calls_the_model_the_route_names() throws Exception {
        gateway.upstream.on("/gpt-4o-down/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        gateway.upstream
                .on("/anthropic-wild/v1/messages")
                .replyAlways(AnthropicWire.message("claude-3-haiku-20240307")
                        .text("haiku answered")
                        .answer());

        HttpResponse<String> response = client.chat("gpt-4o");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(content(response)).isEqualTo("haiku answered");
        assertThat(header(response, "x-litellm-model-group")).isEqualTo("anthropic/claude-3-haiku-20240307");
        assertThat(header(response, "x-litellm-attempted-fallbacks")).isEqualTo("1");
        assertThat(requests("/gpt-4o-down/v1/chat/completions")).hasSize(1);
        assertThat(requests("/anthropic-wild/v1/messages")).singleElement().satisfies(sent -> assertThat(
                        sent.bodyAsJson().getString("model"))
                .isEqualTo("claude-3-haiku-20240307"));
    }

    @Test
    void a_fallback_that_names_a_deployment_id_goes_to_that_deployment_only() throws Exception {
        gateway.upstream.on("/id-source/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        gateway.upstream.on("/shared-pinned/v1/chat/completions").replyAlways(OpenAiWire.ok("pinned"));
        gateway.upstream.on("/shared-other/v1/chat/completions").replyAlways(OpenAiWire.ok("other"));

        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = client.chat("falls-back-to-id");
            assertThat(content(response)).isEqualTo("pinned");
            assertThat(header(response, "x-litellm-model-id")).isEqualTo("pinned-deployment");
        }

        assertThat(requests("/shared-pinned/v1/chat/completions")).hasSize(6);
        assertThat(requests("/shared-other/v1/chat/completions")).isEmpty();
    }

    @Test
    void a_fallback_to_a_deployment_id_reaches_it_even_while_it_cools_down() throws Exception {
        gateway.upstream.on("/cooling-id-source/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        gateway.upstream
                .on("/cooling-pinned/v1/chat/completions")
                .reply(OpenAiWire.rateLimited(Duration.ofSeconds(30)))
                .replyAlways(OpenAiWire.ok("pinned"));
        gateway.upstream.on("/cooling-other/v1/chat/completions").replyAlways(OpenAiWire.ok("other"));

        HttpResponse<String> coolsPinned = client.chat("cooling-shared");
        HttpResponse<String> whileCooling = client.chat("cooling-shared");
        HttpResponse<String> byId = client.chat("falls-back-to-cooling-id");

        assertThat(content(coolsPinned))
                .as("order 1 answered 429, order 2 took the retry")
                .isEqualTo("other");
        assertThat(content(whileCooling)).as("order 1 is cooling down").isEqualTo("other");
        assertThat(content(byId)).isEqualTo("pinned");
        assertThat(header(byId, "x-litellm-model-id")).isEqualTo("cooling-pinned-deployment");
        assertThat(requests("/cooling-pinned/v1/chat/completions")).hasSize(2);
    }

    @Test
    void an_azure_429_is_retried_at_once_on_a_sibling_and_cools_the_limited_deployment() throws Exception {
        String limited = "/azure-pair" + AzureWire.chatPath("limited");
        String spare = "/azure-pair" + AzureWire.chatPath("spare");
        gateway.upstream.on(limited).replyAlways(AzureWire.rateLimited(Duration.ofSeconds(20)));
        gateway.upstream
                .on(spare)
                .replyAlways(AzureWire.chat("gpt-4o").content("spare").answer());

        HttpResponse<String> retried = client.chat("azure-pair");
        HttpResponse<String> next = client.chat("azure-pair");

        assertThat(content(retried)).isEqualTo("spare");
        assertThat(header(retried, "x-litellm-attempted-retries")).isEqualTo("1");
        assertThat(E2eClient.gap(requests(limited).get(0), requests(spare).get(0)))
                .as("no back-off while a sibling is healthy, whatever the Retry-After")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(content(next)).isEqualTo("spare");
        assertThat(header(next, "x-litellm-attempted-retries")).isEqualTo("0");
        assertThat(requests(limited)).as("cooling down after its 429").hasSize(1);
    }

    @Test
    void an_anthropic_529_is_retried_then_falls_back() throws Exception {
        gateway.upstream.on("/claude-overloaded/v1/messages").replyAlways(AnthropicWire.overloaded());
        gateway.upstream
                .on("/claude-backup/v1/messages")
                .replyAlways(AnthropicWire.message("claude-3-5-haiku-20241022")
                        .text("backup answered")
                        .answer());

        HttpResponse<String> response = client.chat("claude-overloaded");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(content(response)).isEqualTo("backup answered");
        assertThat(header(response, "x-litellm-model-group")).isEqualTo("claude-backup");
        assertThat(requests("/claude-overloaded/v1/messages"))
                .as("the call and its one retry")
                .hasSize(2);
    }

    @Test
    void an_anthropic_prompt_too_long_goes_to_the_context_window_fallback_without_a_retry() throws Exception {
        gateway.upstream.on("/claude-short/v1/messages").replyAlways(AnthropicWire.promptTooLong());
        gateway.upstream
                .on("/claude-long/v1/messages")
                .replyAlways(AnthropicWire.message("claude-3-5-sonnet-20241022")
                        .text("long answered")
                        .answer());

        HttpResponse<String> response = client.chat("claude-short");

        assertThat(content(response)).isEqualTo("long answered");
        assertThat(header(response, "x-litellm-model-group")).isEqualTo("claude-long");
        assertThat(requests("/claude-short/v1/messages")).hasSize(1);
    }

    @Test
    void an_openai_500_is_retried_and_the_headers_count_the_retries() throws Exception {
        gateway.upstream
                .on("/openai-500/v1/chat/completions")
                .reply(OpenAiWire.serverError())
                .replyAlways(OpenAiWire.ok("second try"));

        HttpResponse<String> response = client.chat("openai-500-once");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(content(response)).isEqualTo("second try");
        assertThat(header(response, "x-litellm-attempted-retries")).isEqualTo("1");
        assertThat(header(response, "x-litellm-max-retries"))
                .as("the group's num_retries")
                .isEqualTo("2");
        assertThat(requests("/openai-500/v1/chat/completions")).hasSize(2);
    }

    @Test
    void a_deployment_over_its_tpm_refuses_calls_once_reported_usage_has_filled_the_minute() throws Exception {
        // 70 tokens reported per call against a tpm of 100; the prompt alone is estimated at 8.
        gateway.upstream
                .on("/token-capped/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").usage(50, 20).answer());
        E2eClient.awaitMinuteWithAtLeast(Duration.ofSeconds(10));

        HttpResponse<String> first = client.chat("token-capped");
        HttpResponse<String> second = client.chat("token-capped");
        HttpResponse<String> refused = client.chat("token-capped");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).getString("message")).contains("No deployments available");
        assertThat(Long.parseLong(header(refused, "retry-after"))).isBetween(1L, 60L);
        assertThat(requests("/token-capped/v1/chat/completions")).hasSize(2);
    }

    @Test
    void when_a_group_and_its_fallback_are_both_over_their_limits_the_answer_is_429() throws Exception {
        gateway.upstream.on("/request-capped/v1/chat/completions").replyAlways(OpenAiWire.ok("capped"));
        gateway.upstream.on("/request-capped-backup/v1/chat/completions").replyAlways(OpenAiWire.ok("backup"));
        E2eClient.awaitMinuteWithAtLeast(Duration.ofSeconds(10));

        HttpResponse<String> first = client.chat("request-capped");
        HttpResponse<String> second = client.chat("request-capped");
        HttpResponse<String> refused = client.chat("request-capped");

        assertThat(header(first, "x-litellm-model-group")).isEqualTo("request-capped");
        assertThat(header(second, "x-litellm-model-group")).isEqualTo("request-capped-backup");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).getString("message")).contains("No deployments available");
        assertThat(Long.parseLong(header(refused, "retry-after"))).isBetween(1L, 60L);
        assertThat(requests("/request-capped/v1/chat/completions")).hasSize(1);
        assertThat(requests("/request-capped-backup/v1/chat/completions")).hasSize(1);
    }
}
