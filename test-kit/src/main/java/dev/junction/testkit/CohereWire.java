package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Cohere's v2 wire format: chat answers, SSE streams with Cohere's named events, embeddings and errors. */
public final class CohereWire {
    public static final String CHAT_PATH = "/v2/chat";
    public static final String EMBED_PATH = "/v2/embed";

    private CohereWire() {}

    public static JsonObject chat(String text, int inputTokens, int outputTokens) {
        JsonObject message = new JsonObject()
                .put("role", "assistant")
                .put(
                        "content",
                        new JsonArray().add(new JsonObject().put("type", "text").put("text", text)));
        return new JsonObject()
                .put("id", "c14c80c3-18eb-4519-9460-6c92edd8cfb4")
                .put("finish_reason", "COMPLETE")
                .put("message", message)
                .put("usage", usage(inputTokens, outputTokens));
    }

    /** {@code text} streamed in {@code pieces} content deltas, between message-start and message-end. */
    public static Answer stream(String text, int pieces, int inputTokens, int outputTokens) {
        List<String> events = new ArrayList<>();
        events.add(Sse.event(
                "message-start",
                new JsonObject()
                        .put("id", "29f14a5a-11de-4cae-9800-25e4747408ea")
                        .put("type", "message-start")
                        .put("delta", new JsonObject().put("message", new JsonObject().put("role", "assistant")))));
        events.add(Sse.event("content-start", content("content-start", "")));
        for (String piece : Pieces.split(text, pieces)) {
            events.add(Sse.event("content-delta", content("content-delta", piece)));
        }
        events.add(Sse.event(
                "content-end", new JsonObject().put("type", "content-end").put("index", 0)));
        JsonObject end =
                new JsonObject().put("finish_reason", "COMPLETE").put("usage", usage(inputTokens, outputTokens));
        events.add(Sse.event(
                "message-end", new JsonObject().put("type", "message-end").put("delta", end)));
        return Answer.sse(events, Duration.ZERO);
    }

    public static JsonObject embed(int vectors, int dimensions) {
        JsonArray floats = new JsonArray();
        for (int i = 0; i < vectors; i++) {
            floats.add(GeminiWire.values(i, dimensions));
        }
        return new JsonObject()
                .put("id", "da6e531f-54c6-4a73-bf92-f60566d8d753")
                .put("embeddings", new JsonObject().put("float", floats))
                .put("meta", new JsonObject().put("billed_units", new JsonObject().put("input_tokens", vectors)))
                .put("response_type", "embeddings_by_type");
    }

    public static Answer error(int status, String message) {
        return Answer.json(
                status,
                new JsonObject()
                        .put("id", "0e8d3b6c-2a1f-4c7e-8b9d-5a4f3e2d1c0b")
                        .put("message", message));
    }

    private static JsonObject content(String type, String text) {
        JsonObject content = new JsonObject().put("text", text);
        if (type.equals("content-start")) {
            content.put("type", "text");
        }
        return new JsonObject()
                .put("type", type)
                .put("index", 0)
                .put("delta", new JsonObject().put("message", new JsonObject().put("content", content)));
    }

    private static JsonObject usage(int inputTokens, int outputTokens) {
        JsonObject billed = new JsonObject().put("input_tokens", inputTokens).put("output_tokens", outputTokens);
        return new JsonObject().put("billed_units", billed).put("tokens", billed.copy());
    }
}
