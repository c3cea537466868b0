package dev.junction.provider.params;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * LiteLLM's rule for OpenAI parameters a provider does not support: a call carrying one (a chat or completion,
 * an embedding, an image generation or a transcription, each with its own {@link OpenAiParams} list) is refused
 * with {@code UnsupportedParamsError} (400, before anything is sent), unless {@code drop_params} is true
 * (gateway-wide, on the deployment or in the request), in which case those parameters are removed. Names in
 * {@code allowed_openai_params} (the deployment's or the request's) are never refused nor dropped ({@link
 * AllowedParams} sends them). Names in {@code additional_drop_params} (the deployment's or the request's) are
 * removed from every call, whatever the provider. Deployment defaults count as the request's own values, as
 * they do in LiteLLM.
 */
public final class UnsupportedParams {
    private UnsupportedParams() {}

    /**
     * The call as its provider may receive it.
     *
     * @param supported the OpenAI parameters the provider carries for the call's operation; empty for a
     *     provider that is sent every parameter
     * @throws GatewayException {@link ErrorKind#UNSUPPORTED_BY_DEPLOYMENT} naming the parameters
     */
    public static ProviderCall apply(ProviderCall call, Optional<Set<String>> supported) {
        JsonObject body = call.request().body();
        JsonObject defaults = call.deployment().litellmParams();
        Set<String> removed = new LinkedHashSet<>();
        removed.addAll(names(defaults.getValue("additional_drop_params")));
        removed.addAll(names(body.getValue("additional_drop_params")));
        if (supported.isPresent()) {
            Set<String> unsupported = unsupported(call, supported.get(), removed);
            if (!unsupported.isEmpty() && !dropsParams(call)) {
                throw refusal(call.deployment(), unsupported);
            }
            removed.addAll(unsupported);
        }
        return without(call, removed);
    }

    private static Set<String> unsupported(ProviderCall call, Set<String> supported, Set<String> removed) {
        Endpoint endpoint = call.request().endpoint();
        Set<String> allowed = AllowedParams.names(call);
        Set<String> unsupported = new LinkedHashSet<>();
        for (JsonObject source :
                new JsonObject[] {call.request().body(), call.deployment().defaultCallParams()}) {
            for (Map.Entry<String, Object> field : source) {
                // A list field of an upload comes as its form's name, e.g. timestamp_granularities[].
                String name = field.getKey().endsWith("[]")
                        ? field.getKey().substring(0, field.getKey().length() - 2)
                        : field.getKey();
                if (OpenAiParams.isChecked(endpoint, name, field.getValue())
                        && !supported.contains(name)
                        && !removed.contains(name)
                        && !allowed.contains(name)) {
                    unsupported.add(field.getKey());
                }
            }
        }
        return unsupported;
    }

    /** LiteLLM drops when any of its switches says so: the gateway's, the deployment's or the request's. */
    private static boolean dropsParams(ProviderCall call) {
        return call.dropParams()
                || isTrue(call.deployment().litellmParams().getValue("drop_params"))
                || isTrue(call.request().body().getValue("drop_params"));
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value)
                || value instanceof String text && "true".equals(text.trim().toLowerCase(Locale.ROOT));
    }

    /** {@code additional_drop_params}: a list of names (a single name is taken as a list of one). */
    static Set<String> names(Object value) {
        Set<String> names = new LinkedHashSet<>();
        if (value instanceof JsonArray list) {
            list.forEach(name -> {
                if (name instanceof String text) {
                    names.add(text);
                }
            });
        } else if (value instanceof String name) {
            names.add(name);
        }
        return names;
    }

    private static GatewayException refusal(Deployment deployment, Set<String> unsupported) {
        String listed = unsupported.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ", "[", "]"));
        String message =
                "litellm.UnsupportedParamsError: " + deployment.provider().prefix()
                        + " does not support parameters: " + listed + ", for model=" + deployment.upstreamModel()
                        + ". To drop these, set `drop_params: true` in litellm_settings, in the deployment's litellm_params"
                        + " or in the request, or list them in the deployment's `additional_drop_params`. To send them"
                        + " anyway, list them in `allowed_openai_params`.";
        return GatewayException.of(ErrorKind.UNSUPPORTED_BY_DEPLOYMENT, message)
                .withParam(unsupported.iterator().next());
    }

    /** The call without {@code removed}, from the request and from the deployment's defaults alike. */
    private static ProviderCall without(ProviderCall call, Set<String> removed) {
        JsonObject body = call.request().body();
        JsonObject params = call.deployment().litellmParams();
        boolean inBody = removed.stream().anyMatch(body::containsKey);
        boolean inDefaults =
                removed.stream().anyMatch(name -> Deployment.isCallDefault(name) && params.containsKey(name));
        if (!inBody && !inDefaults) {
            return call;
        }
        ProviderCall result = call;
        if (inBody) {
            Map<String, Object> fields = new LinkedHashMap<>(body.getMap()); // shallow: messages are shared
            fields.keySet().removeAll(removed);
            JsonObject kept = new JsonObject(fields);
            // withBody forgets the raw bytes, so a provider passing them through sends this body instead.
            result = result.withRequest(call.request().withBody(call.request().model(), kept));
        }
        if (inDefaults) {
            result = result.withDeployment(withoutDefaults(call.deployment(), removed));
        }
        return result;
    }

    private static Deployment withoutDefaults(Deployment deployment, Set<String> removed) {
        JsonObject params = deployment.litellmParams().copy();
        removed.stream().filter(Deployment::isCallDefault).forEach(params::remove);
        return new Deployment(
                deployment.id(),
                deployment.modelName(),
                deployment.litellmModel(),
                deployment.provider(),
                deployment.upstreamModel(),
                deployment.apiBase(),
                deployment.apiKey(),
                params,
                deployment.modelInfo());
    }
}
