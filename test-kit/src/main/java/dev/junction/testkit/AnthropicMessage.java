package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Messages API answer as Anthropic returns it, whole or streamed. Starts with one default text block
 * (that of the fixture {@code anthropic/message.json}); the first {@link #text} or {@link #toolUse} call replaces it and later
 * calls append blocks.
 */
public final class AnthropicMessage {
    String id = "msg_013Zva2CMHLNnXjNJJKqJ2EF";
    final String model;
    final List<JsonObject> blocks = new ArrayList<>();
    private boolean defaultContent = true;
    String stopReason;
    int inputTokens = 25;
    int outputTokens = 15;

    AnthropicMessage(String model) {
        this.model = model;
        blocks.add(textBlock("Hello! How can I help you today?"));
    }

    public AnthropicMessage id(String id) {
        this.id = id;
        return this;
    }

    public AnthropicMessage text(String text) {
        return add(textBlock(text));
    }

    /** A {@code tool_use} block; {@code input} is the parsed arguments object. */
    public AnthropicMessage toolUse(String id, String name, JsonObject input) {
        return add(new JsonObject()
                .put("type", "tool_use")
                .put("id", id)
                .put("name", name)
                .put("input", input));
    }

    /** Overrides the stop reason, which defaults to {@code tool_use} with a tool block and {@code end_turn} without. */
    public AnthropicMessage stopReason(String stopReason) {
        this.stopReason = stopReason;
        return this;
    }

    public AnthropicMessage usage(int inputTokens, int outputTokens) {
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        return this;
    }

    /** The non-streaming body of {@code POST /v1/messages}. */
    public JsonObject json() {
        JsonArray content = new JsonArray();
        blocks.forEach(block -> content.add(block.copy()));
        return new JsonObject()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model)
                .put("content", content)
                .put("stop_reason", stopReason())
                .put("stop_sequence", null)
                .put("usage", usage(outputTokens));
    }

    public Answer answer() {
        return Answer.json(200, json());
    }

    /** The streamed form, each text block or tool input split into {@code pieces} deltas. */
    public List<String> streamEvents(int pieces) {
        return new AnthropicEvents(this).events(pieces);
    }

    /** {@link #streamEvents} as an answer, all frames at once. */
    public Answer streamAnswer(int pieces) {
        return Answer.sse(streamEvents(pieces), Duration.ZERO);
    }

    /**
     * A stream that never ends by itself: {@code message_start}, a text block start, then a text delta
     * every {@code interval} until the client goes away. For client-disconnect tests.
     */
    public Answer slowStream(Duration interval) {
        return new AnthropicEvents(this).slow(interval);
    }

    String stopReason() {
        if (stopReason != null) {
            return stopReason;
        }
        boolean tools = blocks.stream().anyMatch(block -> "tool_use".equals(block.getString("type")));
        return tools ? "tool_use" : "end_turn";
    }

    /** The usage object; {@code message_start} reports the output tokens so far, the body the final count. */
    JsonObject usage(int outputTokensSoFar) {
        return new JsonObject()
                .put("input_tokens", inputTokens)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", outputTokensSoFar);
    }

    private AnthropicMessage add(JsonObject block) {
        if (defaultContent) {
            blocks.clear();
            defaultContent = false;
        }
        blocks.add(block);
        return this;
    }

    private static JsonObject textBlock(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }
}
