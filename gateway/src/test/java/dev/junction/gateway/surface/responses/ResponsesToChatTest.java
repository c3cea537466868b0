package dev.junction.gateway.surface.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.surface.Translation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ResponsesToChatTest {

    private static JsonObject request(Object input) {
        return new JsonObject().put("model", "m").put("input", input);
    }

    private static JsonObject message(String role, Object content) {
        return new JsonObject().put("type", "message").put("role", role).put("content", content);
    }

    private static JsonObject part(String type, String text) {
        return new JsonObject().put("type", type).put("text", text);
    }

    @Test
    void a_string_input_is_one_user_message_after_the_instructions() {
        JsonObject chat = ResponsesToChat.translate(request("Hi")
                        .put("instructions", "Be brief")
                        .put("max_output_tokens", 20)
                        .put("reasoning", new JsonObject().put("effort", "low")))
                .chat();

        assertThat(chat.getJsonArray("messages"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject().put("role", "system").put("content", "Be brief"))
                        .add(new JsonObject().put("role", "user").put("content", "Hi")));
        assertThat(chat.getInteger("max_tokens")).isEqualTo(20);
        assertThat(chat.getString("reasoning_effort")).isEqualTo("low");
    }

    @Test
    void a_conversation_of_items_becomes_chat_turns_with_tool_calls_and_results() {
        JsonArray input = new JsonArray()
                .add(message("developer", "Be brief"))
                .add(message(
                        "user",
                        new JsonArray()
                                .add(part("input_text", "What is this?"))
                                .add(new JsonObject().put("type", "input_image").put("image_url", "https://x/a.png"))))
                .add(message("assistant", new JsonArray().add(part("output_text", "Let me check."))))
                .add(new JsonObject().put("type", "reasoning").put("id", "rs_1"))
                .add(new JsonObject()
                        .put("type", "function_call")
                        .put("call_id", "call_1")
                        .put("name", "lookup")
                        .put("arguments", "{\"q\":\"a\"}"))
                .add(new JsonObject()
                        .put("type", "function_call_output")
                        .put("call_id", "call_1")
                        .put("output", "A cat"));

        JsonArray messages = ResponsesToChat.translate(request(input)).chat().getJsonArray("messages");

        assertThat(messages.getJsonObject(0))
                .isEqualTo(new JsonObject().put("role", "system").put("content", "Be brief"));
        JsonArray parts = messages.getJsonObject(1).getJsonArray("content");
        assertThat(parts.getJsonObject(0))
                .isEqualTo(new JsonObject().put("type", "text").put("text", "What is this?"));
        assertThat(parts.getJsonObject(1).getJsonObject("image_url").getString("url"))
                .isEqualTo("https://x/a.png");
        JsonObject assistant = messages.getJsonObject(2);
        assertThat(assistant.getString("content")).isEqualTo("Let me check.");
        assertThat(assistant.getJsonArray("tool_calls").getJsonObject(0))
                .isEqualTo(new JsonObject()
                        .put("id", "call_1")
                        .put("type", "function")
                        .put("function", new JsonObject().put("name", "lookup").put("arguments", "{\"q\":\"a\"}")));
        assertThat(messages.getJsonObject(3))
                .isEqualTo(new JsonObject()
                        .put("role", "tool")
                        .put("tool_call_id", "call_1")
                        .put("content", "A cat"));
        assertThat(messages.size()).isEqualTo(4);
    }

    @Test
    void function_tools_are_nested_and_built_in_tools_named_as_untranslated() {
        JsonObject function = new JsonObject()
                .put("type", "function")
                .put("name", "lookup")
                .put("parameters", new JsonObject().put("type", "object"))
                .put("strict", true);
        JsonObject request = request("Hi")
                .put("tools", new JsonArray().add(function).add(new JsonObject().put("type", "web_search")))
                .put("tool_choice", new JsonObject().put("type", "function").put("name", "lookup"))
                .put("background", true);

        Translation translation = ResponsesToChat.translate(request);

        assertThat(translation.chat().getJsonArray("tools"))
                .containsExactly(new JsonObject()
                        .put("type", "function")
                        .put(
                                "function",
                                new JsonObject()
                                        .put("name", "lookup")
                                        .put("parameters", new JsonObject().put("type", "object"))
                                        .put("strict", true)));
        assertThat(translation
                        .chat()
                        .getJsonObject("tool_choice")
                        .getJsonObject("function")
                        .getString("name"))
                .isEqualTo("lookup");
        assertThat(translation.untranslated()).containsExactly("tools[1] (built-in tool web_search)", "background");
    }

    @Test
    void text_format_json_object_becomes_response_format() {
        JsonObject request =
                request("Hi").put("text", new JsonObject().put("format", new JsonObject().put("type", "json_object")));

        assertThat(ResponsesToChat.translate(request).chat().getJsonObject("response_format"))
                .isEqualTo(new JsonObject().put("type", "json_object"));
    }

    @Test
    void malformed_input_is_refused_naming_the_field() {
        assertThatThrownBy(() -> ResponsesToChat.translate(new JsonObject().put("model", "m")))
                .isInstanceOfSatisfying(GatewayException.class, failure -> assertThat(failure.param())
                        .contains("input"));
        assertThatThrownBy(() -> ResponsesToChat.translate(request(new JsonArray().add(message("robot", "Hi")))))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("input[0].role");
        assertThatThrownBy(() -> ResponsesToChat.translate(request(new JsonArray()
                        .add(new JsonObject()
                                .put("type", "function_call_output")
                                .put("output", "x")))))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("input[0].call_id");
    }
}
