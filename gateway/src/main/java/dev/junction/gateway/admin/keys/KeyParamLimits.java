package dev.junction.gateway.admin.keys;

import dev.junction.cluster.error.GatewayException;
import dev.junction.config.KeyManagementSettings;
import dev.junction.config.PythonRepr;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.keys.DurationText;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * LiteLLM's {@code default_key_generate_params} and {@code upperbound_key_generate_params} applied to a {@code
 * /key/generate} request, in LiteLLM's order: the defaults fill what the request leaves out, then every bounded
 * field is held to its bound, a field still unset taking the bound itself.
 */
final class KeyParamLimits {
    /** The fields a default replaces when the request leaves them out or sends null. */
    private static final List<String> SCALARS = List.of(
            "max_budget",
            "user_id",
            "team_id",
            "max_parallel_requests",
            "tpm_limit",
            "rpm_limit",
            "budget_duration",
            "duration");

    private static final List<String> COUNTS = List.of("max_budget", "max_parallel_requests", "tpm_limit", "rpm_limit");

    private KeyParamLimits() {}

    /** The request as LiteLLM would make the key of it; a 400 naming the field that is over its bound. */
    static AdminRequest apply(AdminRequest request, KeyManagementSettings settings) {
        return withinBounds(withDefaults(request, settings.defaultKeyParams()), settings.upperboundKeyParams());
    }

    private static AdminRequest withDefaults(AdminRequest request, JsonObject defaults) {
        if (defaults == null) {
            return request;
        }
        AdminRequest filled = request;
        for (String field : SCALARS) {
            if (request.value(field) == null && defaults.getValue(field) != null) {
                filled = filled.with(field, defaults.getValue(field));
            }
        }
        // An empty list or map is what LiteLLM's request holds when the field is left out.
        if (request.strings("models").isEmpty() && defaults.getValue("models") != null) {
            filled = filled.with("models", defaults.getJsonArray("models"));
        }
        if (request.object("metadata").isEmpty() && defaults.getValue("metadata") != null) {
            filled = filled.with("metadata", defaults.getJsonObject("metadata"));
        }
        return filled;
    }

    private static AdminRequest withinBounds(AdminRequest request, JsonObject bounds) {
        if (bounds == null) {
            return request;
        }
        AdminRequest bounded = request;
        for (String field : bounds.fieldNames()) {
            Object bound = bounds.getValue(field);
            Object value = request.value(field);
            if (value == null) {
                bounded = bounded.with(field, bound);
            } else if (COUNTS.contains(field) ? over((Number) value, (Number) bound) : longer(value, bound)) {
                throw GatewayException.badField(
                        field,
                        field + " is over max limit set in config - user_value=" + shown(field, value) + "; max_value="
                                + shown(field, bound));
            }
        }
        return bounded;
    }

    private static boolean over(Number value, Number bound) {
        return value.doubleValue() > bound.doubleValue();
    }

    /** Durations compared by their length: {@code 2w} is over {@code 7d}. */
    private static boolean longer(Object value, Object bound) {
        return DurationText.parse((String) value).compareTo(DurationText.parse((String) bound)) > 0;
    }

    /** As LiteLLM prints it: {@code max_budget} is a Python float ({@code 10.0}), the limits ints. */
    private static String shown(String field, Object value) {
        if (field.equals("max_budget")) {
            return PythonRepr.str(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }
}
