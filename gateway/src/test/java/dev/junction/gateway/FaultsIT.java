package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.header;
import static dev.junction.gateway.E2eClient.sseData;
import static dev.junction.gateway.E2eClient.streamedContent;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.junction.testkit.Answer;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.FaultyStream;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway fault benchmark's provider faults, each played by the fake upstream on demand and met through a
 * real node by the official OpenAI SDK, streaming and not: what the client sees (status, the whole text, one
 * {@code [DONE]}, headers) and how many attempts each deployment got. The config is a LiteLLM user's
 * ({@code num_retries: 2}, a {@code timeout}, fallbacks, no {@code stream_timeout}).
 */
class FaultsIT {
    private static final String ANSWER = "The quick brown fox jumps over the lazy dog.";
    /** What the client has of {@link #ANSWER} when a stream of it in 6 pieces breaks after 3 frames. */
    private static final String FIRST_PART = "The quick brow";

    private static GatewayHarness gateway;
    private static OpenAIClient sdk;
    private static E2eClient http;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/faults.yaml");
        sdk = gateway.openAi("sk-master-faults");
        http = new E2eClient(gateway, "sk-master-faults");
        // The warm-up stream is cut once and continued, so the printed figures are of a warm node (the first
        // continuation took 3-10 s more under this machine's load, the next ones 150-370 ms).
        gateway.upstream
                .on("/warmup/v1/chat/completions")
                .reply(stream("warm", ANSWER).cutAfter(3).answer())
                .replyAlways(stream("warm", ANSWER).answer());
        // A cold node's first stream can take longer than this config's 2 s first-chunk wait under load.
        JsonObject warm = chatBody("warmup").put("stream", true).put("stream_timeout", 60);
        assertThat(http.chat(warm).statusCode()).isEqualTo(200);
        gateway.upstream
                .on("/claude-backup" + AnthropicWire.MESSAGES_PATH)
                .replyAlways(AnthropicWire.message("claude-3-5-haiku-20241022")
                        .text(ANSWER)
                        .streamAnswer(3));
        assertThat(http.chat(chatBody("claude-backup").put("stream", true).put("stream_timeout", 60))
                        .statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        sdk.close();
        gateway.close();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    private static FaultyStream stream(String model, String text) {
        return FaultyStream.of(OpenAiWire.chat(model).content(text), 6);
    }

    private static String chatPath(String deployment) {
        return "/" + deployment + OpenAiWire.CHAT_PATH;
    }

    private static List<RecordedRequest> requests(String deployment) {
        return gateway.upstream.requests(chatPath(deployment));
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Tell me about foxes");
    }

    /** A streamed call through the SDK: its chunks, the text they add up to, its headers and its duration. */
    private record Streamed(List<ChatCompletionChunk> chunks, String text, HttpResponseFor<?> raw, long millis) {
        String header(String name) {
            return raw.headers().values(name).stream().findFirst().orElse(null);
        }

        ChatCompletionChunk finishChunk() {
            return chunks.stream()
                    .filter(chunk -> chunk.choices().stream()
                            .anyMatch(choice -> choice.finishReason().isPresent()))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Streamed streamed(ChatCompletionCreateParams params) {
        long started = System.nanoTime();
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                sdk.chat().completions().withRawResponse().createStreaming(params);
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            chunks = stream.stream().toList();
        }
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk ->
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        return new Streamed(chunks, text.toString(), raw, (System.nanoTime() - started) / 1_000_000);
    }

    /** The last message of a request as the upstream received it. */
    private static JsonObject lastMessage(RecordedRequest request) {
        JsonArray messages = request.bodyAsJson().getJsonArray("messages");
        return messages.getJsonObject(messages.size() - 1);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    // 1. No response at all.

    @Test
    void a_silent_deployment_costs_one_timeout_then_the_fallback_answers() {
        gateway.upstream.on(chatPath("silent")).replyAlways(Answer.hang());
        gateway.upstream
                .on(chatPath("backup"))
                .replyAlways(OpenAiWire.chat("gpt-4o-mini").content(ANSWER).answer());

        long started = System.nanoTime();
        HttpResponseFor<ChatCompletion> raw =
                sdk.chat().completions().withRawResponse().create(chat("silent").build());
        ChatCompletion completion = raw.parse();
        long millis = millisSince(started);

        assertThat(completion.choices().get(0).message().content()).contains(ANSWER);
        assertThat(completion.model()).isEqualTo("gpt-4o-mini");
        assertThat(completion.usage()).isPresent();
        assertThat(raw.headers().values("x-litellm-model-id")).containsExactly("backup-1");
        assertThat(raw.headers().values("x-litellm-attempted-fallbacks")).containsExactly("1");
        assertThat(raw.headers().values("x-litellm-attempted-retries")).containsExactly("0");
        assertThat(requests("silent"))
                .as("no second wait on the silent deployment")
                .hasSize(1);
        assertThat(millis).as("one 8 s timeout, not three").isBetween(7_900L, 15_900L);
        System.out.printf("fault 1, no response, plain: 200 from the fallback in %d ms%n", millis);
    }

    @Test
    void a_silent_deployment_beside_a_healthy_one_is_not_retried_and_cools_down() {
        gateway.upstream.on(chatPath("silent-pair-a")).replyAlways(Answer.hang());
        gateway.upstream.on(chatPath("silent-pair-b")).replyAlways(OpenAiWire.ok("from b"));

        HttpResponseFor<ChatCompletion> raw = sdk.chat()
                .completions()
                .withRawResponse()
                .create(chat("silent-pair").build());
        HttpResponseFor<ChatCompletion> next = sdk.chat()
                .completions()
                .withRawResponse()
                .create(chat("silent-pair").build());

        assertThat(raw.parse().choices().get(0).message().content()).contains("from b");
        assertThat(raw.headers().values("x-litellm-model-id")).containsExactly("silent-pair-b");
        assertThat(raw.headers().values("x-litellm-attempted-retries")).containsExactly("1");
        assertThat(next.headers().values("x-litellm-model-id")).containsExactly("silent-pair-b");
        assertThat(requests("silent-pair-a"))
                .as("timed out once, then cooling down")
                .hasSize(1);
        assertThat(requests("silent-pair-b")).hasSize(2);
    }

    @Test
    void a_silent_deployment_of_a_stream_costs_one_first_chunk_timeout() {
        gateway.upstream.on(chatPath("silent")).replyAlways(Answer.hang());
        gateway.upstream
                .on(chatPath("backup"))
                .replyAlways(stream("gpt-4o-mini", ANSWER).answer());

        Streamed answer = streamed(chat("silent").build());

        assertThat(answer.text()).isEqualTo(ANSWER);
        assertThat(answer.header("x-litellm-model-id")).isEqualTo("backup-1");
        assertThat(requests("silent")).hasSize(1);
        assertThat(answer.millis()).as("a quarter of the 8 s timeout").isBetween(1_900L, 7_900L);
        System.out.printf("fault 1, no response, stream: 200 from the fallback in %d ms%n", answer.millis());
    }

    // 2. Slow first token, or a failure before it.

    @Test
    void a_first_chunk_later_than_the_stream_timeout_falls_back_before_the_client_sees_a_byte() {
        gateway.upstream
                .on(chatPath("slow-first"))
                .replyAlways(stream("gpt-4o", ANSWER)
                        .firstChunkAfter(Duration.ofSeconds(10))
                        .answer());
        gateway.upstream
                .on(chatPath("backup"))
                .replyAlways(stream("gpt-4o-mini", ANSWER).answer());

        Streamed answer = streamed(chat("slow-first").build());

        assertThat(answer.raw().statusCode()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo(ANSWER);
        assertThat(answer.chunks())
                .allSatisfy(chunk -> assertThat(chunk.model()).isEqualTo("gpt-4o-mini"));
        assertThat(answer.header("x-litellm-attempted-fallbacks")).isEqualTo("1");
        assertThat(requests("slow-first")).as("one wait for the first chunk").hasSize(1);
        System.out.printf("fault 2, slow first token: 200 from the fallback in %d ms%n", answer.millis());
    }

    @Test
    void a_stream_timeout_in_the_request_replaces_the_first_chunk_wait_derived_from_timeout() {
        gateway.upstream
                .on(chatPath("slow-first"))
                .replyAlways(stream("gpt-4o", ANSWER)
                        .firstChunkAfter(Duration.ofSeconds(4))
                        .answer());

        Streamed answer = streamed(chat("slow-first")
                .putAdditionalBodyProperty("stream_timeout", JsonValue.from(7))
                .build());

        assertThat(answer.text()).isEqualTo(ANSWER);
        assertThat(answer.chunks()).allSatisfy(chunk -> assertThat(chunk.model())
                .as("the 2 s derived wait would have fallen back")
                .isEqualTo("gpt-4o"));
        assertThat(answer.header("x-litellm-attempted-fallbacks")).isEqualTo("0");
        assertThat(requests("slow-first")).hasSize(1);
        assertThat(requests("backup")).isEmpty();
    }

    @Test
    void a_stream_that_breaks_before_its_first_content_is_retried_with_a_clean_head() throws Exception {
        gateway.upstream
                .on(chatPath("slow-first"))
                .reply(stream("gpt-4o", ANSWER).cutAfter(1).answer())
                .replyAlways(stream("gpt-4o", ANSWER).answer());

        HttpResponse<String> response = http.chat(chatBody("slow-first").put("stream", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(streamedContent(response.body())).isEqualTo(ANSWER);
        assertThat(header(response, "x-litellm-attempted-retries")).isEqualTo("1");
        assertThat(response.body()).doesNotContain("\"error\"");
        assertThat(requests("slow-first")).hasSize(2);
    }

    @Test
    void a_stream_whose_every_choice_fails_before_its_content_gets_an_error_status_not_a_200() throws Exception {
        gateway.upstream
                .on(chatPath("cut-alone"))
                .replyAlways(stream("gpt-4o", ANSWER).cutAfter(1).answer());

        HttpResponse<String> response = http.chat(chatBody("cut-alone").put("stream", true));

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message"))
                .isNotBlank();
        assertThat(requests("cut-alone")).hasSize(1);
        System.out.printf("fault 2, failure before the first content: %d, not a 200%n", response.statusCode());
    }

    @Test
    void a_connection_reset_before_any_answer_is_retried_streaming_or_not() {
        gateway.upstream
                .on(chatPath("slow-first"))
                .reply(Answer.drop())
                .reply(OpenAiWire.chat("gpt-4o").content(ANSWER).answer())
                .reply(Answer.drop())
                .reply(stream("gpt-4o", ANSWER).answer());

        HttpResponseFor<ChatCompletion> raw = sdk.chat()
                .completions()
                .withRawResponse()
                .create(chat("slow-first").build());
        Streamed answer = streamed(chat("slow-first").build());

        assertThat(raw.parse().choices().get(0).message().content()).contains(ANSWER);
        assertThat(raw.headers().values("x-litellm-attempted-retries")).containsExactly("1");
        assertThat(answer.text()).isEqualTo(ANSWER);
        assertThat(answer.header("x-litellm-attempted-retries")).isEqualTo("1");
        assertThat(requests("slow-first")).hasSize(4);
    }

    // 3. A stream cut, or stalled, after the client has part of the answer.

    @Test
    void a_stream_cut_midway_is_continued_by_a_retry_of_its_deployment() {
        gateway.upstream
                .on(chatPath("cuts"))
                .reply(stream("gpt-4o", ANSWER).cutAfter(3).answer())
                .reply(stream("gpt-4o", "n fox jumps over the lazy dog.").answer());

        Streamed answer = streamed(chat("cuts").build());

        assertThat(answer.text()).isEqualTo(ANSWER);
        assertThat(answer.finishChunk()._additionalProperties().get("continuations"))
                .isEqualTo(JsonValue.from(1));
        List<RecordedRequest> sent = requests("cuts");
        assertThat(sent).hasSize(2);
        JsonArray continued = sent.get(1).bodyAsJson().getJsonArray("messages");
        assertThat(continued.getJsonObject(continued.size() - 2).getString("content"))
                .isEqualTo(FIRST_PART);
        assertThat(lastMessage(sent.get(1)).getString("role")).isEqualTo("user");
        assertThat(lastMessage(sent.get(1)).getString("content")).contains("Continue");
        System.out.printf("fault 3, stream cut: the whole answer, continued, in %d ms%n", answer.millis());
    }

    @Test
    void a_stream_that_closes_cleanly_without_finishing_is_continued_not_taken_as_whole() {
        gateway.upstream
                .on(chatPath("cuts"))
                .reply(stream("gpt-4o", ANSWER).closeAfter(3).answer())
                .reply(stream("gpt-4o", ANSWER).answer());

        Streamed answer = streamed(chat("cuts").build());

        assertThat(answer.text()).as("the restarted answer's repeat is dropped").isEqualTo(ANSWER);
        assertThat(requests("cuts")).hasSize(2);
    }

    @Test
    void a_stalled_stream_is_continued_by_a_claude_fallback_from_a_prefill_with_one_done_and_summed_usage()
            throws Exception {
        gateway.upstream
                .on(chatPath("stalls"))
                .replyAlways(stream("gpt-4o", ANSWER).stallAfter(3).answer());
        gateway.upstream
                .on("/claude-backup" + AnthropicWire.MESSAGES_PATH)
                .replyAlways(AnthropicWire.message("claude-3-5-haiku-20241022")
                        .text("n fox jumps over the lazy dog.")
                        .usage(40, 9)
                        .streamAnswer(3));

        long started = System.nanoTime();
        HttpResponse<String> response = http.chat(chatBody("stalls")
                .put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true)));
        long millis = millisSince(started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(streamedContent(response.body())).isEqualTo(ANSWER);
        List<String> data = sseData(response.body());
        assertThat(data.stream().filter("[DONE]"::equals)).hasSize(1);
        assertThat(data).last().isEqualTo("[DONE]");
        assertThat(response.body()).doesNotContain("\"error\"");
        JsonObject usage = new JsonObject(data.get(data.size() - 2)).getJsonObject("usage");
        assertThat(usage.getLong("prompt_tokens")).as("both calls' prompts").isGreaterThan(40);
        assertThat(usage.getLong("completion_tokens")).as("both calls' answers").isGreaterThan(9);
        RecordedRequest continuation = gateway.upstream.lastRequest();
        assertThat(lastMessage(continuation).getString("role")).isEqualTo("assistant");
        assertThat(lastMessage(continuation).toString()).contains(FIRST_PART.stripTrailing());
        assertThat(requests("stalls")).hasSize(1);
        System.out.printf("fault 3, stream stall: the whole answer, continued by the fallback, in %d ms%n", millis);
    }

    @Test
    void a_stream_cut_with_no_choice_left_ends_with_an_error_event_not_a_silent_end() throws Exception {
        gateway.upstream
                .on(chatPath("cut-alone"))
                .replyAlways(stream("gpt-4o", ANSWER).cutAfter(3).answer());

        HttpResponse<String> response = http.chat(chatBody("cut-alone").put("stream", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(streamedContent(response.body())).isEqualTo(FIRST_PART);
        assertThat(sseData(response.body())).last().asString().startsWith("{\"error\":");
        assertThat(response.body()).doesNotContain("[DONE]");
        assertThat(requests("cut-alone")).hasSize(1);
    }

    @Test
    void with_continuation_turned_off_a_cut_stream_ends_with_the_error_event() throws Exception {
        try (GatewayHarness off = GatewayHarness.start("/e2e/faults-no-continuation.yaml")) {
            off.upstream
                    .on(chatPath("cuts"))
                    .replyAlways(stream("gpt-4o", ANSWER).cutAfter(3).answer());

            HttpResponse<String> response = new E2eClient(off, "sk-master-faults")
                    .chat(chatBody("cuts").put("stream", true).put("stream_timeout", 60));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(streamedContent(response.body())).isEqualTo(FIRST_PART);
            assertThat(sseData(response.body())).last().asString().startsWith("{\"error\":");
            assertThat(response.body()).doesNotContain("[DONE]");
            assertThat(off.upstream.requests(chatPath("cuts"))).hasSize(1);
        }
    }

    // 4. A fallback that refuses a prefill.

    @Test
    void a_fallback_refusing_the_continuation_prefill_continues_without_it() {
        gateway.upstream
                .on(chatPath("cut-to-picky"))
                .replyAlways(stream("gpt-4o", ANSWER).cutAfter(3).answer());
        String picky = "/picky-claude" + AnthropicWire.MESSAGES_PATH;
        gateway.upstream.guard(picky, FaultsIT::claudeRefusingPrefill);
        gateway.upstream
                .on(picky)
                .replyAlways(AnthropicWire.message("claude-opus-4-6")
                        .text("n fox jumps over the lazy dog.")
                        .streamAnswer(2));

        Streamed answer = streamed(chat("cut-to-picky").build());

        assertThat(answer.text()).isEqualTo(ANSWER);
        List<RecordedRequest> sent = gateway.upstream.requests(picky);
        assertThat(sent).hasSize(2);
        assertThat(lastMessage(sent.get(0)).getString("role")).isEqualTo("assistant");
        assertThat(lastMessage(sent.get(1)).getString("role")).isEqualTo("user");
        assertThat(answer.finishChunk().model()).isEqualTo("claude-opus-4-6");
        System.out.printf("fault 4, prefill refused: the whole answer in %d ms%n", answer.millis());
    }

    @Test
    void a_fallback_refusing_the_clients_own_prefill_is_asked_again_without_it() {
        gateway.upstream.on(chatPath("down")).replyAlways(OpenAiWire.serverError());
        gateway.upstream.guard(chatPath("picky-openai"), OpenAiWire::refusingPrefill);
        gateway.upstream
                .on(chatPath("picky-openai"))
                .replyAlways(
                        OpenAiWire.chat("gpt-4o-mini").content(" leaves fall").answer());

        long started = System.nanoTime();
        HttpResponseFor<ChatCompletion> raw = sdk.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("down")
                        .addUserMessage("Write a haiku")
                        .addAssistantMessage("Autumn")
                        .build());
        ChatCompletion completion = raw.parse();
        long millis = millisSince(started);

        assertThat(completion.choices().get(0).message().content()).contains(" leaves fall");
        assertThat(raw.headers().values("x-litellm-model-id")).containsExactly("picky-openai-1");
        assertThat(raw.headers().values("x-litellm-attempted-fallbacks")).containsExactly("1");
        assertThat(raw.headers().values("x-litellm-attempted-retries")).containsExactly("1");
        List<RecordedRequest> sent = requests("picky-openai");
        assertThat(sent).hasSize(2);
        assertThat(lastMessage(sent.get(1)).getString("role")).isEqualTo("user");
        System.out.printf("fault 4, client prefill refused by the fallback: 200 in %d ms%n", millis);
    }

    private static Answer claudeRefusingPrefill(RecordedRequest request) {
        return "assistant".equals(lastMessage(request).getString("role"))
                ? AnthropicWire.error(
                        400,
                        "invalid_request_error",
                        "This model does not support assistant message prefill. The conversation must end with a"
                                + " user message.")
                : null;
    }

    // 5. and 6. A chunk that is not JSON; a stream that ends without [DONE].

    @Test
    void a_malformed_chunk_is_dropped_and_the_sdk_reads_the_whole_answer() {
        gateway.upstream
                .on(chatPath("malformed"))
                .replyAlways(stream("gpt-4o", ANSWER).malformedAt(2).answer());

        Streamed answer = streamed(chat("malformed").build());

        assertThat(answer.text()).isEqualTo(ANSWER);
        System.out.printf("fault 5, malformed chunk: the whole answer in %d ms%n", answer.millis());
    }

    @Test
    void a_stream_without_done_still_ends_with_done() throws Exception {
        gateway.upstream
                .on(chatPath("no-done"))
                .replyAlways(stream("gpt-4o", ANSWER).withoutDone().answer());

        HttpResponse<String> response = http.chat(chatBody("no-done").put("stream", true));
        Streamed answer = streamed(chat("no-done").build());

        assertThat(sseData(response.body())).last().isEqualTo("[DONE]");
        assertThat(streamedContent(response.body())).isEqualTo(ANSWER);
        assertThat(answer.text()).isEqualTo(ANSWER);
        System.out.printf("fault 6, missing [DONE]: the whole answer in %d ms%n", answer.millis());
    }

    // 7. and 8. Open breakers, and what the answer says of its attempts.

    @Test
    void a_group_whose_breaker_is_open_goes_to_its_fallback_at_once_streaming_or_not() {
        gateway.upstream.on(chatPath("flapping")).replyAlways(OpenAiWire.serverError());
        gateway.upstream
                .on(chatPath("backup"))
                .replyAlways(OpenAiWire.chat("gpt-4o-mini").content(ANSWER).answer());
        openBreaker("flapping");
        // The plain call takes the first answer, the stream the second.
        gateway.upstream
                .on(chatPath("backup"))
                .reply(
                        OpenAiWire.chat("gpt-4o-mini").content(ANSWER).answer(),
                        stream("gpt-4o-mini", ANSWER).answer());

        long started = System.nanoTime();
        HttpResponseFor<ChatCompletion> raw = sdk.chat()
                .completions()
                .withRawResponse()
                .create(chat("flapping").build());
        long millis = millisSince(started);
        Streamed answer = streamed(chat("flapping").build());

        assertThat(raw.parse().model()).isEqualTo("gpt-4o-mini");
        assertThat(raw.headers().values("x-litellm-attempted-fallbacks")).containsExactly("1");
        assertThat(answer.text()).isEqualTo(ANSWER);
        assertThat(answer.header("x-litellm-model-id")).isEqualTo("backup-1");
        assertThat(requests("flapping"))
                .as("the open breaker refused both calls")
                .hasSize(BREAKER_FAILURES);
        assertThat(millis)
                .as("no back-off against the open breaker (5 retries would sleep 11 s or more)")
                .isLessThan(5_000);
        assertThat(answer.millis()).isLessThan(5_000);
        System.out.printf(
                "fault 7, open breaker: 200 from the fallback in %d ms (stream: %d ms)%n", millis, answer.millis());
    }

    @Test
    void a_recovering_primary_gets_one_half_open_probe_while_the_other_calls_fall_back() throws Exception {
        gateway.upstream.on(chatPath("recovering")).replyAlways(OpenAiWire.serverError());
        gateway.upstream
                .on(chatPath("backup"))
                .replyAlways(OpenAiWire.chat("gpt-4o-mini").content(ANSWER).answer());
        openBreaker("recovering");
        Thread.sleep(BREAKER_RESET.plusSeconds(1).toMillis());
        gateway.upstream
                .on(chatPath("recovering"))
                .replyAlways(Answer.delayed(
                        Duration.ofSeconds(4),
                        OpenAiWire.chat("gpt-4o").content(ANSWER).answer()));

        CompletableFuture<HttpResponseFor<ChatCompletion>> probe = CompletableFuture.supplyAsync(() -> sdk.chat()
                .completions()
                .withRawResponse()
                .create(chat("recovering").build()));
        awaitRequests("recovering", BREAKER_FAILURES + 1);
        List<CompletableFuture<HttpResponseFor<ChatCompletion>>> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(CompletableFuture.supplyAsync(() -> sdk.chat()
                    .completions()
                    .withRawResponse()
                    .create(chat("recovering").build())));
        }

        for (CompletableFuture<HttpResponseFor<ChatCompletion>> other : others) {
            HttpResponseFor<ChatCompletion> raw = other.get(30, TimeUnit.SECONDS);
            assertThat(raw.parse().model()).isEqualTo("gpt-4o-mini");
            assertThat(raw.headers().values("x-litellm-attempted-fallbacks")).containsExactly("1");
        }
        assertThat(probe.get(30, TimeUnit.SECONDS).parse().model()).isEqualTo("gpt-4o");
        assertThat(requests("recovering"))
                .as("one half-open probe while the other five fell back")
                .hasSize(BREAKER_FAILURES + 1);
        HttpResponseFor<ChatCompletion> after = sdk.chat()
                .completions()
                .withRawResponse()
                .create(chat("recovering").build());
        assertThat(after.parse().model())
                .as("the probe's success closed the breaker")
                .isEqualTo("gpt-4o");
        assertThat(requests("recovering")).hasSize(BREAKER_FAILURES + 2);
        System.out.println("fault 7, half-open: 1 probe, 5 concurrent calls served by the fallback");
    }

    /** Failures that open a deployment's breaker, and how long it stays open (the defaults). */
    private static final int BREAKER_FAILURES = 5;

    private static final Duration BREAKER_RESET = Duration.ofSeconds(15);

    /** Opens the breaker of a one-deployment group whose upstream fails: one attempt a call (num_retries 0). */
    private static void openBreaker(String group) {
        for (int i = 0; i < BREAKER_FAILURES; i++) {
            sdk.chat()
                    .completions()
                    .create(chat(group)
                            .putAdditionalBodyProperty("num_retries", JsonValue.from(0))
                            .build());
        }
        assertThat(requests(group)).hasSize(BREAKER_FAILURES);
    }

    private static void awaitRequests(String deployment, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (requests(deployment).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(requests(deployment)).hasSize(count);
    }

    @Test
    void a_continued_stream_reports_usage_and_names_the_model_that_finished_it() {
        gateway.upstream
                .on(chatPath("cuts"))
                .reply(FaultyStream.of(
                                OpenAiWire.chat("gpt-4o").id("chatcmpl-first").content(ANSWER), 6, true)
                        .cutAfter(3)
                        .answer())
                .reply(FaultyStream.of(
                                OpenAiWire.chat("gpt-4o-2024-08-06")
                                        .id("chatcmpl-second")
                                        .content("n fox jumps over the lazy dog."),
                                3,
                                true)
                        .answer());

        Streamed answer = streamed(chat("cuts")
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build());

        assertThat(answer.text()).isEqualTo(ANSWER);
        assertThat(answer.header("x-litellm-model-id")).isEqualTo("cuts-1");
        assertThat(answer.finishChunk().model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(answer.chunks().get(answer.chunks().size() - 1).usage()).isPresent();
        assertThat(answer.chunks()).extracting(ChatCompletionChunk::id).containsOnly("chatcmpl-first");
    }
}
