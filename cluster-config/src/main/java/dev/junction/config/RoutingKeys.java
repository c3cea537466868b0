package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The routing and reliability settings, which LiteLLM accepts in both {@code router_settings} and {@code
 * litellm_settings}. Each value is checked and normalised (numbers from {@code os.environ/} made numeric,
 * "true"/"false" made booleans) so the router can read the merged map without parsing again.
 */
final class RoutingKeys {
    static final Set<String> SUPPORTED = Set.of(
            "routing_strategy",
            "routing_strategy_args",
            "num_retries",
            "max_fallbacks",
            "timeout",
            "request_timeout",
            "stream_timeout",
            "retry_after",
            "allowed_fails",
            "allowed_fails_policy",
            "retry_policy",
            "model_group_retry_policy",
            "cooldown_time",
            "disable_cooldowns",
            "fallbacks",
            "context_window_fallbacks",
            "content_policy_fallbacks",
            "default_fallbacks",
            "model_group_alias",
            "enable_pre_call_checks",
            "enable_pre_call_check",
            "default_max_parallel_requests",
            "rate_limit_accuracy",
            "rate_limit_sync_interval_ms",
            "drop_params",
            "enable_tag_filtering",
            "tag_filtering_match_any",
            "continue_broken_streams");

    /** The exception classes LiteLLM's policies are keyed by (the router's ErrorCategory acts on them). */
    static final List<String> POLICY_ERROR_CLASSES = List.of(
            "BadRequestError",
            "AuthenticationError",
            "TimeoutError",
            "RateLimitError",
            "ContentPolicyViolationError",
            "InternalServerError");

    /** {@code batched}: decide locally, sync every interval (default); {@code strict}: one cluster call each. */
    static final List<String> ACCURACIES = List.of("batched", "strict");

    static final List<String> STRATEGIES = List.of(
            "simple-shuffle",
            "least-busy",
            "usage-based-routing",
            "usage-based-routing-v2",
            "latency-based-routing",
            "cost-based-routing");

    private RoutingKeys() {}

    /** The checked, normalised value of a supported key; other keys' values are returned as they are. */
    static Object check(String key, Object value, String path, ParseContext context) {
        return switch (key) {
            case "routing_strategy" -> strategy(value, path, context);
            case "rate_limit_accuracy" -> oneOf(ACCURACIES, value, path, context);
            case "rate_limit_sync_interval_ms" -> Fields.nonNegativeInteger(context, value, path);
            case "num_retries", "max_fallbacks", "allowed_fails", "default_max_parallel_requests" -> Fields
                    .nonNegativeInteger(context, value, path);
            case "timeout", "request_timeout", "stream_timeout" -> Fields.positiveNumber(context, value, path);
            case "retry_after", "cooldown_time" -> Fields.nonNegativeNumber(context, value, path);
            case "disable_cooldowns",
                    "enable_pre_call_checks",
                    "enable_pre_call_check",
                    "drop_params",
                    "enable_tag_filtering",
                    "tag_filtering_match_any",
                    "continue_broken_streams" -> Fields.bool(context, value, path);
            case "routing_strategy_args" -> Fields.object(context, value, path);
            case "retry_policy" -> counts(value, path, context, "Retries");
            case "allowed_fails_policy" -> counts(value, path, context, "AllowedFails");
            case "model_group_retry_policy" -> groupRetryPolicies(value, path, context);
            case "model_group_alias" -> aliases(value, path, context);
            case "fallbacks", "context_window_fallbacks", "content_policy_fallbacks" -> FallbackLists.check(
                    value, path, context);
            case "default_fallbacks" -> stringList(value, path, context);
            default -> value;
        };
    }

    private static String strategy(Object value, String path, ParseContext context) {
        return oneOf(STRATEGIES, value, path, context);
    }

    private static String oneOf(List<String> allowed, Object value, String path, ParseContext context) {
        String chosen = Fields.string(context, value, path);
        if (chosen != null && !allowed.contains(chosen)) {
            throw context.invalid(path, "one of " + String.join(", ", allowed), chosen);
        }
        return chosen;
    }

    /**
     * A map of error kind to count, as {@code retry_policy} ({@code suffix} "Retries") and {@code
     * allowed_fails_policy} ("AllowedFails") are. A key naming no error class is warned about: LiteLLM drops it
     * silently, and a typo would leave the policy the user meant unapplied.
     */
    private static JsonObject counts(Object value, String path, ParseContext context, String suffix) {
        JsonObject map = Fields.object(context, value, path);
        if (map == null) {
            return null;
        }
        JsonObject out = new JsonObject();
        map.getMap().forEach((kind, count) -> {
            String kindPath = YamlPath.key(path, kind);
            out.put(kind, Fields.nonNegativeInteger(context, count, kindPath));
            boolean known = kind.endsWith(suffix)
                    && POLICY_ERROR_CLASSES.contains(kind.substring(0, kind.length() - suffix.length()));
            if (!known) {
                context.warn(
                        kindPath,
                        "not a key LiteLLM's policy knows, so it is ignored; the keys are "
                                + String.join(
                                        ", ",
                                        POLICY_ERROR_CLASSES.stream()
                                                .map(name -> name + suffix)
                                                .toList()));
            }
        });
        return out;
    }

    private static JsonObject groupRetryPolicies(Object value, String path, ParseContext context) {
        JsonObject map = Fields.object(context, value, path);
        if (map == null) {
            return null;
        }
        JsonObject out = new JsonObject();
        map.getMap()
                .forEach((group, policy) ->
                        out.put(group, counts(policy, YamlPath.key(path, group), context, "Retries")));
        return out;
    }

    /** Each alias maps to a group name, or to {@code {model: name, hidden: bool}}. */
    private static JsonObject aliases(Object value, String path, ParseContext context) {
        JsonObject map = Fields.object(context, value, path);
        if (map == null) {
            return null;
        }
        map.getMap().forEach((alias, target) -> {
            String aliasPath = YamlPath.key(path, alias);
            if (target instanceof JsonObject item) {
                Fields.requiredString(context, item.getValue("model"), YamlPath.key(aliasPath, "model"));
                Fields.bool(context, item.getValue("hidden"), YamlPath.key(aliasPath, "hidden"));
            } else {
                Fields.requiredString(context, target, aliasPath);
            }
        });
        return map;
    }

    private static JsonArray stringList(Object value, String path, ParseContext context) {
        List<String> names = Fields.strings(context, value, path);
        return names == null ? null : new JsonArray(names);
    }
}
