package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.header;
import static dev.junction.gateway.E2eClient.sseData;
import static dev.junction.gateway.E2eClient.streamedContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Answer;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.AzureWire;
import dev.junction.testkit.OpenAiWire;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries and fallbacks of streamed calls. Until the upstream's first content nothing has reached the client,
 * so a failure is retried or falls back and the client sees one clean stream; after it, the answer is
 * continued by the next choice in the same stream (FaultsIT covers the faults in detail), and the failure
 * still counts against the deployment, as LiteLLM's stream wrapper reports it to the router's failure
 * callback.
 */
class StreamingFailoverIT {
    private static GatewayHarness gateway;
    private static E2eClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/streaming-failover.yaml");
        client = new E2eClient(gateway, "sk-master-streaming");
        gateway.upstream
                .on("/warmup/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").streamAnswer(2, false));
        assertThat(client.stream("warmup").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    private static Answer stream(String text) {
        return OpenAiWire.chat("gpt-4o-mini").content(text).streamAnswer(3, false);
    }

    /** A well-formed stream: chunks only, no error event, ending with [DONE]. */
    private static void assertCleanStream(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "content-type")).startsWith("text/event-stream");
        List<String> data = sseData(response.body());
        assertThat(data).last().isEqualTo("[DONE]");
        assertThat(data.subList(0, data.size() - 1)).isNotEmpty().allSatisfy(chunk -> assertThat(chunk)
                .contains("\"object\":\"chat.completion.chunk\""));
        assertThat(response.body()).doesNotContain("\"error\"");
    }

    @Test
    void a_stream_whose_deployment_fails_before_any_byte_is_served_by_the_fallback() throws Exception {
        gateway.upstream.on("/stream-down/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        gateway.upstream.on("/stream-backup/v1/chat/completions").replyAlways(stream("from the backup"));

        HttpResponse<String> response = client.stream("stream-down");

        assertCleanStream(response);
        assertThat(streamedContent(response.body())).isEqualTo("from the backup");
        assertThat(header(response, "x-litellm-model-group")).isEqualTo("stream-backup");
        assertThat(header(response, "x-litellm-attempted-fallbacks")).isEqualTo("1");
        assertThat(gateway.upstream.requests("/stream-down/v1/chat/completions"))
                .hasSize(1);
    }

    @Test
    void a_stream_whose_first_attempt_fails_before_any_byte_is_retried() throws Exception {
        gateway.upstream
                .on("/stream-flaky/v1/chat/completions")
                .reply(OpenAiWire.serviceUnavailable())
                .replyAlways(stream("second attempt"));

        HttpResponse<String> response = client.stream("stream-flaky");

        assertCleanStream(response);
        assertThat(streamedContent(response.body())).isEqualTo("second attempt");
        assertThat(header(response, "x-litellm-attempted-retries")).isEqualTo("1");
        assertThat(gateway.upstream.requests("/stream-flaky/v1/chat/completions"))
                .hasSize(2)
                .allSatisfy(sent ->
                        assertThat(sent.bodyAsJson().getBoolean("stream")).isTrue());
    }

    @Test
    void an_azure_429_before_the_stream_starts_falls_back_to_an_anthropic_stream() throws Exception {
        gateway.upstream
                .on("/azure-stream" + AzureWire.chatPath("limited"))
                .replyAlways(AzureWire.rateLimited(Duration.ofSeconds(1)));
        gateway.upstream
                .on("/claude-stream-backup/v1/messages")
                .replyAlways(AnthropicWire.message("claude-3-5-haiku-20241022")
                        .text("claude streamed")
                        .streamAnswer(3));

        HttpResponse<String> response = client.stream("azure-stream-limited");

        assertCleanStream(response);
        assertThat(streamedContent(response.body())).isEqualTo("claude streamed");
        assertThat(header(response, "x-litellm-model-group")).isEqualTo("claude-stream-backup");
    }

    @Test
    void a_stream_that_fails_after_its_first_byte_is_continued_by_a_retry_not_replayed() throws Exception {
        List<String> events =
                OpenAiWire.chat("gpt-4o").content("cut short halfway").streamEvents(3, false);
        gateway.upstream
                .on("/stream-breaks/v1/chat/completions")
                .reply(Answer.sseThenDrop(events.subList(0, 3), Duration.ofMillis(10)))
                .replyAlways(Answer.sse(events, Duration.ZERO));
        gateway.upstream.on("/stream-backup/v1/chat/completions").replyAlways(stream("must not be used"));

        HttpResponse<String> response = client.stream("stream-breaks");

        assertCleanStream(response);
        assertThat(streamedContent(response.body()))
                .as("the retry's repeat of what the client had is dropped")
                .isEqualTo("cut short halfway");
        assertThat(sseData(response.body()).stream().filter("[DONE]"::equals)).hasSize(1);
        assertThat(header(response, "x-litellm-model-group")).isEqualTo("stream-breaks");
        assertThat(gateway.upstream.requests("/stream-breaks/v1/chat/completions"))
                .hasSize(2);
        assertThat(gateway.upstream.requests("/stream-backup/v1/chat/completions"))
                .isEmpty();
    }

    @Test
    void a_deployment_whose_stream_stalls_midway_is_cooled_down_like_any_failed_one() throws Exception {
        List<String> events = OpenAiWire.chat("gpt-4o").content("stalls here").streamEvents(3, false);
        gateway.upstream
                .on("/stalls-midway/v1/chat/completions")
                .replyAlways(Answer.sseThenHang(events.subList(0, 2), Duration.ZERO));
        gateway.upstream.on("/stalls-midway-spare/v1/chat/completions").replyAlways(stream("from the spare"));

        HttpResponse<String> stalled = client.stream("stalls-midway");
        HttpResponse<String> next = client.stream("stalls-midway");

        assertCleanStream(stalled);
        assertThat(streamedContent(stalled.body())).as("continued by the spare").endsWith("from the spare");
        assertCleanStream(next);
        assertThat(streamedContent(next.body())).isEqualTo("from the spare");
        assertThat(gateway.upstream.requests("/stalls-midway/v1/chat/completions"))
                .as("the stalled deployment is cooling down")
                .hasSize(1);
    }

    @Test
    void a_deployment_whose_anthropic_stream_reports_overloaded_midway_is_cooled_down() throws Exception {
        List<String> events = AnthropicWire.message("claude-3-5-haiku-20241022")
                .text("overloaded halfway")
                .streamEvents(3);
        List<String> failing = new java.util.ArrayList<>(events.subList(0, 3));
        failing.add(AnthropicWire.streamError("overloaded_error", "Overloaded"));
        gateway.upstream.on("/claude-midway/v1/messages").replyAlways(Answer.sse(failing, Duration.ZERO));
        gateway.upstream
                .on("/claude-midway-spare/v1/messages")
                .replyAlways(AnthropicWire.message("claude-3-5-haiku-20241022")
                        .text("spare streamed")
                        .streamAnswer(3));

        HttpResponse<String> overloaded = client.stream("claude-overloaded-midway");
        HttpResponse<String> next = client.stream("claude-overloaded-midway");

        assertCleanStream(overloaded);
        assertThat(streamedContent(overloaded.body()))
                .as("continued by the spare")
                .endsWith("spare streamed");
        assertCleanStream(next);
        assertThat(streamedContent(next.body())).isEqualTo("spare streamed");
        assertThat(gateway.upstream.requests("/claude-midway/v1/messages"))
                .as("the overloaded deployment is cooling down")
                .hasSize(1);
    }
}
