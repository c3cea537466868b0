package dev.junction.gateway.keys;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A virtual key as stored. The key itself is never kept: only its SHA-256 hash ({@code token}).
 *
 * @param token hex SHA-256 of the key; the primary key
 * @param keyName {@code sk-...} plus the key's last four characters, for display
 * @param keyAlias a unique human name, or null
 * @param models the models it may call; empty means every model
 * @param expires when it stops working, or null for never
 * @param maxBudget USD it may spend per budget period (or in all), or null
 * @param budgetDuration LiteLLM duration text ({@code 30d}) after which spend resets, or null
 * @param budgetResetAt when the current budget period ends, or null
 * @param rpmLimit requests per minute, or null
 * @param tpmLimit tokens per minute, or null
 * @param maxParallelRequests calls in flight at once, or null
 * @param metadata free-form; {@code disable_fallbacks} is read from it. Not to be mutated.
 * @param aliases model name rewrites applied to this key's requests
 * @param teamId the team it belongs to, or null
 * @param userId the user it belongs to, or null
 * @param spend USD spent in the current budget period (all time when there is none)
 * @param blocked whether it is refused
 * @param createdAt when it was made
 * @param updatedAt when it was last changed
 * @param allowedCacheControls the response cache controls its requests may set ({@code no-cache}, ...); empty
 *     means any
 */
public record VirtualKey(
        String token,
        String keyName,
        String keyAlias,
        List<String> models,
        Instant expires,
        Double maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        Long rpmLimit,
        Long tpmLimit,
        Integer maxParallelRequests,
        JsonObject metadata,
        Map<String, String> aliases,
        String teamId,
        String userId,
        double spend,
        boolean blocked,
        Instant createdAt,
        Instant updatedAt,
        List<String> allowedCacheControls) {

    public VirtualKey {
        Objects.requireNonNull(token, "token");
        allowedCacheControls = allowedCacheControls == null ? List.of() : List.copyOf(allowedCacheControls);
        models = models == null ? List.of() : List.copyOf(models);
        metadata = metadata == null ? new JsonObject() : metadata.copy();
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    }

    /** A key that may set any cache control. */
    public VirtualKey(
            String token,
            String keyName,
            String keyAlias,
            List<String> models,
            Instant expires,
            Double maxBudget,
            String budgetDuration,
            Instant budgetResetAt,
            Long rpmLimit,
            Long tpmLimit,
            Integer maxParallelRequests,
            JsonObject metadata,
            Map<String, String> aliases,
            String teamId,
            String userId,
            double spend,
            boolean blocked,
            Instant createdAt,
            Instant updatedAt) {
        this(
                token,
                keyName,
                keyAlias,
                models,
                expires,
                maxBudget,
                budgetDuration,
                budgetResetAt,
                rpmLimit,
                tpmLimit,
                maxParallelRequests,
                metadata,
                aliases,
                teamId,
                userId,
                spend,
                blocked,
                createdAt,
                updatedAt,
                List.of());
    }

    /** This key allowed only the given cache controls (empty: any). */
    public VirtualKey withAllowedCacheControls(List<String> controls) {
        return new VirtualKey(
                token,
                keyName,
                keyAlias,
                models,
                expires,
                maxBudget,
                budgetDuration,
                budgetResetAt,
                rpmLimit,
                tpmLimit,
                maxParallelRequests,
                metadata,
                aliases,
                teamId,
                userId,
                spend,
                blocked,
                createdAt,
                updatedAt,
                controls);
    }

    public boolean isExpired(Instant now) {
        return expires != null && !now.isBefore(expires);
    }
}
