package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's native wire format: {@code /api/chat} and {@code /api/generate} answers, their streams as
 * newline-delimited JSON ({@code application/x-ndjson}, one object per line, the last with {@code done: true}
 * and the counts), {@code /api/embed} answers and {@code {"error": ...}} errors.
 */
public final class OllamaWire {
    public static final String CHAT_PATH = "/api/chat";
    public static final String GENERATE_PATH = "/api/generate";
    public static final String EMBED_PATH = "/api/embed";

    private OllamaWire() {}

    public static JsonObject chat(String model, String text, int promptTokens, int outputTokens) {
        return done(new JsonObject().put("message", message(text)), model, promptTokens, outputTokens);
    }

    /** A chat answer that calls {@code name} with {@code arguments} (an object, as Ollama sends it). */
    public static JsonObject toolCall(String model, String name, JsonObject arguments) {
        JsonObject call = new JsonObject()
                .put("function", new JsonObject().put("name", name).put("arguments", arguments));
        JsonObject message = message("").put("tool_calls", new JsonArray().add(call));
        return done(new JsonObject().put("message", message), model, 30, 12);
    }

    public static JsonObject generate(String model, String text, int promptTokens, int outputTokens) {
        return done(new JsonObject().put("response", text), model, promptTokens, outputTokens);
    }

    /** {@code text} streamed from {@code /api/chat} in {@code pieces} lines, then the closing line. */
    public static Answer chatStream(String model, String text, int pieces, int promptTokens, int outputTokens) {
        List<String> lines = new ArrayList<>();
        for (String piece : Pieces.split(text, pieces)) {
            lines.add(line(new JsonObject().put("message", message(piece)).put("done", false), model));
        }
        lines.add(line(done(new JsonObject().put("message", message("")), model, promptTokens, outputTokens), model));
        return ndjson(lines);
    }

    /** {@code text} streamed from {@code /api/generate} in {@code pieces} lines, then the closing line. */
    public static Answer generateStream(String model, String text, int pieces, int promptTokens, int outputTokens) {
        List<String> lines = new ArrayList<>();
        for (String piece : Pieces.split(text, pieces)) {
            lines.add(line(new JsonObject().put("response", piece).put("done", false), model));
        }
        lines.add(line(done(new JsonObject().put("response", ""), model, promptTokens, outputTokens), model));
        return ndjson(lines);
    }

    public static JsonObject embed(String model, int vectors, int dimensions) {
        JsonArray embeddings = new JsonArray();
        for (int i = 0; i < vectors; i++) {
            embeddings.add(GeminiWire.values(i, dimensions));
        }
        return new JsonObject()
                .put("model", model)
                .put("embeddings", embeddings)
                .put("total_duration", 14143917)
                .put("prompt_eval_count", 4 * vectors);
    }

    public static Answer error(int status, String message) {
        return Answer.json(status, new JsonObject().put("error", message));
    }

    private static Answer ndjson(List<String> lines) {
        return Answer.sse(lines, Duration.ZERO).header("content-type", "application/x-ndjson");
    }

    private static String line(JsonObject object, String model) {
        JsonObject withModel = new JsonObject().put("model", model).put("created_at", "2024-07-22T20:33:28.123648Z");
        return withModel.mergeIn(object).encode() + "\n";
    }

    private static JsonObject message(String text) {
        return new JsonObject().put("role", "assistant").put("content", text);
    }

    private static JsonObject done(JsonObject body, String model, int promptTokens, int outputTokens) {
        return new JsonObject()
                .put("model", model)
                .put("created_at", "2024-07-22T20:33:28.123648Z")
                .mergeIn(body)
                .put("done", true)
                .put("done_reason", "stop")
                .put("total_duration", 885095291L)
                .put("prompt_eval_count", promptTokens)
                .put("eval_count", outputTokens);
    }
}
