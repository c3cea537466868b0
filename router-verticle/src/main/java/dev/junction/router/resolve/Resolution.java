package dev.junction.router.resolve;

import dev.junction.config.Deployment;
import java.util.List;
import java.util.Objects;

/**
 * What a requested model name resolved to.
 *
 * @param modelGroup the group name reported to the client and used to look up fallbacks and retry policies:
 *     the alias itself for an alias, the request string for a wildcard route
 * @param deployments the candidates, never empty
 * @param byId the name was a deployment id: the caller targets that deployment directly and skips cooldown
 *     filtering, which is how a fallback to a specific deployment works
 * @param wildcard the deployments came from a wildcard {@code model_name}; they are copies with the request's
 *     model substituted in, keep the wildcard deployment's id, and are never cooled down
 * @param aliasTarget the group a {@code model_group_alias} pointed at, or null when no alias was involved
 */
public record Resolution(
        String modelGroup, List<Deployment> deployments, boolean byId, boolean wildcard, String aliasTarget) {

    public Resolution {
        Objects.requireNonNull(modelGroup, "modelGroup");
        deployments = List.copyOf(deployments);
        if (deployments.isEmpty()) {
            throw new IllegalArgumentException("a resolution needs at least one deployment");
        }
    }

    static Resolution group(String modelGroup, List<Deployment> deployments) {
        return new Resolution(modelGroup, deployments, false, false, null);
    }

    /** This resolution reached through an alias: the alias becomes the reported group. */
    Resolution viaAlias(String alias) {
        return new Resolution(alias, deployments, byId, wildcard, modelGroup);
    }

    public boolean viaAlias() {
        return aliasTarget != null;
    }
}
