package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code chat.completion.chunk} frames of a streamed {@link OpenAiChat}, in the order OpenAI sends
 * them: role chunk, content deltas, tool-call header and argument deltas per call, finish chunk, optional
 * usage chunk, {@code [DONE]}. Azure additionally opens with a prompt-filter chunk that has empty id and
 * model, and tags each choice with content-filter results.
 */
final class OpenAiChunks {
    private final OpenAiChat chat;
    private final boolean includeUsage;

    OpenAiChunks(OpenAiChat chat, boolean includeUsage) {
        this.chat = chat;
        this.includeUsage = includeUsage;
    }

    List<String> events(int pieces) {
        List<String> events = new ArrayList<>();
        if (chat.azure) {
            events.add(Sse.data(azurePromptFilterChunk()));
        }
        boolean text = chat.content != null;
        events.add(roleChunk(text));
        if (text) {
            for (String piece : Pieces.split(chat.content, pieces)) {
                events.add(contentChunk(piece));
            }
        }
        for (int i = 0; i < chat.toolCalls.size(); i++) {
            if (text || i > 0) {
                events.add(Sse.data(chunk(toolCalls(toolCallHeader(i)), null, false)));
            }
            for (String piece : Pieces.split(chat.toolCalls.get(i).arguments(), pieces)) {
                JsonObject fragment =
                        new JsonObject().put("index", i).put("function", new JsonObject().put("arguments", piece));
                events.add(Sse.data(chunk(toolCalls(fragment), null, false)));
            }
        }
        events.add(Sse.data(chunk(new JsonObject(), chat.finishReason(), true)));
        if (includeUsage) {
            events.add(Sse.data(envelope(new JsonArray()).put("usage", chat.usageJson())));
        }
        events.add(Sse.DONE);
        return events;
    }

    /**
     * A stream that never finishes: the opening chunks, then the whole content (or "." for a tool-only
     * chat) as one content chunk, again and again.
     */
    Answer slow(Duration interval) {
        List<String> prelude = new ArrayList<>();
        if (chat.azure) {
            prelude.add(Sse.data(azurePromptFilterChunk()));
        }
        prelude.add(roleChunk(true));
        String content = chat.content == null || chat.content.isEmpty() ? "." : chat.content;
        return Answer.slowStream(prelude, contentChunk(content), interval);
    }

    private String roleChunk(boolean text) {
        JsonObject role = new JsonObject().put("role", "assistant").put("content", text ? "" : null);
        if (!text && !chat.toolCalls.isEmpty()) {
            role.put("tool_calls", new JsonArray().add(toolCallHeader(0)));
        }
        return Sse.data(chunk(role.put("refusal", null), null, false));
    }

    private String contentChunk(String piece) {
        return Sse.data(chunk(new JsonObject().put("content", piece), null, true));
    }

    private JsonObject chunk(JsonObject delta, String finishReason, boolean filtered) {
        JsonObject choice = new JsonObject()
                .put("index", 0)
                .put("delta", delta)
                .put("logprobs", null)
                .put("finish_reason", finishReason);
        if (chat.azure) {
            // Azure reports filter results on chunks that carried content, and an empty object otherwise.
            choice.put("content_filter_results", filtered ? AzureWire.contentFilterResults() : new JsonObject());
        }
        JsonObject chunk = envelope(new JsonArray().add(choice));
        return includeUsage ? chunk.put("usage", null) : chunk;
    }

    private JsonObject envelope(JsonArray choices) {
        JsonObject envelope = new JsonObject()
                .put("id", chat.id)
                .put("object", "chat.completion.chunk")
                .put("created", chat.created)
                .put("model", chat.model);
        if (!chat.azure) {
            envelope.put("service_tier", "default");
        }
        return envelope.put("system_fingerprint", chat.systemFingerprint).put("choices", choices);
    }

    private JsonObject azurePromptFilterChunk() {
        return new JsonObject()
                .put("choices", new JsonArray())
                .put("created", 0)
                .put("id", "")
                .put("model", "")
                .put("object", "")
                .put("prompt_filter_results", AzureWire.promptFilterResults());
    }

    private JsonObject toolCallHeader(int i) {
        OpenAiChat.ToolCall call = chat.toolCalls.get(i);
        return new JsonObject()
                .put("index", i)
                .put("id", call.id())
                .put("type", "function")
                .put("function", new JsonObject().put("name", call.name()).put("arguments", ""));
    }

    private static JsonObject toolCalls(JsonObject call) {
        return new JsonObject().put("tool_calls", new JsonArray().add(call));
    }
}
