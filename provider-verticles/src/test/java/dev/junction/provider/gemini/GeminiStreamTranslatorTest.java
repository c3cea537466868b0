package dev.junction.provider.gemini;

import static dev.junction.provider.WireFixtures.payloads;
import static dev.junction.provider.WireFixtures.streamedContent;
import static dev.junction.provider.WireFixtures.translate;
import static dev.junction.provider.gemini.GeminiFixtures.CLOCK;
import static dev.junction.provider.gemini.GeminiFixtures.MODEL;
import static dev.junction.provider.gemini.GeminiFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.provider.google.GoogleErrorClassifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiStreamTranslatorTest {
    private static GeminiStreamTranslator translator(boolean includeUsage) {
        return new GeminiStreamTranslator(
                includeUsage, MODEL, CLOCK, new GoogleErrorClassifier("GeminiException", CLOCK));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 100_000})
    void a_stream_becomes_chunks_whatever_the_network_chunking(int chunkSize) {
        GeminiStreamTranslator translator = translator(true);
        List<String> frames = translate(translator, text("stream.response.sse"), chunkSize);
        List<Object> payloads = payloads(frames);

        assertThat(streamedContent(frames)).isEqualTo("A small red fox sitting in the snow.");
        JsonObject first = (JsonObject) payloads.get(0);
        assertThat(first.getString("id")).isEqualTo("chatcmpl-L1kqaO3gJNOmxN8P2c6S4Ao");
        assertThat(first.getString("object")).isEqualTo("chat.completion.chunk");
        assertThat(first.getJsonArray("choices")
                        .getJsonObject(0)
                        .getJsonObject("delta")
                        .getString("role"))
                .isEqualTo("assistant");
        JsonObject finish = (JsonObject) payloads.get(payloads.size() - 3);
        assertThat(finish.getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                .isEqualTo("stop");
        JsonObject usage = (JsonObject) payloads.get(payloads.size() - 2);
        assertThat(usage.getJsonArray("choices")).isEmpty();
        assertThat(usage.getJsonObject("usage")).isEqualTo(new Usage(8, 9, 17).toOpenAi());
        assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");
        assertThat(translator.usage()).isEqualTo(new Usage(8, 9, 17));
        assertThat(translator.failure()).isEmpty();
    }

    @Test
    void without_include_usage_there_is_no_usage_chunk_but_the_usage_is_still_known() {
        GeminiStreamTranslator translator = translator(false);
        List<Object> payloads = payloads(translate(translator, text("stream.response.sse"), 64));

        assertThat(payloads).noneMatch(p -> p instanceof JsonObject chunk && chunk.containsKey("usage"));
        assertThat(translator.usage()).isEqualTo(new Usage(8, 9, 17));
    }

    @Test
    void a_streamed_function_call_is_one_tool_call_delta_then_finish_tool_calls() {
        List<Object> payloads = payloads(translate(translator(false), text("stream-function-call.response.sse"), 16));

        JsonObject delta = ((JsonObject) payloads.get(1))
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("delta");
        JsonObject call = delta.getJsonArray("tool_calls").getJsonObject(0);
        assertThat(call.getInteger("index")).isEqualTo(0);
        assertThat(call.getString("id")).startsWith("call_");
        assertThat(call.getJsonObject("function"))
                .isEqualTo(new JsonObject().put("name", "get_weather").put("arguments", "{\"city\":\"Paris\"}"));
        JsonObject finish = (JsonObject) payloads.get(2);
        assertThat(finish.getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                .isEqualTo("tool_calls");
        assertThat(payloads.get(3)).isEqualTo("[DONE]");
    }

    @Test
    void a_prompt_blocked_before_any_content_is_a_content_policy_failure_with_nothing_after_it() {
        GeminiStreamTranslator translator = translator(true);
        List<Object> payloads = payloads(translate(translator, text("stream-blocked.response.sse"), 64));

        assertThat(payloads)
                .as("the stream writes the failure as its error event")
                .isEmpty();
        assertThat(translator.failure()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY_VIOLATION);
            assertThat(e.getMessage()).contains("ContentPolicyViolationError").contains("PROHIBITED_CONTENT");
        });
    }

    @Test
    void a_stream_cut_before_its_finish_reason_is_a_failure_not_done() {
        String sse = text("stream.response.sse");
        String truncated = sse.substring(0, sse.lastIndexOf("data: "));
        GeminiStreamTranslator translator = translator(false);

        List<String> frames = translate(translator, truncated, 64);

        assertThat(streamedContent(frames)).isEqualTo("A small red fox sitting in the snow");
        assertThat(payloads(frames)).doesNotContain("[DONE]");
        assertThat(translator.failure()).get().extracting(e -> e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
    }

    @Test
    void an_error_event_in_the_stream_is_classified_by_its_status() {
        String sse = "data: " + new JsonObject(text("error-429.json")).encode() + "\r\n\r\n";
        GeminiStreamTranslator translator = translator(false);

        List<Object> payloads = payloads(translate(translator, sse, 64));

        assertThat(payloads).isEmpty();
        assertThat(translator.failure()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(e.upstreamStatus()).isEqualTo(429);
            assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(17));
        });
    }

    @Test
    void text_then_a_safety_stop_keeps_the_text_and_finishes_with_content_filter() {
        String sse =
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Once upon\"}],\"role\":\"model\"}}]}\r\n\r\n"
                        + "data: {\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"SAFETY\"}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":2,\"totalTokenCount\":5}}\r\n\r\n";
        List<String> frames = translate(translator(false), sse, 64);
        List<Object> payloads = payloads(frames);

        assertThat(streamedContent(frames)).isEqualTo("Once upon");
        JsonArray choices = ((JsonObject) payloads.get(payloads.size() - 2)).getJsonArray("choices");
        assertThat(choices.getJsonObject(0).getString("finish_reason")).isEqualTo("content_filter");
        assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");
    }
}
