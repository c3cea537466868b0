package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Azure OpenAI's wire format. Success bodies are OpenAI's plus content-filter annotations; errors differ
 * (string status codes, {@code innererror}), and paths name a deployment with the API version in the query.
 * Embeddings and legacy completions bodies are OpenAI's: use {@link OpenAiWire}.
 */
public final class AzureWire {
    public static final String API_VERSION = "2024-10-21";

    private AzureWire() {}

    /** {@code /openai/deployments/<deployment>/chat/completions}; the query holds {@code api-version}. */
    public static String chatPath(String deployment) {
        return "/openai/deployments/" + deployment + "/chat/completions";
    }

    public static String completionsPath(String deployment) {
        return "/openai/deployments/" + deployment + "/completions";
    }

    public static String embeddingsPath(String deployment) {
        return "/openai/deployments/" + deployment + "/embeddings";
    }

    /** An Azure chat completion: {@code prompt_filter_results}, per-choice {@code content_filter_results}. */
    public static OpenAiChat chat(String model) {
        return new OpenAiChat(model, true)
                .id("chatcmpl-9xQzXvCGeuSTiEvGXtMz3ScHNXhLb")
                .created(1724006157L);
    }

    /** All four categories passed at severity {@code safe}. */
    public static JsonObject contentFilterResults() {
        JsonObject results = new JsonObject();
        for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
            results.put(category, new JsonObject().put("filtered", false).put("severity", "safe"));
        }
        return results;
    }

    /** The prompt annotations, which add jailbreak detection to the four categories. */
    public static JsonArray promptFilterResults() {
        JsonObject results = contentFilterResults()
                .put("jailbreak", new JsonObject().put("filtered", false).put("detected", false));
        return new JsonArray().add(new JsonObject().put("prompt_index", 0).put("content_filter_results", results));
    }

    /** 400 because the prompt tripped the content filter (hate, high); body as in the fixture {@code azure/error-content-filter.json}. */
    public static Answer contentFilter() {
        return Answer.json(400, Fixtures.json("azure/error-content-filter.json"));
    }

    public static Answer contextLengthExceeded() {
        return Answer.json(
                400,
                OpenAiWire.errorBody(
                        OpenAiWire.CONTEXT_LENGTH_MESSAGE,
                        "invalid_request_error",
                        "messages",
                        "context_length_exceeded"));
    }

    /** 401: a wrong key or a wrong endpoint look the same on Azure. */
    public static Answer invalidKey() {
        return error(
                401,
                "401",
                "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid "
                        + "key for an active subscription and use a correct regional API endpoint for your "
                        + "resource.");
    }

    /** 429 with {@code retry-after} in seconds, which Azure also states in the message. */
    public static Answer rateLimited(Duration retryAfter) {
        long seconds = OpenAiWire.ceilSeconds(retryAfter);
        return error(
                        429,
                        "429",
                        "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version "
                                + API_VERSION + " have exceeded token rate limit of your current OpenAI S0 pricing "
                                + "tier. Please retry after " + seconds + " seconds. Please go here: "
                                + "https://aka.ms/oai/quotaincrease if you would like to further increase the "
                                + "default rate limit.")
                .header("retry-after", Long.toString(seconds));
    }

    /** 404 for a deployment name the resource does not have. */
    public static Answer deploymentNotFound() {
        return error(
                404,
                "DeploymentNotFound",
                "The API deployment for this resource does not exist. If you created the deployment within the "
                        + "last 5 minutes, please wait a moment and try again.");
    }

    /** Azure's gateway-level error shape: {@code {"error": {"code", "message"}}}, no type or param. */
    public static Answer error(int status, String code, String message) {
        return Answer.json(
                status,
                new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)));
    }
}
