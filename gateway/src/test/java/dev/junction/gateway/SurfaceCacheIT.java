package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.junction.testkit.OpenAiWire;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache on Anthropic's Messages API and OpenAI's Responses API, on a two-node cluster, through the
 * official Anthropic and OpenAI SDKs: a call one node answered is answered by the other in that API's own
 * format, as JSON or as that API's events, without any upstream call.
 */
class SurfaceCacheIT {
    private static final String MASTER = "sk-master-cache";
    private static final String CHAT = "/chat/v1/chat/completions";
    private static final String VLLM = "/vllm/v1/chat/completions";
    private static GatewayHarness a;
    private static GatewayHarness b;
    private static AnthropicClient anthropicA;
    private static AnthropicClient anthropicB;
    private static OpenAIClient openAiA;
    private static OpenAIClient openAiB;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-surface-cache-" + UUID.randomUUID();
        a = GatewayHarness.start("/e2e/cache.yaml", Map.of(), cluster, Files.createTempDirectory("surface-cache-a"));
        b = GatewayHarness.start("/e2e/cache.yaml", Map.of(), cluster, Files.createTempDirectory("surface-cache-b"));
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
        anthropicA = anthropic(a);
        anthropicB = anthropic(b);
        openAiA = a.openAi(MASTER);
        openAiB = b.openAi(MASTER);
    }

    @AfterAll
    static void stop() throws Exception {
        openAiA.close();
        openAiB.close();
        b.close();
        a.close();
    }

    private static AnthropicClient anthropic(GatewayHarness node) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(node.baseUrl())
                .apiKey(MASTER)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @BeforeEach
    void resetUpstreams() {
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream.reset();
            for (String path : List.of(CHAT, VLLM)) {
                node.upstream
                        .on(path)
                        .replyAlways(OpenAiWire.chat("gpt-4o")
                                .content("Cached words from upstream " + node.upstream.port())
                                .usage(9, 4)
                                .answer());
            }
        }
    }

    private static int upstreamCalls(String path) {
        return a.upstream.requests(path).size() + b.upstream.requests(path).size();
    }

    private static String prompt() {
        return "Tell me about caching " + UUID.randomUUID();
    }

    private static MessageCreateParams message(String prompt) {
        return MessageCreateParams.builder()
                .model("gpt-4o")
                .maxTokens(256)
                .system("You are terse.")
                .addUserMessage(prompt)
                .build();
    }

    private static String text(Message message) {
        return message.content().stream()
                .flatMap(block -> block.text().stream())
                .map(block -> block.text())
                .collect(Collectors.joining());
    }

    private static Message streamed(AnthropicClient client, MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = client.messages().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    @Test
    void a_messages_call_answered_on_one_node_is_a_message_from_the_cache_on_the_other() {
        String prompt = prompt();
        var miss = anthropicA.messages().withRawResponse().create(message(prompt));
        var hit = anthropicB.messages().withRawResponse().create(message(prompt));

        assertThat(upstreamCalls(CHAT)).isEqualTo(1);
        Message answer = hit.parse();
        assertThat(text(answer)).isEqualTo("Cached words from upstream " + a.upstream.port());
        assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(answer.usage().inputTokens()).isEqualTo(9);
        assertThat(answer.content()).allMatch(ContentBlock::isText);
        assertThat(hit.headers().values("x-litellm-response-cost")).containsExactly("0.0");
        assertThat(hit.headers().values("x-litellm-cache-key"))
                .hasSize(1)
                .isEqualTo(miss.headers().values("x-litellm-cache-key"));
        assertThat(miss.headers().values("x-litellm-response-cost")).doesNotContain("0.0");
    }

    @Test
    void a_messages_stream_is_answered_from_the_cache_as_anthropic_events_and_a_changed_parameter_misses() {
        String prompt = prompt();
        a.upstream
                .on(CHAT)
                .reply(OpenAiWire.chat("gpt-4o")
                        .content("Streamed once, then served from the cache.")
                        .usage(9, 4)
                        .streamAnswer(4, true));
        Message streamedMiss = streamed(anthropicA, message(prompt));
        Message streamedHit = streamed(anthropicB, message(prompt));
        Message jsonHit = anthropicA.messages().create(message(prompt));
        anthropicB.messages().create(message(prompt).toBuilder().maxTokens(100).build());

        assertThat(upstreamCalls(CHAT)).isEqualTo(2);
        assertThat(text(streamedMiss)).isEqualTo("Streamed once, then served from the cache.");
        assertThat(text(streamedHit)).isEqualTo(text(streamedMiss));
        assertThat(streamedHit.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(streamedHit.usage().outputTokens()).isEqualTo(4);
        assertThat(text(jsonHit)).isEqualTo(text(streamedMiss));
    }

    @Test
    void a_responses_call_answered_on_one_node_is_a_response_from_the_cache_on_the_other() {
        String prompt = prompt();
        HttpResponseFor<Response> miss = openAiA.responses().withRawResponse().create(ask(prompt));
        HttpResponseFor<Response> hit = openAiB.responses().withRawResponse().create(ask(prompt));

        assertThat(upstreamCalls(VLLM)).isEqualTo(1);
        Response answer = hit.parse();
        assertThat(text(answer)).isEqualTo("Cached words from upstream " + a.upstream.port());
        assertThat(answer.usage().orElseThrow().inputTokens()).isEqualTo(9);
        assertThat(hit.headers().values("x-litellm-response-cost")).containsExactly("0.0");
        assertThat(hit.headers().values("x-litellm-cache-key"))
                .isEqualTo(miss.headers().values("x-litellm-cache-key"));
        // A hit is a response of its own, kept like any other: it can be fetched by its id.
        assertThat(answer.id()).isNotEqualTo(miss.parse().id());
        assertThat(text(openAiA.responses().retrieve(answer.id()))).isEqualTo(text(answer));
    }

    @Test
    void a_responses_stream_is_answered_from_the_cache_as_responses_events() {
        String prompt = prompt();
        Response json = openAiA.responses().create(ask(prompt));
        Response completed = null;
        StringBuilder deltas = new StringBuilder();
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream =
                openAiB.responses().createStreaming(ask(prompt))) {
            for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
                event.outputTextDelta().ifPresent(delta -> deltas.append(delta.delta()));
                if (event.completed().isPresent()) {
                    completed = event.completed().get().response();
                }
            }
        }
        openAiB.responses()
                .create(ask(prompt).toBuilder().instructions("Be brief.").build());

        assertThat(upstreamCalls(VLLM)).isEqualTo(2);
        assertThat(deltas.toString()).isEqualTo(text(json));
        assertThat(completed).isNotNull();
        assertThat(text(completed)).isEqualTo(text(json));
        assertThat(completed.usage().orElseThrow().outputTokens()).isEqualTo(4);
    }

    private static ResponseCreateParams ask(String prompt) {
        return ResponseCreateParams.builder().model("llama").input(prompt).build();
    }

    private static String text(Response response) {
        return response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(outputText -> outputText.text())
                .collect(Collectors.joining());
    }
}
