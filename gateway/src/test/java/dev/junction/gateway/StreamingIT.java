package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.Answer;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.Sse;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SSE end to end: no buffering, cancellation on disconnect, failures after the first byte reported in-band. */
class StreamingIT {
    private static final String STREAM_BODY =
            "{\"model\":\"%s\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/gateway.yaml");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    private static HttpResponse<InputStream> stream(String model) throws Exception {
        return gateway.postStreaming(
                "/v1/chat/completions", STREAM_BODY.formatted(model), "authorization", "Bearer sk-master-e2e");
    }

    @Test
    void chunks_reach_the_client_before_the_upstream_has_finished() throws Exception {
        gateway.upstream
                .on("/flaky/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o-mini").content("never ending").slowStream(Duration.ofMillis(200)));

        HttpResponse<InputStream> response = stream("flaky");
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
            assertThat(reader.readLine()).startsWith("data: {");
        }
    }

    @Test
    void a_client_that_disconnects_mid_stream_cancels_the_upstream_request() throws Exception {
        gateway.upstream
                .on("/flaky/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o-mini").content("tick").slowStream(Duration.ofMillis(100)));
        gateway.upstream
                .on("/flaky-claude/v1/messages")
                .reply(AnthropicWire.message("claude-3-5-haiku-20241022").slowStream(Duration.ofMillis(100)));

        for (String model : List.of("flaky", "flaky-claude")) {
            HttpResponse<InputStream> response = stream(model);
            InputStream body = response.body();
            assertThat(body.read(new byte[64])).isPositive();
            body.close();

            gateway.upstream
                    .nextCancellation()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(1, TimeUnit.SECONDS);
        }
    }

    @Test
    void an_upstream_failure_after_the_first_byte_ends_with_an_error_event() throws Exception {
        List<String> firstEvents =
                OpenAiWire.chat("gpt-4o-mini").content("partial answer").streamEvents(3, false);
        gateway.upstream
                .on("/flaky/v1/chat/completions")
                .reply(Answer.sseThenDrop(firstEvents.subList(0, 3), Duration.ofMillis(10)));

        HttpResponse<String> response = gateway.post(
                "/v1/chat/completions", STREAM_BODY.formatted("flaky"), "authorization", "Bearer sk-master-e2e");

        assertThat(response.statusCode()).isEqualTo(200);
        String[] frames = response.body().split("\n\n");
        assertThat(frames[0]).startsWith("data: {");
        assertThat(frames[frames.length - 1]).startsWith("data: {\"error\":").contains("\"code\":\"500\"");
        assertThat(response.body()).doesNotContain("[DONE]");
    }

    /**
     * A chunk, then an in-band error that quotes the deployment's key ({@code sk-flaky}), another key, and a URL
     * with a password and a signed query.
     */
    private static Answer chunkThenErrorQuotingSecrets() {
        List<String> events =
                OpenAiWire.chat("gpt-4o-mini").content("partial answer").streamEvents(3, false);
        String error = OpenAiWire.streamError(
                "Upstream refused Authorization: Bearer sk-flaky (also tried sk-live-someone-else-1234 at"
                        + " https://admin:pw-998877@10.0.0.5/v1?api-key=abc123456789)",
                "server_error",
                null);
        return Answer.sse(List.of(events.get(0), events.get(1), error, Sse.DONE), Duration.ZERO);
    }

    @Test
    void an_error_event_in_the_stream_reaches_the_client_without_any_secret() throws Exception {
        gateway.upstream.on("/flaky/v1/chat/completions").reply(chunkThenErrorQuotingSecrets());

        HttpResponse<String> response = gateway.post(
                "/v1/chat/completions", STREAM_BODY.formatted("flaky"), "authorization", "Bearer sk-master-e2e");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = E2eClient.sseData(response.body());
        assertThat(data.get(0)).contains("\"role\":\"assistant\"");
        JsonObject error = new JsonObject(data.get(data.size() - 1)).getJsonObject("error");
        assertThat(error.getString("message"))
                .startsWith(
                        "litellm.InternalServerError: OpenAIException - Upstream refused Authorization: Bearer ****");
        assertThat(response.body())
                .doesNotContain("sk-flaky", "sk-live-someone-else", "pw-998877", "abc123456789", "[DONE]");
    }

    @Test
    void the_openai_sdk_sees_the_streamed_error_without_any_secret() {
        gateway.upstream.on("/flaky/v1/chat/completions").reply(chunkThenErrorQuotingSecrets());
        OpenAIClient client = gateway.openAi("sk-master-e2e");
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try {
            Throwable thrown = catchThrowable(() -> {
                try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                        .completions()
                        .createStreaming(ChatCompletionCreateParams.builder()
                                .model("flaky")
                                .addUserMessage("hi")
                                .build())) {
                    stream.stream().forEach(chunks::add);
                }
            });

            assertThat(thrown).isInstanceOf(SseException.class);
            assertThat(thrown.getMessage() + chunks)
                    .contains("Upstream refused")
                    .doesNotContain("sk-flaky", "sk-live-someone-else", "pw-998877", "abc123456789");
        } finally {
            client.close();
        }
    }

    @Test
    void an_upstream_that_stalls_mid_stream_is_cut_off_after_the_timeout() throws Exception {
        List<String> firstEvents =
                OpenAiWire.chat("gpt-4o-mini").content("stalled answer").streamEvents(3, false);
        gateway.upstream
                .on("/flaky/v1/chat/completions")
                .reply(Answer.sseThenHang(firstEvents.subList(0, 2), Duration.ZERO));

        HttpResponse<String> response = gateway.post(
                "/v1/chat/completions",
                STREAM_BODY.formatted("flaky"),
                "authorization",
                "Bearer sk-master-e2e",
                "x-litellm-timeout",
                "1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"error\":").contains("\"code\":\"408\"");
        gateway.upstream
                .nextCancellation()
                .toCompletionStage()
                .toCompletableFuture()
                .get(2, TimeUnit.SECONDS);
    }

    @Test
    void streamed_mock_answers_end_with_done() throws Exception {
        HttpResponse<String> response = gateway.post(
                "/v1/chat/completions", STREAM_BODY.formatted("canned"), "authorization", "Bearer sk-master-e2e");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"content\":\"canned \"").endsWith("data: [DONE]\n\n");
    }
}
