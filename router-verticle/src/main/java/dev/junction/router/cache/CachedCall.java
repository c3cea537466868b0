package dev.junction.router.cache;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.Surface;
import dev.junction.config.CacheSettings;
import dev.junction.config.Deployment;
import dev.junction.router.resolve.ModelResolver;
import dev.junction.router.resolve.Resolution;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * One request the cache applies to, with its key and its own controls.
 *
 * @param request the request
 * @param callType its LiteLLM call type
 * @param resolution what its model resolved to
 * @param modelGroup the group its key is made with (an alias's target, so that aliases share entries)
 * @param key its cache key, namespace included
 * @param controls its {@code cache} controls
 * @param ttl how long its answer is kept, or null for as long as room allows
 */
record CachedCall(
        LlmRequest request,
        String callType,
        Resolution resolution,
        String modelGroup,
        String key,
        CacheControls controls,
        Duration ttl) {

    /**
     * The cached call of {@code request}, or null when the cache does not apply: its call type is not cached, the
     * cache is {@code default_off} and it did not ask, it said {@code caching: false}, or its model is unknown
     * (the router then refuses it as usual).
     *
     * @throws dev.junction.cluster.error.GatewayException for malformed {@code cache} controls (a 400)
     */
    static CachedCall of(LlmRequest request, CacheSettings settings, ModelResolver resolver) {
        String callType = CallTypes.of(request);
        if (!settings.caches(callType) || !CacheKeys.knows(callType)) {
            return null;
        }
        // Controls come from the request as routed: a surface's chat translation carries its cache fields and the
        // Cache-Control header's directives.
        JsonObject body = request.body();
        CacheControls controls = CacheControls.of(body);
        if (settings.defaultOff() && !controls.useCache() || Boolean.FALSE.equals(caching(body))) {
            return null;
        }
        Resolution resolution = resolver.resolve(request.model()).orElse(null);
        if (resolution == null) {
            return null;
        }
        String group = resolution.viaAlias() ? resolution.aliasTarget() : resolution.modelGroup();
        String namespace = controls.namespaceOr(body, settings.namespace());
        String key = CacheKeys.key(callType, group, ownBody(request), namespace);
        Duration ttl = controls.ttl() != null ? controls.ttl() : settings.ttl();
        return new CachedCall(request, callType, resolution, group, key, controls, ttl);
    }

    /**
     * The body the client sent: a Messages or Responses request is keyed by its own fields, as LiteLLM keys those
     * call types, not by its translation to chat.
     */
    private static JsonObject ownBody(LlmRequest request) {
        return request.surface() != null ? request.surface().body() : request.body();
    }

    /** LiteLLM's per-call switch: {@code caching: false} skips the cache altogether. */
    private static Boolean caching(JsonObject body) {
        Object value = body.getValue("caching");
        if (value instanceof Boolean flag) {
            return flag;
        }
        return value instanceof String text && text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /** Whether its answer may be stored: not {@code no-store}, and a time to live above zero. */
    boolean storable() {
        return !controls.noStore() && (ttl == null || !ttl.isZero());
    }

    /** Whether its prompt is a chat or text completion's, which semantic caching compares. */
    boolean completion() {
        return callType.equals(CallTypes.CHAT) || callType.equals(CallTypes.TEXT_COMPLETION);
    }

    /**
     * Whether it came on the Messages or Responses API. A hit on an answer stored in chat form (from a deployment
     * the request was translated for) is written in that API's format by the gateway, as it writes any chat answer
     * to it; an answer stored in the API's own format is replayed in it (see {@link NativeAnswers}).
     */
    boolean onSurface() {
        return request.surface() != null;
    }

    /** The API it came on, or null for OpenAI's own endpoints. */
    Surface surface() {
        return request.surface() == null ? null : request.surface().surface();
    }

    /** The deployment a cached answer names, or the group's first when it is no longer configured. */
    Deployment deployment(String id) {
        return resolution.deployments().stream()
                .filter(deployment -> deployment.id().equals(id))
                .findFirst()
                .orElse(resolution.deployments().get(0));
    }
}
