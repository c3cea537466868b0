package dev.junction.gateway.observe.health;

import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.error.Redactor;
import dev.junction.config.Deployment;
import dev.junction.router.RequestRouter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Calls one deployment with the smallest request of its mode ({@code model_info.mode}: chat by default, or any
 * operation Junction serves), straight through its provider verticle: no routing, limits or cooldowns, as
 * LiteLLM's health check calls the deployment itself. Image and speech checks are billed by their providers,
 * as they are in LiteLLM: a deployment is checked in those modes only when its config says so.
 */
final class HealthProbe {
    /** LiteLLM's {@code HEALTH_CHECK_TIMEOUT_SECONDS}. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String CHECKED_MODES = String.join(
            ", ", Arrays.stream(Endpoint.values()).map(Endpoint::mode).toList());

    private final Vertx vertx;

    HealthProbe(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The deployment's mode, as LiteLLM reads it: {@code model_info.mode}, else chat. */
    static String mode(Deployment deployment) {
        return deployment.modelInfo().getString("mode", "chat");
    }

    Future<HealthResult> check(Deployment deployment) {
        String mode = mode(deployment);
        Endpoint endpoint = endpointOf(mode);
        if (endpoint == null) {
            return Future.succeededFuture(result(
                    deployment, "Junction does not health-check mode '" + mode + "' (checked: " + CHECKED_MODES + ")"));
        }
        LlmRequest request = new LlmRequest(
                "health-check-" + UUID.randomUUID(),
                endpoint,
                deployment.modelName(),
                body(endpoint, deployment),
                null,
                false,
                null,
                new Cancellation(),
                System.nanoTime());
        if (endpoint == Endpoint.AUDIO_TRANSCRIPTIONS) {
            request = request.withFiles(List.of(HealthCheckAudio.file()));
        }
        ProviderCall call = new ProviderCall(request, deployment, TIMEOUT);
        return BusContract.request(
                        vertx.eventBus(), RequestRouter.providerAddress(call), call, TIMEOUT, ProviderReply.class)
                .map(reply -> new HealthResult(deployment.id(), true, null, System.currentTimeMillis()))
                .recover(failure -> Future.succeededFuture(result(deployment, message(failure, deployment))));
    }

    private static HealthResult result(Deployment deployment, String error) {
        return new HealthResult(deployment.id(), false, error, System.currentTimeMillis());
    }

    private static String message(Throwable failure, Deployment deployment) {
        String text = GatewayException.from(failure).getMessage();
        List<String> secrets = deployment.apiKey() == null
                ? List.of()
                : List.of(deployment.apiKey().reveal());
        return Redactor.redact(text == null ? failure.toString() : text, secrets);
    }

    private static Endpoint endpointOf(String mode) {
        return Arrays.stream(Endpoint.values())
                .filter(endpoint -> endpoint.mode().equals(mode))
                .findFirst()
                .orElse(null);
    }

    /**
     * The smallest request of the mode: one short message and one answer token, one input to embed or moderate,
     * one document to rerank, one image of the deployment's default size, a one-word speech, a half-second
     * recording to transcribe (its text fields only: the file travels beside the body).
     */
    private static JsonObject body(Endpoint endpoint, Deployment deployment) {
        JsonObject body = new JsonObject().put("model", deployment.modelName());
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> body.put(
                            "messages",
                            new JsonArray()
                                    .add(new JsonObject().put("role", "user").put("content", "ping")))
                    .put("max_tokens", 1);
            case COMPLETIONS -> body.put("prompt", "ping").put("max_tokens", 1);
            case EMBEDDINGS -> body.put("input", new JsonArray().add("ping"));
            case MODERATIONS -> body.put("input", "ping");
            case RERANK -> body.put("query", "ping")
                    .put("documents", new JsonArray().add("ping"))
                    .put("top_n", 1);
            case IMAGE_GENERATIONS -> body.put("prompt", "test").put("n", 1);
                // LiteLLM's check says "test" in the voice "alloy" unless the deployment names its own.
            case AUDIO_SPEECH -> body.put("input", "test")
                    .put("voice", deployment.litellmParams().getString("voice", "alloy"));
            case AUDIO_TRANSCRIPTIONS -> body;
        };
    }
}
