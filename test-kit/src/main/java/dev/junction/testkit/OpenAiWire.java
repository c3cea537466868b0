package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** OpenAI's wire format: success bodies, stream frames and the error answers OpenAI really sends. */
public final class OpenAiWire {
    public static final String CHAT_PATH = "/v1/chat/completions";
    public static final String COMPLETIONS_PATH = "/v1/completions";
    public static final String EMBEDDINGS_PATH = "/v1/embeddings";
    public static final String RESPONSES_PATH = "/v1/responses";

    public static final String CONTEXT_LENGTH_MESSAGE = "This model's maximum context length is 8192 tokens. "
            + "However, your messages resulted in 9000 tokens. Please reduce the length of the messages.";
    public static final String CONTENT_POLICY_MESSAGE = "Your request was rejected as a result of our safety "
            + "system. Your prompt may contain text that is not allowed by our safety system.";

    private OpenAiWire() {}

    /** A chat completion (non-streamed or streamed) for {@code model}, e.g. {@code gpt-4o-2024-08-06}. */
    public static OpenAiChat chat(String model) {
        return new OpenAiChat(model, false);
    }

    /** A Responses API answer (whole or streamed) from {@code model}, e.g. {@code gpt-4o-2024-08-06}. */
    public static OpenAiResponse response(String model) {
        return new OpenAiResponse(model);
    }

    /** A legacy {@code text_completion} body of {@code /v1/completions}. */
    public static JsonObject textCompletion(String model, String text, int promptTokens, int completionTokens) {
        JsonObject choice = new JsonObject()
                .put("text", text)
                .put("index", 0)
                .put("logprobs", null)
                .put("finish_reason", "stop");
        return new JsonObject()
                .put("id", "cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7")
                .put("object", "text_completion")
                .put("created", 1589478378L)
                .put("model", model)
                .put("system_fingerprint", "fp_44709d6fcb")
                .put("choices", new JsonArray().add(choice))
                .put(
                        "usage",
                        new JsonObject()
                                .put("prompt_tokens", promptTokens)
                                .put("completion_tokens", completionTokens)
                                .put("total_tokens", promptTokens + completionTokens));
    }

    /** An embeddings body with the given vectors, in input order. */
    public static JsonObject embeddings(String model, List<double[]> vectors, int promptTokens) {
        JsonArray data = new JsonArray();
        for (int i = 0; i < vectors.size(); i++) {
            JsonArray embedding = new JsonArray();
            for (double value : vectors.get(i)) {
                embedding.add(value);
            }
            data.add(new JsonObject().put("object", "embedding").put("index", i).put("embedding", embedding));
        }
        return new JsonObject()
                .put("object", "list")
                .put("data", data)
                .put("model", model)
                .put(
                        "usage",
                        new JsonObject().put("prompt_tokens", promptTokens).put("total_tokens", promptTokens));
    }

    /** {@code inputs} deterministic vectors of {@code dimensions} floats, 8 prompt tokens per input. */
    public static JsonObject embeddings(String model, int inputs, int dimensions) {
        List<double[]> vectors = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            double[] vector = new double[dimensions];
            for (int j = 0; j < dimensions; j++) {
                // Small values of both signs, like real normalised embeddings, and stable across runs.
                vector[j] = Math.round(Math.sin(i * 31.0 + j) * 1e7) / 1e9;
            }
            vectors.add(vector);
        }
        return embeddings(model, vectors, 8 * inputs);
    }

    /** The {@code usage} object of chat bodies, with the detail objects OpenAI adds. */
    public static JsonObject usage(int promptTokens, int completionTokens) {
        return new JsonObject()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens)
                .put(
                        "prompt_tokens_details",
                        new JsonObject().put("cached_tokens", 0).put("audio_tokens", 0))
                .put(
                        "completion_tokens_details",
                        new JsonObject()
                                .put("reasoning_tokens", 0)
                                .put("audio_tokens", 0)
                                .put("accepted_prediction_tokens", 0)
                                .put("rejected_prediction_tokens", 0));
    }

    /** {@code {"error": {"message", "type", "param", "code"}}}, the shape of every OpenAI error. */
    public static JsonObject errorBody(String message, String type, String param, String code) {
        return new JsonObject()
                .put(
                        "error",
                        new JsonObject()
                                .put("message", message)
                                .put("type", type)
                                .put("param", param)
                                .put("code", code));
    }

    /** A plain successful chat answer with {@code text}, the upstream reply most routing tests need. */
    public static Answer ok(String text) {
        return chat("gpt-4o").content(text).answer();
    }

    public static Answer invalidApiKey() {
        return Answer.json(
                401,
                errorBody(
                        "Incorrect API key provided: sk-test***7890. You can find your API key at "
                                + "https://platform.openai.com/account/api-keys.",
                        "invalid_request_error",
                        null,
                        "invalid_api_key"));
    }

    public static Answer modelNotFound(String model) {
        return Answer.json(
                404,
                errorBody(
                        "The model `" + model + "` does not exist or you do not have access to it.",
                        "invalid_request_error",
                        null,
                        "model_not_found"));
    }

    /** 429 without {@code retry-after}: the client must pick its own cooldown. */
    public static Answer rateLimited() {
        return Answer.json(
                429,
                errorBody(
                        "Rate limit reached for gpt-4o in organization org-junctiontest on tokens per min (TPM): "
                                + "Limit 30000, Used 29844, Requested 1034. Please try again in 1.756s. Visit "
                                + "https://platform.openai.com/account/rate-limits to learn more.",
                        "tokens",
                        null,
                        "rate_limit_exceeded"));
    }

    /** 429 with {@code retry-after} in whole seconds (rounded up). */
    public static Answer rateLimited(Duration retryAfter) {
        return rateLimited().header("retry-after", Long.toString(ceilSeconds(retryAfter)));
    }

    /** 429 that no retry fixes: the account is out of credit. */
    public static Answer insufficientQuota() {
        return Answer.json(
                429,
                errorBody(
                        "You exceeded your current quota, please check your plan and billing details.",
                        "insufficient_quota",
                        null,
                        "insufficient_quota"));
    }

    public static Answer serverError() {
        return Answer.json(
                500,
                errorBody(
                        "The server had an error while processing your request. Sorry about that!",
                        "server_error",
                        null,
                        null));
    }

    public static Answer serviceUnavailable() {
        return Answer.json(
                503,
                errorBody("The engine is currently overloaded, please try again later.", "server_error", null, null));
    }

    public static Answer contextLengthExceeded() {
        return Answer.json(
                400, errorBody(CONTEXT_LENGTH_MESSAGE, "invalid_request_error", "messages", "context_length_exceeded"));
    }

    public static Answer contentPolicyViolation() {
        return Answer.json(
                400, errorBody(CONTENT_POLICY_MESSAGE, "invalid_request_error", null, "content_policy_violation"));
    }

    /** The 400 of a model that takes no assistant prefill, for a conversation that ends with an assistant message. */
    public static Answer prefillNotSupported() {
        return Answer.json(
                400,
                errorBody(
                        "This model does not support assistant message prefill. The conversation must end with a"
                                + " user message.",
                        "invalid_request_error",
                        "messages",
                        null));
    }

    /**
     * For {@link FakeUpstream#guard}: {@link #prefillNotSupported()} when the request's messages end with an
     * assistant message, else null (the script answers).
     */
    public static Answer refusingPrefill(RecordedRequest request) {
        JsonArray messages = request.bodyAsJson().getJsonArray("messages");
        boolean prefill = messages != null
                && !messages.isEmpty()
                && "assistant"
                        .equals(messages.getJsonObject(messages.size() - 1).getString("role"));
        return prefill ? prefillNotSupported() : null;
    }

    /** What OpenAI answers on a path it does not serve; also the fake's answer to unscripted paths. */
    public static Answer invalidUrl(String method, String path) {
        return Answer.json(
                404, errorBody("Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null));
    }

    /** The frame OpenAI sends when a stream fails after it started: an error object instead of a chunk. */
    public static String streamError(String message, String type, String code) {
        return Sse.data(errorBody(message, type, null, code));
    }

    static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
