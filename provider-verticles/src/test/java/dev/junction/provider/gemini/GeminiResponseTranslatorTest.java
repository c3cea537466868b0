package dev.junction.provider.gemini;

import static dev.junction.provider.gemini.GeminiFixtures.CLOCK;
import static dev.junction.provider.gemini.GeminiFixtures.MODEL;
import static dev.junction.provider.gemini.GeminiFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.google.GoogleErrorClassifier;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class GeminiResponseTranslatorTest {
    private final GeminiResponseTranslator translator =
            new GeminiResponseTranslator(CLOCK, new GoogleErrorClassifier("GeminiException", CLOCK));

    private ProviderReply.Complete translate(String fixture) {
        return translator.toOpenAi(Buffer.buffer(text(fixture)), MODEL);
    }

    @Test
    void an_answer_becomes_a_chat_completion_with_gemini_usage() {
        ProviderReply.Complete reply = translate("generate-content.response.json");
        JsonObject completion = reply.body().toJsonObject();

        assertThat(completion.getString("id")).isEqualTo("chatcmpl-VUYqaKjRBOupxN8P7KqfkQk");
        assertThat(completion.getString("object")).isEqualTo("chat.completion");
        assertThat(completion.getLong("created")).isEqualTo(1_735_689_600L);
        assertThat(completion.getString("model")).isEqualTo("gemini-2.0-flash");
        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getJsonObject("message"))
                .isEqualTo(new JsonObject()
                        .put("role", "assistant")
                        .put("content", "A small red fox sitting in the snow."));
        assertThat(choice.getString("finish_reason")).isEqualTo("stop");
        assertThat(completion.getJsonObject("usage")).isEqualTo(new Usage(271, 10, 281).toOpenAi());
        assertThat(reply.usage()).isEqualTo(new Usage(271, 10, 281));
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void function_calls_become_tool_calls_with_ids_and_encoded_arguments() {
        ProviderReply.Complete reply = translate("generate-content-function-call.response.json");
        JsonObject message = reply.body()
                .toJsonObject()
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message");

        assertThat(message.getValue("content")).isNull();
        JsonArray calls = message.getJsonArray("tool_calls");
        assertThat(calls).hasSize(2);
        JsonObject first = calls.getJsonObject(0);
        assertThat(first.getString("id")).startsWith("call_");
        assertThat(first.getString("id")).isNotEqualTo(calls.getJsonObject(1).getString("id"));
        assertThat(first.getString("type")).isEqualTo("function");
        assertThat(first.getJsonObject("function"))
                .isEqualTo(new JsonObject().put("name", "get_weather").put("arguments", "{\"city\":\"Paris\"}"));
        assertThat(reply.finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void thoughts_are_reasoning_content_and_their_tokens_count_as_completion() {
        ProviderReply.Complete reply = translate("generate-content-thinking.response.json");
        JsonObject completion = reply.body().toJsonObject();
        JsonObject message = completion.getJsonArray("choices").getJsonObject(0).getJsonObject("message");

        assertThat(message.getString("content")).isEqualTo("42");
        assertThat(message.getString("reasoning_content")).isEqualTo("The user asks for a sum; 17 + 25 is 42.");
        assertThat(reply.usage()).isEqualTo(new Usage(9, 116, 125));
        assertThat(completion.getJsonObject("usage").getJsonObject("completion_tokens_details"))
                .isEqualTo(new JsonObject().put("reasoning_tokens", 115));
    }

    @Test
    void a_blocked_prompt_is_a_content_policy_violation() {
        assertThatThrownBy(() -> translate("prompt-blocked.response.json"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY_VIOLATION);
                    assertThat(e.getMessage())
                            .isEqualTo("litellm.ContentPolicyViolationError: GeminiException - "
                                    + "The prompt was blocked (blockReason: SAFETY)");
                });
    }

    @Test
    void an_answer_stopped_by_safety_before_any_text_is_a_content_policy_violation() {
        assertThatThrownBy(() -> translate("response-blocked.response.json"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY_VIOLATION);
                    assertThat(e.getMessage()).contains("finishReason: SAFETY");
                });
    }

    @Test
    void text_cut_by_a_filter_is_kept_with_finish_reason_content_filter() {
        JsonObject response = new JsonObject(text("generate-content.response.json"));
        response.getJsonArray("candidates").getJsonObject(0).put("finishReason", "RECITATION");

        ProviderReply.Complete reply = translator.toOpenAi(response.toBuffer(), MODEL);

        assertThat(reply.finishReason()).isEqualTo("content_filter");
        assertThat(reply.body().toString()).contains("A small red fox");
    }

    @Test
    void max_tokens_is_length_and_an_error_body_sent_with_200_is_still_an_error() {
        JsonObject response = new JsonObject(text("generate-content.response.json"));
        response.getJsonArray("candidates").getJsonObject(0).put("finishReason", "MAX_TOKENS");
        assertThat(translator.toOpenAi(response.toBuffer(), MODEL).finishReason())
                .isEqualTo("length");

        assertThatThrownBy(() -> translate("error-503.json"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE));
    }

    @Test
    void a_body_that_is_not_a_response_is_a_bad_gateway() {
        assertThatThrownBy(() -> translator.toOpenAi(Buffer.buffer("<html>oops</html>"), MODEL))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY));
        assertThatThrownBy(() -> translator.toOpenAi(Buffer.buffer("{\"candidates\": 3}"), MODEL))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY));
    }
}
