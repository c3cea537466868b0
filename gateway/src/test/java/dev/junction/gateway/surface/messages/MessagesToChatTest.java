package dev.junction.gateway.surface.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.surface.Translation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MessagesToChatTest {

    private static JsonObject request(JsonArray messages) {
        return new JsonObject().put("model", "m").put("max_tokens", 50).put("messages", messages);
    }

    private static JsonObject user(Object content) {
        return new JsonObject().put("role", "user").put("content", content);
    }

    private static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    @Test
    void system_blocks_become_one_system_message_and_sampling_fields_their_chat_names() {
        JsonObject request = request(new JsonArray().add(user("Hi")))
                .put("system", new JsonArray().add(text("One.")).add(text("Two.")))
                .put("stop_sequences", new JsonArray().add("END"))
                .put("temperature", 0.5)
                .put("top_k", 5)
                .put("metadata", new JsonObject().put("user_id", "u-7"))
                .put("mock_response", "canned")
                .put("stream", true);

        JsonObject chat = MessagesToChat.translate(request).chat();

        assertThat(chat.getJsonArray("messages").getJsonObject(0))
                .isEqualTo(new JsonObject().put("role", "system").put("content", "One.\nTwo."));
        assertThat(chat.getJsonArray("stop")).containsExactly("END");
        assertThat(chat.getDouble("temperature")).isEqualTo(0.5);
        assertThat(chat.containsKey("top_k")).isFalse();
        assertThat(chat.getString("user")).isEqualTo("u-7");
        assertThat(chat.containsKey("metadata")).isFalse();
        assertThat(chat.getString("mock_response")).isEqualTo("canned");
        assertThat(chat.getInteger("max_tokens")).isEqualTo(50);
        assertThat(chat.getJsonObject("stream_options").getBoolean("include_usage"))
                .isTrue();
    }

    @Test
    void tools_and_tool_choice_take_openais_form() {
        JsonObject tool = new JsonObject()
                .put("name", "get_weather")
                .put("description", "Weather")
                .put("input_schema", new JsonObject().put("type", "object"));
        JsonObject request = request(new JsonArray().add(user("Hi")))
                .put("tools", new JsonArray().add(tool))
                .put(
                        "tool_choice",
                        new JsonObject()
                                .put("type", "tool")
                                .put("name", "get_weather")
                                .put("disable_parallel_tool_use", true));

        Translation translation = MessagesToChat.translate(request);

        JsonObject function =
                translation.chat().getJsonArray("tools").getJsonObject(0).getJsonObject("function");
        assertThat(function)
                .isEqualTo(new JsonObject()
                        .put("name", "get_weather")
                        .put("description", "Weather")
                        .put("parameters", new JsonObject().put("type", "object")));
        assertThat(translation.chat().getJsonObject("tool_choice"))
                .isEqualTo(new JsonObject()
                        .put("type", "function")
                        .put("function", new JsonObject().put("name", "get_weather")));
        assertThat(translation.chat().getBoolean("parallel_tool_calls")).isFalse();
        assertThat(translation.untranslated()).isEmpty();
    }

    @Test
    void what_chat_cannot_carry_is_named_and_the_turn_keeps_its_place() {
        JsonObject document = new JsonObject()
                .put("type", "document")
                .put("source", new JsonObject().put("type", "base64").put("media_type", "application/pdf"));
        JsonObject request = request(new JsonArray().add(user(new JsonArray().add(document))))
                .put(
                        "tools",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "web_search_20250305")
                                        .put("name", "s")))
                .put("mcp_servers", new JsonArray());

        Translation translation = MessagesToChat.translate(request);

        assertThat(translation.untranslated())
                .containsExactly(
                        "messages[0].content[0] (document block)",
                        "tools[0] (server tool web_search_20250305)",
                        "mcp_servers");
        assertThat(translation.chat().getJsonArray("messages").getJsonObject(0).getString("role"))
                .isEqualTo("user");
        assertThat(translation.chat().containsKey("tools")).isFalse();
    }

    @Test
    void thinking_blocks_of_earlier_turns_are_dropped_and_text_joined() {
        JsonObject thinking =
                new JsonObject().put("type", "thinking").put("thinking", "hmm").put("signature", "s");
        JsonObject request = request(new JsonArray()
                .add(user("Hi"))
                .add(new JsonObject()
                        .put("role", "assistant")
                        .put(
                                "content",
                                new JsonArray().add(thinking).add(text("Hello")).add(text("!"))))
                .add(user("Bye")));

        JsonArray messages = MessagesToChat.translate(request).chat().getJsonArray("messages");

        assertThat(messages.getJsonObject(1))
                .isEqualTo(new JsonObject().put("role", "assistant").put("content", "Hello!"));
    }

    @Test
    void an_image_url_source_becomes_an_image_url_part() {
        JsonObject image = new JsonObject()
                .put("type", "image")
                .put("source", new JsonObject().put("type", "url").put("url", "https://x/cat.png"));

        JsonArray parts = MessagesToChat.translate(request(
                        new JsonArray().add(user(new JsonArray().add(image).add(text("Cat?"))))))
                .chat()
                .getJsonArray("messages")
                .getJsonObject(0)
                .getJsonArray("content");

        assertThat(parts.getJsonObject(0).getJsonObject("image_url").getString("url"))
                .isEqualTo("https://x/cat.png");
        assertThat(parts.getJsonObject(1)).isEqualTo(text("Cat?"));
    }

    @Test
    void malformed_turns_are_refused_naming_the_field() {
        assertThatThrownBy(() ->
                        MessagesToChat.translate(request(new JsonArray().add(new JsonObject().put("role", "user")))))
                .isInstanceOfSatisfying(GatewayException.class, failure -> {
                    assertThat(failure.param()).contains("messages");
                    assertThat(failure.getMessage()).contains("messages[0].content");
                });
        assertThatThrownBy(() -> MessagesToChat.translate(request(
                        new JsonArray().add(user(new JsonArray().add(new JsonObject().put("type", "tool_result")))))))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("messages[0].content[0].tool_use_id");
        assertThatThrownBy(() -> MessagesToChat.translate(request(new JsonArray())))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("messages must be a non-empty array");
    }
}
