package dev.junction.provider.anthropic;

import static dev.junction.provider.anthropic.AnthropicFixtures.CLOCK;
import static dev.junction.provider.anthropic.AnthropicFixtures.buffer;
import static dev.junction.provider.anthropic.AnthropicFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicResponseTranslatorTest {
    private final AnthropicAdapter adapter = new AnthropicAdapter(CLOCK);

    @Test
    void a_recorded_text_answer_becomes_a_chat_completion() {
        ProviderReply.Complete reply = translate(buffer("simple.anthropic-response.json"));

        assertThat(reply.body().toJsonObject()).isEqualTo(json("simple.openai-response.json"));
        assertThat(reply.usage()).isEqualTo(new Usage(16, 34, 50));
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void recorded_tool_use_blocks_become_tool_calls_with_json_string_arguments() {
        ProviderReply.Complete reply = translate(buffer("multi-tool-turn1.anthropic-response.json"));

        assertThat(reply.body().toJsonObject()).isEqualTo(json("multi-tool-turn1.openai-response.json"));
        assertThat(reply.finishReason()).isEqualTo("tool_calls");
        assertThat(reply.usage()).isEqualTo(new Usage(507, 137, 644));
    }

    @ParameterizedTest
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "max_tokens, length",
        "tool_use, tool_calls",
        "refusal, content_filter",
        "pause_turn, stop",
    })
    void maps_the_stop_reason_to_the_finish_reason(String stopReason, String finishReason) {
        JsonObject message = json("simple.anthropic-response.json").put("stop_reason", stopReason);

        ProviderReply.Complete reply = translate(message.toBuffer());

        assertThat(reply.finishReason()).isEqualTo(finishReason);
        assertThat(choice(reply).getString("finish_reason")).isEqualTo(finishReason);
    }

    @Test
    void prompt_tokens_include_cache_writes_and_reads() {
        JsonObject usage = new JsonObject()
                .put("input_tokens", 10)
                .put("cache_creation_input_tokens", 2000)
                .put("cache_read_input_tokens", 3000)
                .put("output_tokens", 40);
        JsonObject message = json("simple.anthropic-response.json").put("usage", usage);

        ProviderReply.Complete reply = translate(message.toBuffer());

        assertThat(reply.usage()).isEqualTo(new Usage(5010, 40, 5050));
        assertThat(reply.body().toJsonObject().getJsonObject("usage"))
                .isEqualTo(new JsonObject()
                        .put("prompt_tokens", 5010)
                        .put("completion_tokens", 40)
                        .put("total_tokens", 5050)
                        .put("prompt_tokens_details", new JsonObject().put("cached_tokens", 3000)));
    }

    @Test
    void an_answer_with_only_tool_calls_has_null_content() {
        JsonObject message = json("multi-tool-turn1.anthropic-response.json");
        message.getJsonArray("content").remove(0);

        JsonObject assistant = choice(translate(message.toBuffer())).getJsonObject("message");

        assertThat(assistant.containsKey("content")).isTrue();
        assertThat(assistant.getValue("content")).isNull();
        assertThat(assistant.getJsonArray("tool_calls")).hasSize(2);
    }

    @Test
    void thinking_blocks_become_reasoning_content() {
        JsonObject thinking = new JsonObject()
                .put("type", "thinking")
                .put("thinking", "The user wants a greeting.")
                .put("signature", "EtYDCkYICxgC");
        JsonObject message = json("simple.anthropic-response.json");
        JsonArray content = new JsonArray().add(thinking).addAll(message.getJsonArray("content"));

        JsonObject assistant =
                choice(translate(message.put("content", content).toBuffer())).getJsonObject("message");

        assertThat(assistant.getString("reasoning_content")).isEqualTo("The user wants a greeting.");
        assertThat(assistant.getString("content")).startsWith("Olá!");
    }

    @Test
    void a_body_that_is_not_json_is_a_bad_gateway() {
        assertThatThrownBy(() -> translate(Buffer.buffer("<html>upstream error</html>")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY));
    }

    @Test
    void a_json_body_that_is_not_a_message_is_a_bad_gateway() {
        JsonObject message = json("simple.anthropic-response.json").put("content", "not a list of blocks");

        assertThatThrownBy(() -> translate(message.toBuffer()))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY));
    }

    @Test
    void an_error_body_sent_with_a_200_is_still_classified_as_the_error() {
        assertThatThrownBy(() -> translate(buffer("error-529.json")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
                    assertThat(e.getMessage())
                            .isEqualTo("litellm.ServiceUnavailableError: AnthropicException - Overloaded");
                });
    }

    private ProviderReply.Complete translate(Buffer body) {
        return adapter.fromUpstream(AnthropicFixtures.chat(json("simple.openai-request.json")), body);
    }

    private static JsonObject choice(ProviderReply.Complete reply) {
        return reply.body().toJsonObject().getJsonArray("choices").getJsonObject(0);
    }
}
