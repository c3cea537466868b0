package dev.junction.gateway.admin;

import static java.util.Map.entry;

import dev.junction.gateway.keys.DurationText;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The settings keys and teams have alike: models, limits, budget, metadata, blocked. */
public final class SharedFields {
    public static final Map<String, FieldType> LIMITS_AND_BUDGET = Map.ofEntries(
            entry("models", FieldType.STRING_LIST),
            entry("max_budget", FieldType.MONEY),
            entry("budget_duration", FieldType.DURATION),
            entry("rpm_limit", FieldType.COUNT),
            entry("tpm_limit", FieldType.COUNT),
            entry("max_parallel_requests", FieldType.SMALL_COUNT),
            entry("metadata", FieldType.OBJECT),
            entry("tags", FieldType.STRING_LIST),
            entry("blocked", FieldType.BOOLEAN));

    private SharedFields() {}

    /** The shared fields plus those of one kind. */
    public static Map<String, FieldType> with(Map<String, FieldType> own) {
        Map<String, FieldType> all = new HashMap<>(LIMITS_AND_BUDGET);
        all.putAll(own);
        return Map.copyOf(all);
    }

    /**
     * The {@code metadata} the request sets (else the current one), with its top-level {@code tags} kept in
     * {@code metadata.tags}, where LiteLLM keeps a key's or team's tags for tag routing.
     */
    public static io.vertx.core.json.JsonObject metadata(AdminRequest request, io.vertx.core.json.JsonObject current) {
        io.vertx.core.json.JsonObject metadata = request.has("metadata")
                ? request.object("metadata").copy()
                : (current == null ? new io.vertx.core.json.JsonObject() : current.copy());
        if (request.has("tags")) {
            metadata.put("tags", new io.vertx.core.json.JsonArray(request.strings("tags")));
        }
        return metadata;
    }

    /**
     * When the budget period ends after this request: a {@code budget_duration} it sets starts a new period
     * now; one it clears ends resets; otherwise the current period goes on.
     */
    public static Instant budgetResetAt(AdminRequest request, Instant current, Instant now) {
        if (!request.has("budget_duration")) {
            return current;
        }
        String duration = request.string("budget_duration");
        return duration == null ? null : now.plus(DurationText.parse(duration));
    }
}
