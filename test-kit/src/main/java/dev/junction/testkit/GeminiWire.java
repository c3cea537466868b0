package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gemini API's wire format (Google AI Studio and Vertex AI's {@code generateContent}): answers, SSE
 * streams ({@code data: <GenerateContentResponse>} with CRLF framing, the usage in the last event), and
 * Google's error envelope {@code {"error": {"code", "message", "status", "details"}}}.
 */
public final class GeminiWire {
    public static final String TOKEN_LIMIT_MESSAGE =
            "The input token count (1200052) exceeds the maximum number of tokens allowed (1048576).";

    private GeminiWire() {}

    /** {@code /v1beta/models/{model}:{method}}, the AI Studio path of a method. */
    public static String path(String model, String method) {
        return "/v1beta/models/" + model + ":" + method;
    }

    /** Vertex AI's path of a Gemini or partner model method. */
    public static String vertexPath(String project, String location, String publisher, String model, String method) {
        return "/v1/projects/" + project + "/locations/" + location + "/publishers/" + publisher + "/models/" + model
                + ":" + method;
    }

    /** A whole answer saying {@code text}, with the given usage. */
    public static JsonObject answer(String text, int promptTokens, int outputTokens) {
        return response(
                new JsonArray().add(new JsonObject().put("text", text)), "STOP", usage(promptTokens, outputTokens));
    }

    /** A whole answer that calls {@code name} with {@code args}. */
    public static JsonObject functionCall(String name, JsonObject args) {
        JsonObject call = new JsonObject()
                .put("functionCall", new JsonObject().put("name", name).put("args", args));
        return response(new JsonArray().add(call), "STOP", usage(20, 6));
    }

    /** {@code text} streamed in {@code pieces} events; the last carries the finish reason and the usage. */
    public static Answer stream(String text, int pieces, int promptTokens, int outputTokens) {
        List<String> events = new ArrayList<>();
        List<String> parts = Pieces.split(text, pieces);
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            JsonObject event = response(
                    new JsonArray().add(new JsonObject().put("text", parts.get(i))),
                    last ? "STOP" : null,
                    last ? usage(promptTokens, outputTokens) : usage(promptTokens, 0));
            events.add("data: " + event.encode() + "\r\n\r\n");
        }
        return Answer.sse(events, Duration.ZERO);
    }

    /** The prompt blocked by the safety filters: no candidates, {@code promptFeedback.blockReason}. */
    public static JsonObject promptBlocked(String reason) {
        return new JsonObject()
                .put("promptFeedback", new JsonObject().put("blockReason", reason))
                .put("usageMetadata", usage(12, 0))
                .put("modelVersion", "gemini-2.0-flash");
    }

    public static Answer error(int status, String googleStatus, String message) {
        JsonObject error =
                new JsonObject().put("code", status).put("message", message).put("status", googleStatus);
        return Answer.json(status, new JsonObject().put("error", error));
    }

    /** A 429 whose {@code RetryInfo} asks for {@code retryDelay}, as Gemini's quota errors do. */
    public static Answer resourceExhausted(Duration retryDelay) {
        JsonObject retryInfo = new JsonObject()
                .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                .put("retryDelay", retryDelay.toSeconds() + "s");
        JsonObject error = new JsonObject()
                .put("code", 429)
                .put("message", "You exceeded your current quota, please check your plan and billing details.")
                .put("status", "RESOURCE_EXHAUSTED")
                .put("details", new JsonArray().add(retryInfo));
        return Answer.json(429, new JsonObject().put("error", error));
    }

    public static Answer tokenLimit() {
        return error(400, "INVALID_ARGUMENT", TOKEN_LIMIT_MESSAGE);
    }

    /** {@code vectors} embeddings of {@code dimensions} values as {@code batchEmbedContents} answers. */
    public static JsonObject batchEmbeddings(int vectors, int dimensions) {
        JsonArray embeddings = new JsonArray();
        for (int i = 0; i < vectors; i++) {
            embeddings.add(new JsonObject().put("values", values(i, dimensions)));
        }
        return new JsonObject().put("embeddings", embeddings);
    }

    /** Vertex AI's {@code predict} answer of text-embedding models, {@code tokens} per input. */
    public static JsonObject predictEmbeddings(int vectors, int dimensions, int tokens) {
        JsonArray predictions = new JsonArray();
        for (int i = 0; i < vectors; i++) {
            JsonObject statistics = new JsonObject().put("truncated", false).put("token_count", tokens);
            predictions.add(new JsonObject()
                    .put(
                            "embeddings",
                            new JsonObject().put("statistics", statistics).put("values", values(i, dimensions))));
        }
        return new JsonObject().put("predictions", predictions);
    }

    static JsonArray values(int seed, int dimensions) {
        JsonArray values = new JsonArray();
        for (int j = 0; j < dimensions; j++) {
            values.add(Math.round(Math.sin(seed * 31.0 + j) * 1e7) / 1e9);
        }
        return values;
    }

    private static JsonObject response(JsonArray parts, String finishReason, JsonObject usage) {
        JsonObject candidate = new JsonObject()
                .put("content", new JsonObject().put("parts", parts).put("role", "model"));
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        return new JsonObject()
                .put("candidates", new JsonArray().add(candidate))
                .put("usageMetadata", usage)
                .put("modelVersion", "gemini-2.0-flash")
                .put("responseId", "mFgqaIC1Ms7lxN8Pt_GP8Qk");
    }

    private static JsonObject usage(int promptTokens, int outputTokens) {
        JsonObject usage = new JsonObject().put("promptTokenCount", promptTokens);
        if (outputTokens > 0) {
            usage.put("candidatesTokenCount", outputTokens);
        }
        return usage.put("totalTokenCount", promptTokens + outputTokens);
    }
}
