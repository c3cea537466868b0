package dev.junction.provider;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.SurfaceRequest;
import dev.junction.config.CredentialParams;
import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Builds the request body a provider receives from what the client sent and what the deployment sets. */
public final class RequestBodies {
    /**
     * Request fields that steer Junction (as they steer LiteLLM) and mean nothing, or something else, to a
     * provider: they are never forwarded, and neither is any credential or endpoint a client may send (with
     * {@code allow_client_side_credentials}), see {@link #isGatewayParam}.
     */
    public static final Set<String> GATEWAY_PARAMS = Set.of(
            "mock_response",
            "mock_testing_fallbacks",
            "mock_testing_context_fallbacks",
            "mock_testing_context_window_fallbacks",
            "mock_testing_content_policy_fallbacks",
            "mock_testing_rate_limit_error",
            "mock_timeout",
            "fallbacks",
            "context_window_fallbacks",
            "content_policy_fallbacks",
            "num_retries",
            "max_retries",
            "timeout",
            "stream_timeout",
            "request_timeout",
            "disable_fallbacks",
            "metadata",
            "api_key",
            "api_base",
            "base_url",
            "api_version",
            "caching",
            "cache",
            "user_config",
            "tags",
            "guardrails",
            "litellm_metadata",
            // LiteLLM's switches for unsupported parameters (params.UnsupportedParams), never the provider's
            "drop_params",
            "additional_drop_params",
            "allowed_openai_params");

    private RequestBodies() {}

    /**
     * The client's body with the deployment's default parameters filled in where the client set none, the
     * gateway's own fields removed and the model replaced by the upstream name. A shallow copy: the
     * client's message list is shared, not copied.
     */
    public static JsonObject forUpstream(ProviderCall call) {
        JsonObject defaults = call.deployment().defaultCallParams();
        Map<String, Object> fields = new LinkedHashMap<>(call.request().body().getMap());
        fields.keySet().removeIf(RequestBodies::isGatewayParam);
        defaults.forEach(entry -> fields.putIfAbsent(entry.getKey(), entry.getValue()));
        fields.put("model", call.deployment().upstreamModel());
        return new JsonObject(fields);
    }

    /**
     * The client's original request of another inbound API, for a deployment that speaks that API: only the
     * model replaced and the gateway's own fields (credentials and endpoints included) removed. {@code
     * metadata} stays, since both the Messages and the Responses API define a field of that name.
     */
    public static JsonObject nativeBody(SurfaceRequest surface, String upstreamModel) {
        Map<String, Object> fields = new LinkedHashMap<>(surface.body().getMap());
        fields.keySet().removeIf(field -> !"metadata".equals(field) && isGatewayParam(field));
        fields.put("model", upstreamModel);
        return new JsonObject(fields);
    }

    /** Whether a request field is for the gateway, never for the provider's body. */
    public static boolean isGatewayParam(String field) {
        return GATEWAY_PARAMS.contains(field) || CredentialParams.isCredentialOrEndpoint(field);
    }

    /** Whether the client's bytes can go upstream as they are: nothing to add, remove or rename. */
    public static boolean passesThroughUnchanged(ProviderCall call) {
        JsonObject body = call.request().body();
        if (!call.deployment().upstreamModel().equals(body.getString("model"))) {
            return false;
        }
        for (String field : body.fieldNames()) {
            if (isGatewayParam(field)) {
                return false;
            }
        }
        // The deployment's default call parameters, without building them (this runs on every request).
        for (String field : call.deployment().litellmParams().fieldNames()) {
            if (Deployment.isCallDefault(field) && !body.containsKey(field)) {
                return false;
            }
        }
        return true;
    }
}
