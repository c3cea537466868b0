package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat completion as OpenAI (or, with {@link AzureWire#chat}, Azure OpenAI) returns it, whole or
 * streamed. Defaults are those of the fixtures, so a default build equals
 * {@code openai/chat-completion.json}.
 *
 * <p>Mutable builder: configure it, then take {@link #json()}, {@link #streamEvents} or an answer.
 */
public final class OpenAiChat {
    /** A function call the assistant asks for; {@code arguments} is the JSON text the model produced. */
    public record ToolCall(String id, String name, String arguments) {}

    final boolean azure;
    String id = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT";
    long created = 1741569952L;
    final String model;
    String content;
    final List<ToolCall> toolCalls = new ArrayList<>();
    String finishReason;
    int promptTokens = 19;
    int completionTokens = 10;
    String systemFingerprint = "fp_fc9f1d7035";

    OpenAiChat(String model, boolean azure) {
        this.model = model;
        this.azure = azure;
        this.content = "Hello! How can I assist you today?";
    }

    public OpenAiChat id(String id) {
        this.id = id;
        return this;
    }

    public OpenAiChat created(long epochSeconds) {
        this.created = epochSeconds;
        return this;
    }

    /** The assistant's text; {@code null} for a tool-call-only answer. */
    public OpenAiChat content(String content) {
        this.content = content;
        return this;
    }

    /** Adds a tool call. Unless {@link #content} is set again, the answer then has no text. */
    public OpenAiChat toolCall(String id, String name, String argumentsJson) {
        if (toolCalls.isEmpty()) {
            content = null;
        }
        toolCalls.add(new ToolCall(id, name, argumentsJson));
        return this;
    }

    /** Overrides the finish reason, which defaults to {@code tool_calls} with tools and {@code stop} without. */
    public OpenAiChat finishReason(String finishReason) {
        this.finishReason = finishReason;
        return this;
    }

    public OpenAiChat usage(int promptTokens, int completionTokens) {
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        return this;
    }

    public OpenAiChat systemFingerprint(String systemFingerprint) {
        this.systemFingerprint = systemFingerprint;
        return this;
    }

    /** The non-streaming body. */
    public JsonObject json() {
        JsonObject message = new JsonObject().put("role", "assistant").put("content", content);
        if (!toolCalls.isEmpty()) {
            message.put("tool_calls", toolCallsJson());
        }
        message.put("refusal", null).put("annotations", new JsonArray());
        JsonObject choice = new JsonObject().put("index", 0).put("message", message);
        choice.put("logprobs", null).put("finish_reason", finishReason());
        if (azure) {
            choice.put("content_filter_results", AzureWire.contentFilterResults());
        }
        JsonObject body = new JsonObject()
                .put("id", id)
                .put("object", "chat.completion")
                .put("created", created)
                .put("model", model)
                .put("choices", new JsonArray().add(choice))
                .put("usage", usageJson());
        if (azure) {
            body.put("prompt_filter_results", AzureWire.promptFilterResults());
        } else {
            body.put("service_tier", "default");
        }
        return body.put("system_fingerprint", systemFingerprint);
    }

    /** A 200 answer with {@link #json()}. */
    public Answer answer() {
        return Answer.json(200, json());
    }

    /**
     * The streamed form: text split into {@code pieces} content chunks (tool arguments likewise), then
     * the finish chunk and {@code [DONE]}.
     *
     * @param includeUsage as with {@code stream_options.include_usage}: every chunk carries
     *     {@code "usage": null} and a last chunk with {@code "choices": []} carries the usage
     */
    public List<String> streamEvents(int pieces, boolean includeUsage) {
        return new OpenAiChunks(this, includeUsage).events(pieces);
    }

    /** {@link #streamEvents} as an answer, all frames at once. */
    public Answer streamAnswer(int pieces, boolean includeUsage) {
        return Answer.sse(streamEvents(pieces, includeUsage), Duration.ZERO);
    }

    /**
     * A stream that never ends by itself: the opening chunk(s), then the content as one content chunk
     * every {@code interval} until the client goes away. For client-disconnect tests.
     */
    public Answer slowStream(Duration interval) {
        return new OpenAiChunks(this, false).slow(interval);
    }

    String finishReason() {
        if (finishReason != null) {
            return finishReason;
        }
        return toolCalls.isEmpty() ? "stop" : "tool_calls";
    }

    JsonObject usageJson() {
        return OpenAiWire.usage(promptTokens, completionTokens);
    }

    private JsonArray toolCallsJson() {
        JsonArray calls = new JsonArray();
        for (ToolCall call : toolCalls) {
            calls.add(new JsonObject()
                    .put("id", call.id())
                    .put("type", "function")
                    .put("function", new JsonObject().put("name", call.name()).put("arguments", call.arguments())));
        }
        return calls;
    }
}
