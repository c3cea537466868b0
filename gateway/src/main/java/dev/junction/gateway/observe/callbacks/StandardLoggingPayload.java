package dev.junction.gateway.observe.callbacks;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.Usage;
import dev.junction.config.CredentialParams;
import dev.junction.config.Deployment;
import dev.junction.config.PublicUrl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * LiteLLM's {@code StandardLoggingPayload} (litellm/types/utils.py), the one shape its log callbacks send:
 * ids, status, tokens, cost, times in epoch seconds, the deployment, the caller's key and team, and the
 * messages and answer while message logging is on ({@code redacted-by-litellm} otherwise, as LiteLLM writes).
 */
public final class StandardLoggingPayload {
    static final String REDACTED = "redacted-by-litellm";
    /** Request fields that are not model parameters. */
    private static final Set<String> NOT_PARAMETERS =
            Set.of("model", "messages", "prompt", "input", "metadata", "user", "stream", "tags", "fallbacks");

    private StandardLoggingPayload() {}

    public static JsonObject of(FinishedCall call, boolean messageLogging) {
        Usage usage = call.end().usage();
        Deployment deployment = call.deployment();
        JsonObject body =
                call.request() == null ? new JsonObject() : call.request().body();
        long startMillis = call.start().receivedEpochMillis();
        double start = startMillis / 1000.0;
        double end = start + call.durationSeconds();
        JsonObject payload = new JsonObject()
                .put("id", call.callId())
                .put("trace_id", call.callId())
                .put("call_type", callType(call))
                .put("stream", call.request() != null && call.request().stream())
                .put("response_cost", call.end().cost())
                .put("status", call.end().succeeded() ? "success" : "failure")
                .put(
                        "custom_llm_provider",
                        deployment == null ? null : deployment.provider().prefix())
                .put("total_tokens", usage.totalTokens())
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("startTime", start)
                .put("endTime", end)
                .put(
                        "completionStartTime",
                        call.firstTokenNanos() == 0
                                ? end
                                : start + (call.firstTokenNanos() - call.start().receivedNanos()) / 1e9)
                .put("response_time", call.durationSeconds())
                .put("model", deployment == null ? call.requestedModel() : deployment.upstreamModel())
                .put("model_id", deployment == null ? null : deployment.id())
                .put(
                        "model_group",
                        call.end().routed() == null
                                ? call.requestedModel()
                                : call.end().routed().modelGroup())
                .put(
                        "api_base",
                        deployment == null || deployment.apiBase() == null ? null : PublicUrl.of(deployment.apiBase()))
                .put("metadata", metadata(call, body))
                .put("cache_hit", false)
                .put("request_tags", body.getValue("tags") instanceof JsonArray tags ? tags : new JsonArray())
                .put("end_user", body.getValue("user") instanceof String user ? user : null)
                .put("messages", messageLogging ? input(body) : REDACTED)
                .put("response", messageLogging ? response(call) : REDACTED)
                .put("model_parameters", parameters(body))
                .put(
                        "hidden_params",
                        new JsonObject()
                                .put("model_id", deployment == null ? null : deployment.id())
                                .put("response_cost", call.end().cost()));
        if (!call.end().succeeded()) {
            payload.put("error_str", call.end().error().getMessage())
                    .put(
                            "error_information",
                            new JsonObject()
                                    .put(
                                            "error_code",
                                            Integer.toString(call.end().status()))
                                    .put(
                                            "error_class",
                                            call.end().error().kind().litellmName())
                                    .put(
                                            "llm_provider",
                                            deployment == null
                                                    ? null
                                                    : deployment.provider().prefix())
                                    .put("error_message", call.end().error().getMessage()));
        }
        return payload;
    }

    private static String callType(FinishedCall call) {
        if (call.request() == null) {
            return "acompletion";
        }
        Endpoint endpoint = call.request().endpoint();
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> "acompletion";
            case COMPLETIONS -> "atext_completion";
            case EMBEDDINGS -> "aembedding";
            case IMAGE_GENERATIONS -> "aimage_generation";
            case AUDIO_TRANSCRIPTIONS -> "atranscription";
            case AUDIO_SPEECH -> "aspeech";
            case MODERATIONS -> "amoderation";
            case RERANK -> "arerank";
        };
    }

    private static JsonObject metadata(FinishedCall call, JsonObject body) {
        var who = call.start().caller();
        return new JsonObject()
                .put("user_api_key_hash", who.keyHash())
                .put("user_api_key_alias", who.keyAlias())
                .put("user_api_key_team_id", who.teamId())
                .put("user_api_key_team_alias", who.teamAlias())
                .put("user_api_key_user_id", who.userId())
                .put("requester_metadata", body.getValue("metadata") instanceof JsonObject meta ? meta : null)
                .put(
                        "attempted_retries",
                        call.end().routed() == null ? null : call.end().routed().attemptedRetries())
                .put(
                        "attempted_fallbacks",
                        call.end().routed() == null ? null : call.end().routed().attemptedFallbacks());
    }

    static Object input(JsonObject body) {
        for (String field : new String[] {"messages", "prompt", "input"}) {
            if (body.containsKey(field)) {
                return body.getValue(field);
            }
        }
        return null;
    }

    static Object response(FinishedCall call) {
        if (call.end().responseBody() == null) {
            return null;
        }
        try {
            return call.end().responseBody().toJsonObject();
        } catch (RuntimeException notJson) {
            return call.end().responseBody().toString();
        }
    }

    private static JsonObject parameters(JsonObject body) {
        JsonObject parameters = new JsonObject();
        body.forEach(entry -> {
            String name = entry.getKey();
            // A request may carry its own key when allow_client_side_credentials is on: never into a log.
            if (!NOT_PARAMETERS.contains(name)
                    && !name.startsWith("mock_")
                    && !CredentialParams.isCredentialOrEndpoint(name)
                    && !CredentialParams.holdsSecret(name, entry.getValue())) {
                parameters.put(entry.getKey(), entry.getValue());
            }
        });
        return parameters;
    }
}
