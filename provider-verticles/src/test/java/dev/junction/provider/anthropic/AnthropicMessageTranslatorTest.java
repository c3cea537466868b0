package dev.junction.provider.anthropic;

import static dev.junction.provider.anthropic.AnthropicFixtures.upstreamBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AnthropicMessageTranslatorTest {

    @Test
    void every_system_message_wherever_it_stands_joins_the_top_level_system() {
        JsonArray messages = new JsonArray()
                .add(message("system", "Be brief."))
                .add(message("user", "Hi"))
                .add(message("developer", new JsonArray().add(textPart("Answer in French."))))
                .add(message("system", new JsonArray().add(textPart("No emoji."))));

        JsonObject body = translate(messages);

        assertThat(body.getJsonArray("system"))
                .isEqualTo(new JsonArray()
                        .add(text("Be brief."))
                        .add(text("Answer in French."))
                        .add(text("No emoji.")));
        assertThat(body.getJsonArray("messages")).isEqualTo(new JsonArray().add(turn("user", text("Hi"))));
    }

    @Test
    void consecutive_messages_of_one_role_merge_because_anthropic_requires_alternation() {
        JsonArray messages = new JsonArray()
                .add(message("user", "First"))
                .add(message("user", "Second"))
                .add(message("assistant", "Reply"))
                .add(message("assistant", "More"));

        assertThat(translate(messages).getJsonArray("messages"))
                .isEqualTo(new JsonArray()
                        .add(turn("user", text("First"), text("Second")))
                        .add(turn("assistant", text("Reply"), text("More"))));
    }

    @Test
    void a_base64_data_url_is_sent_inline() {
        JsonObject image = imagePart(new JsonObject()
                .put("url", "data:image/png;base64,iVBORw0KGgo=")
                .put("detail", "low"));

        JsonObject block = onlyBlock(translate(new JsonArray().add(message("user", new JsonArray().add(image)))));

        assertThat(block)
                .isEqualTo(new JsonObject()
                        .put("type", "image")
                        .put(
                                "source",
                                new JsonObject()
                                        .put("type", "base64")
                                        .put("media_type", "image/png")
                                        .put("data", "iVBORw0KGgo=")));
    }

    @Test
    void an_https_image_url_is_left_for_anthropic_to_fetch() {
        JsonArray parts = new JsonArray().add(textPart("What is this?")).add(imagePart("https://example.com/cat.jpg"));

        JsonArray content = translate(new JsonArray().add(message("user", parts)))
                .getJsonArray("messages")
                .getJsonObject(0)
                .getJsonArray("content");

        assertThat(content.getJsonObject(0)).isEqualTo(text("What is this?"));
        assertThat(content.getJsonObject(1).getJsonObject("source"))
                .isEqualTo(new JsonObject().put("type", "url").put("url", "https://example.com/cat.jpg"));
    }

    @Test
    void an_image_url_that_is_neither_http_nor_base64_is_a_bad_request() {
        JsonArray parts = new JsonArray().add(imagePart(new JsonObject().put("url", "file:///etc/passwd")));

        assertBadRequest(new JsonArray().add(message("user", parts)));
    }

    @Test
    void a_tool_answer_becomes_a_tool_result_first_in_the_next_user_turn() {
        JsonObject call = new JsonObject()
                .put("id", "toolu_1")
                .put("type", "function")
                .put("function", new JsonObject().put("name", "clock").put("arguments", ""));
        JsonArray messages = new JsonArray()
                .add(message("user", "What time is it?"))
                .add(message("assistant", null).put("tool_calls", new JsonArray().add(call)))
                .add(new JsonObject()
                        .put("role", "tool")
                        .put("tool_call_id", "toolu_1")
                        .put("content", "12:00"))
                .add(message("user", "And in Tokyo?"));

        JsonArray turns = translate(messages).getJsonArray("messages");

        JsonObject toolUse = new JsonObject()
                .put("type", "tool_use")
                .put("id", "toolu_1")
                .put("name", "clock")
                .put("input", new JsonObject());
        JsonObject toolResult = new JsonObject()
                .put("type", "tool_result")
                .put("tool_use_id", "toolu_1")
                .put("content", new JsonArray().add(text("12:00")));
        assertThat(turns)
                .isEqualTo(new JsonArray()
                        .add(turn("user", text("What time is it?")))
                        .add(turn("assistant", toolUse))
                        .add(turn("user", toolResult, text("And in Tokyo?"))));
    }

    @Test
    void tool_call_arguments_that_are_not_a_json_object_are_a_bad_request() {
        JsonObject call = new JsonObject()
                .put("id", "toolu_1")
                .put("function", new JsonObject().put("name", "clock").put("arguments", "{not json"));
        JsonArray messages = new JsonArray()
                .add(message("user", "Hi"))
                .add(message("assistant", null).put("tool_calls", new JsonArray().add(call)));

        assertBadRequest(messages);
    }

    @Test
    void keeps_cache_control_on_text_parts() {
        JsonObject cache = new JsonObject().put("type", "ephemeral");
        JsonArray parts = new JsonArray().add(textPart("A long document").put("cache_control", cache));

        JsonObject block = onlyBlock(translate(new JsonArray().add(message("user", parts))));

        assertThat(block).isEqualTo(text("A long document").put("cache_control", cache));
    }

    @Test
    void refuses_what_anthropic_cannot_carry() {
        assertBadRequest(new JsonArray());
        assertBadRequest(new JsonArray().add(message("function", "legacy")));
        assertBadRequest(
                new JsonArray().add(message("user", new JsonArray().add(new JsonObject().put("type", "input_audio")))));
        assertBadRequest(
                new JsonArray().add(message("system", new JsonArray().add(imagePart("https://example.com/a.png")))));
    }

    private static JsonObject translate(JsonArray messages) {
        return upstreamBody(new JsonObject().put("model", "claude-sonnet").put("messages", messages));
    }

    private static void assertBadRequest(JsonArray messages) {
        assertThatThrownBy(() -> translate(messages)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
            assertThat(e.param()).contains("messages");
        });
    }

    private static JsonObject onlyBlock(JsonObject body) {
        JsonArray content = body.getJsonArray("messages").getJsonObject(0).getJsonArray("content");
        assertThat(content).hasSize(1);
        return content.getJsonObject(0);
    }

    private static JsonObject message(String role, Object content) {
        return new JsonObject().put("role", role).put("content", content);
    }

    private static JsonObject textPart(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    private static JsonObject imagePart(Object imageUrl) {
        return new JsonObject().put("type", "image_url").put("image_url", imageUrl);
    }

    private static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    private static JsonObject turn(String role, JsonObject... blocks) {
        JsonArray content = new JsonArray();
        for (JsonObject block : blocks) {
            content.add(block);
        }
        return new JsonObject().put("role", role).put("content", content);
    }
}
