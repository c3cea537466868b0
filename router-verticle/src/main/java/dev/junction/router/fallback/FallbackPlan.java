package dev.junction.router.fallback;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ProviderCatalog;
import dev.junction.config.RouterSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Which model groups to try after a group has failed and used up its retries (LiteLLM's fallback lookup).
 * Immutable: {@link #fromSettings} gives the router's plan, {@link #forRequest} the plan of one request.
 *
 * <p>A context-window error goes to {@code context_window_fallbacks} when that list is set, and only to the
 * group's exact entry there; when it is not set, to the generic list. Content-policy errors likewise. The
 * generic list is looked up by the exact group, then the group without a provider prefix ({@code
 * openai/gpt-4o} finds {@code gpt-4o}), then {@code "*"} ({@code default_fallbacks}). Each fallback group
 * gets its own retries and its own fallbacks; the caller stops after {@link #maxFallbacks()} groups.
 */
public final class FallbackPlan {
    public static final int DEFAULT_MAX_FALLBACKS = 5;

    private final FallbackMap generic;
    private final FallbackMap contextWindow;
    private final FallbackMap contentPolicy;
    private final List<FallbackTarget> client;
    private final int maxFallbacks;

    private FallbackPlan(
            FallbackMap generic,
            FallbackMap contextWindow,
            FallbackMap contentPolicy,
            List<FallbackTarget> client,
            int maxFallbacks) {
        this.generic = generic;
        this.contextWindow = contextWindow;
        this.contentPolicy = contentPolicy;
        this.client = client;
        this.maxFallbacks = maxFallbacks;
    }

    public static FallbackPlan fromSettings(RouterSettings settings) {
        JsonObject merged = settings.merged();
        FallbackMap generic = FallbackMap.parse(merged.getJsonArray("fallbacks"), "fallbacks");
        Object defaults = merged.getValue("default_fallbacks");
        if (defaults != null) {
            generic = generic.withDefault(FallbackMap.names(defaults, "default_fallbacks"));
        }
        return new FallbackPlan(
                generic,
                FallbackMap.parse(merged.getJsonArray("context_window_fallbacks"), "context_window_fallbacks"),
                FallbackMap.parse(merged.getJsonArray("content_policy_fallbacks"), "content_policy_fallbacks"),
                List.of(),
                merged.getValue("max_fallbacks") instanceof Number n ? n.intValue() : DEFAULT_MAX_FALLBACKS);
    }

    /**
     * This plan as changed by a request body: {@code disable_fallbacks: true} turns fallbacks off; a
     * client-shaped {@code fallbacks} list is tried first for any error; a standard-shaped one replaces the
     * generic list (default fallbacks included, as LiteLLM's request value replaces the router's whole list);
     * {@code context_window_fallbacks}, {@code content_policy_fallbacks} and {@code max_fallbacks} replace
     * the router's values.
     *
     * @throws GatewayException a bad request naming the field when one of them is malformed
     */
    public FallbackPlan forRequest(JsonObject body) {
        if (isTrue(body.getValue("disable_fallbacks"))) {
            return new FallbackPlan(FallbackMap.NONE, FallbackMap.NONE, FallbackMap.NONE, List.of(), 0);
        }
        FallbackMap newGeneric = generic;
        List<FallbackTarget> newClient = client;
        if (body.getValue("fallbacks") != null) {
            JsonArray items = ClientFallbacks.list(body.getValue("fallbacks"), "fallbacks");
            if (ClientFallbacks.isClientList(items)) {
                newClient = ClientFallbacks.targets(items);
            } else {
                newGeneric = FallbackMap.parse(items, "fallbacks");
            }
        }
        return new FallbackPlan(
                newGeneric,
                requestMap(body, "context_window_fallbacks", contextWindow),
                requestMap(body, "content_policy_fallbacks", contentPolicy),
                newClient,
                requestMaxFallbacks(body.getValue("max_fallbacks")));
    }

    private static FallbackMap requestMap(JsonObject body, String field, FallbackMap current) {
        Object value = body.getValue(field);
        return value == null ? current : FallbackMap.parse(ClientFallbacks.list(value, field), field);
    }

    private int requestMaxFallbacks(Object value) {
        if (value == null) {
            return maxFallbacks;
        }
        if (value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw GatewayException.badField("max_fallbacks", "max_fallbacks must be a non-negative whole number");
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || (value instanceof String text && text.equalsIgnoreCase("true"));
    }

    /** The fallbacks to try, in order, after {@code modelGroup} failed with {@code kind}; never the group itself. */
    public List<FallbackTarget> targetsFor(ErrorKind kind, String modelGroup) {
        if (!client.isEmpty()) {
            return client.stream().filter(t -> !t.model().equals(modelGroup)).toList();
        }
        return groupNames(kind, modelGroup).stream()
                .filter(name -> !name.equals(modelGroup))
                .map(FallbackTarget::group)
                .toList();
    }

    /** The names of {@link #targetsFor}. */
    public List<String> groupsFor(ErrorKind kind, String modelGroup) {
        return targetsFor(kind, modelGroup).stream().map(FallbackTarget::model).toList();
    }

    private List<String> groupNames(ErrorKind kind, String modelGroup) {
        if (kind == ErrorKind.CONTEXT_WINDOW_EXCEEDED && contextWindow.configured()) {
            return contextWindow.exact(modelGroup).orElse(List.of());
        }
        if (kind == ErrorKind.CONTENT_POLICY_VIOLATION && contentPolicy.configured()) {
            return contentPolicy.exact(modelGroup).orElse(List.of());
        }
        return generic.exact(modelGroup)
                .or(() -> withoutProvider(modelGroup).flatMap(generic::exact))
                .or(generic::any)
                .orElse(List.of());
    }

    private static Optional<String> withoutProvider(String modelGroup) {
        int slash = modelGroup.indexOf('/');
        if (slash <= 0
                || ProviderCatalog.byPrefix(modelGroup.substring(0, slash)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(modelGroup.substring(slash + 1));
    }

    /** Whether generic fallbacks exist at all (router or request list, default fallbacks included). */
    public boolean hasFallbacks() {
        return generic.configured() || !client.isEmpty();
    }

    public boolean hasContextWindowFallbacks() {
        return contextWindow.configured();
    }

    public boolean hasContentPolicyFallbacks() {
        return contentPolicy.configured();
    }

    /** How many fallback groups one request may try in all, nested fallbacks included. */
    public int maxFallbacks() {
        return maxFallbacks;
    }
}
