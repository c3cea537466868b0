package dev.junction.provider.params;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * LiteLLM's {@code allowed_openai_params} (in the request, or in the deployment's {@code litellm_params}): OpenAI
 * parameters the caller opted in to send whatever the provider's supported list says. They are never refused
 * nor dropped by {@link UnsupportedParams}, and a translating provider, whose translation is built from its own
 * list, gets them added to its upstream JSON body as the request sent them, as LiteLLM passes them on unmapped.
 */
public final class AllowedParams {
    private AllowedParams() {}

    /** The names the deployment and the request allow, in that order. */
    public static Set<String> names(ProviderCall call) {
        Set<String> names = new LinkedHashSet<>(
                UnsupportedParams.names(call.deployment().litellmParams().getValue("allowed_openai_params")));
        names.addAll(UnsupportedParams.names(call.request().body().getValue("allowed_openai_params")));
        return names;
    }

    /**
     * The upstream request with each allowed parameter the request set and the translation left out added at
     * the top of its JSON body.
     *
     * @param supported the provider's list for the call; empty when every parameter is sent already
     */
    public static UpstreamRequest carry(UpstreamRequest upstream, ProviderCall call, Optional<Set<String>> supported) {
        if (supported.isEmpty()) {
            return upstream;
        }
        JsonObject request = call.request().body();
        Set<String> missing = new LinkedHashSet<>();
        for (String name : names(call)) {
            if (request.getValue(name) != null && !supported.get().contains(name)) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return upstream;
        }
        Optional<JsonObject> body = jsonBody(upstream.body());
        if (body.isEmpty()) {
            return upstream;
        }
        JsonObject carried = body.get();
        missing.stream()
                .filter(name -> !carried.containsKey(name))
                .forEach(name -> carried.put(name, request.getValue(name)));
        return new UpstreamRequest(upstream.url(), upstream.headers(), carried.toBuffer());
    }

    /** A multipart form (an upload) is not JSON: its fields are the request's own already. */
    private static Optional<JsonObject> jsonBody(Buffer body) {
        if (body == null || body.length() == 0 || body.getByte(0) != '{') {
            return Optional.empty();
        }
        try {
            return Optional.of(new JsonObject(body));
        } catch (DecodeException notJson) {
            return Optional.empty();
        }
    }
}
