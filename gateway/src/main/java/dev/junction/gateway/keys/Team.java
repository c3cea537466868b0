package dev.junction.gateway.keys;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A team as stored: limits and a budget shared by all of its keys, and model aliases for them.
 *
 * @param teamId the primary key
 * @param teamAlias a human name, or null
 * @param models the models its keys may call; empty means every model
 * @param modelAliases model name rewrites applied to its keys' requests, before the keys' own aliases
 * @param maxBudget USD the team may spend per budget period (or in all), or null
 * @param budgetDuration LiteLLM duration text after which spend resets, or null
 * @param budgetResetAt when the current budget period ends, or null
 * @param rpmLimit requests per minute over all its keys, or null
 * @param tpmLimit tokens per minute over all its keys, or null
 * @param maxParallelRequests calls in flight at once over all its keys, or null
 * @param metadata free-form. Not to be mutated.
 * @param spend USD spent in the current budget period
 * @param blocked whether its keys are refused
 * @param createdAt when it was made
 * @param updatedAt when it was last changed
 * @param organizationId the organisation whose models and budget bound it, or null
 */
public record Team(
        String teamId,
        String teamAlias,
        List<String> models,
        Map<String, String> modelAliases,
        Double maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        Long rpmLimit,
        Long tpmLimit,
        Integer maxParallelRequests,
        JsonObject metadata,
        double spend,
        boolean blocked,
        Instant createdAt,
        Instant updatedAt,
        String organizationId) {

    public Team {
        Objects.requireNonNull(teamId, "teamId");
        models = models == null ? List.of() : List.copyOf(models);
        modelAliases = modelAliases == null ? Map.of() : Map.copyOf(modelAliases);
        metadata = metadata == null ? new JsonObject() : metadata.copy();
    }

    /** A team of no organisation. */
    public Team(
            String teamId,
            String teamAlias,
            List<String> models,
            Map<String, String> modelAliases,
            Double maxBudget,
            String budgetDuration,
            Instant budgetResetAt,
            Long rpmLimit,
            Long tpmLimit,
            Integer maxParallelRequests,
            JsonObject metadata,
            double spend,
            boolean blocked,
            Instant createdAt,
            Instant updatedAt) {
        this(
                teamId,
                teamAlias,
                models,
                modelAliases,
                maxBudget,
                budgetDuration,
                budgetResetAt,
                rpmLimit,
                tpmLimit,
                maxParallelRequests,
                metadata,
                spend,
                blocked,
                createdAt,
                updatedAt,
                null);
    }
}
